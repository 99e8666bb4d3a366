import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { RequirePermission } from '../../common/auth/decorators';
import { etagOf, ifMatchFrom } from '../../common/http/etag';
import {
  CreateGroupDto, GroupChangeResponse, GroupPage, GroupQuery, GroupResponse, ReassignFacilitatorsDto, UpdateGroupDto,
} from './dto/group.dto';
import { GroupsService } from './groups.service';

const MEETINGS =
  'Meetings are generated from the schedule (local times in the program time zone) for the rolling horizon ' +
  '(setting `support-groups.meeting-horizon`, default 8 weeks). Each books its room and facilitators through the ' +
  'same exclusion constraints as sessions; an occurrence that would collide is not created and is listed in ' +
  '`skippedMeetings` with what holds the room or facilitator.';

@ApiTags('groups')
@Controller('support-groups')
export class GroupsController {
  constructor(private readonly groups: GroupsService) {}

  @Get()
  @RequirePermission('support-groups.read', { summary: 'Support groups, by name', description: 'Filter by status and kind.' })
  async list(@Query() query: GroupQuery): Promise<GroupPage> {
    return this.groups.list(query);
  }

  @Post()
  @RequirePermission('support-groups.manage', { summary: 'Create a support group', description: MEETINGS })
  async create(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateGroupDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<GroupChangeResponse> {
    const group = await this.groups.create(user, body);
    res.setHeader('ETag', etagOf(group.version));
    return group;
  }

  @Get(':id')
  @RequirePermission('support-groups.read', { summary: 'One support group (ETag carries the version)' })
  async get(@Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) res: Response): Promise<GroupResponse> {
    const group = await this.groups.get(id);
    res.setHeader('ETag', etagOf(group.version));
    return group;
  }

  @Patch(':id')
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag from the last read; 412 when stale' })
  @RequirePermission('support-groups.manage', {
    summary: 'Edit a group: name, kind, facilitators, capacity, schedule from a date on, enrollment, archive',
    description:
      'Lowering capacity below the current membership is refused with 409; raising it seats waiting patients in order. ' +
      "Only the group's active facilitators change `facilitatorIds` (403 otherwise, audited; sending the current list is " +
      'no change): facilitators see the roster by name and record attendance, so no one appoints themselves. ' +
      'A new schedule applies from schedule.firstDate: meetings from then on that have not been held are replaced. ' +
      `Archiving cancels meetings not yet held. ${MEETINGS}`,
  })
  async update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateGroupDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<GroupChangeResponse> {
    const group = await this.groups.update(user, id, ifMatchFrom(ifMatch), body);
    res.setHeader('ETag', etagOf(group.version));
    return group;
  }

  @Put(':id/facilitators')
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag from the last read; 412 when stale' })
  @RequirePermission('support-groups.reassign-facilitators', {
    summary: 'Name the facilitators of a group that has no active facilitator left',
    description:
      'For a group whose facilitators have all been deactivated: an admin names active clinicians or case managers ' +
      "(never an admin) to run it. While the group has an active facilitator this is refused with 403: the group's " +
      `facilitators change the list themselves (PATCH). ${MEETINGS}`,
  })
  async reassignFacilitators(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: ReassignFacilitatorsDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<GroupChangeResponse> {
    const group = await this.groups.update(user, id, ifMatchFrom(ifMatch), { facilitatorIds: body.facilitatorIds });
    res.setHeader('ETag', etagOf(group.version));
    return group;
  }
}
