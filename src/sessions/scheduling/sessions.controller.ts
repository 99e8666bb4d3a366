import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { RequirePermission } from '../../common/auth/decorators';
import { etagOf, ifMatchFrom } from '../../common/http/etag';
import { jsonText } from '../../common/http/json-text';
import { AppConfig } from '../../config/app-config';
import {
  CancelSessionDto,
  CreateSessionDto,
  FreeSlotsQuery,
  FreeSlotsResponse,
  RescheduleSessionDto,
  ScheduleResponse,
  SessionChangeResponse,
  SessionPage,
  SessionQuery,
  SessionResponse,
} from './dto/session.dto';
import { SchedulingService } from './scheduling.service';
import { SessionSearchService } from './session-search.service';

const SLOT_TAKEN =
  '`slot_taken`: a clinician, room or patient is already booked at an overlapping time. ' +
  '`conflicts` lists each collision as `{ sessionId, resource: clinician|room|patient, resourceId }`; nothing was written.';

@ApiTags('sessions')
@Controller('sessions')
export class SessionsController {
  constructor(
    private readonly scheduling: SchedulingService,
    private readonly search: SessionSearchService,
    private readonly config: AppConfig,
  ) {}

  @Post()
  @ApiConflictResponse({ description: SLOT_TAKEN })
  @RequirePermission('sessions.schedule', {
    summary: 'Book a session, or a weekly series of sessions',
    description:
      'Intervals are half-open: a session may start exactly when another ends. With `recurrence`, every occurrence ' +
      'is booked at the same local wall-clock time in the program time zone, or none is (409 lists every collision). ' +
      'The caller must be on the care team of each patient.',
  })
  async schedule(@CurrentUser() user: AuthUser, @Body() body: CreateSessionDto): Promise<ScheduleResponse> {
    const result = await this.scheduling.schedule(user, body);
    return { seriesId: result.seriesId, sessions: result.sessions.map((s) => SessionResponse.of(s)) };
  }

  @Get()
  @ApiOkResponse({ type: SessionPage })
  @RequirePermission('sessions.read', {
    summary: 'Calendar of a clinician, patient or room',
    description:
      'Sessions overlapping [from, to) (at most 366 days). patientId needs care-team access to that patient; ' +
      "other patients appear only as a count, never by id.",
  })
  async list(
    @CurrentUser() user: AuthUser,
    @Query() query: SessionQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    return jsonText(res, await this.search.list(user, query));
  }

  @Get('free-slots')
  @RequirePermission('sessions.read', {
    summary: 'Earliest slots where every given clinician and the room are free',
    description:
      'Within the working hours setting (`sessions.working-hours`, program time zone), never in the past, ' +
      'between from and to (at most 62 days).',
  })
  async freeSlots(@Query() query: FreeSlotsQuery): Promise<FreeSlotsResponse> {
    const slots = await this.search.freeSlots(query);
    return { timeZone: this.config.PROGRAM_TIMEZONE, slots: slots.map((s) => ({ startsAt: s.startsAt, endsAt: s.endsAt })) };
  }

  @Get(':id')
  @RequirePermission('sessions.read', { summary: 'One session (ETag carries the version)' })
  async get(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SessionResponse> {
    const session = await this.search.get(user, id);
    res.setHeader('ETag', etagOf(session.version));
    return SessionResponse.of(session);
  }

  @Patch(':id')
  @ApiHeader({ name: 'If-Match', required: true, description: "The session's ETag; 412 when stale, 428 when missing" })
  @ApiConflictResponse({ description: SLOT_TAKEN })
  @RequirePermission('sessions.schedule', {
    summary: 'Reschedule a session, or it and the rest of its series',
    description:
      '`scope: this` (default) moves this occurrence. `scope: following` also moves every later scheduled occurrence ' +
      'of the series by the same number of local days, to the new local time and duration (and room, when given); ' +
      'If-Match is checked against this session. Sessions with recorded attendance are not moved. ' +
      'Each moved session must fit its room (409 `capacity_reached`), a new room must be active; a session may stay ' +
      'in a room retired since it was booked. ' +
      "Allowed to the session's clinicians and to whoever is on the care team of each of its patients.",
  })
  async reschedule(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RescheduleSessionDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SessionChangeResponse> {
    const result = await this.scheduling.reschedule(user, id, ifMatchFrom(ifMatch), body);
    res.setHeader('ETag', etagOf(result.session.version));
    return { session: SessionResponse.of(result.session), affectedSessionIds: result.affectedSessionIds };
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: false, description: "Optional: the session's ETag; 412 when stale" })
  @RequirePermission('sessions.schedule', {
    summary: 'Cancel a session, or it and the rest of its series',
    description:
      'Records the reason and who cancelled (patient or program). The freed slots can be booked again at once. ' +
      '`scope: following` also cancels every later scheduled occurrence of the series. A cancelled session is final.',
  })
  async cancel(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: CancelSessionDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SessionChangeResponse> {
    const expected = ifMatch === undefined ? undefined : ifMatchFrom(ifMatch);
    const result = await this.scheduling.cancel(user, id, body, expected);
    res.setHeader('ETag', etagOf(result.session.version));
    return { session: SessionResponse.of(result.session), affectedSessionIds: result.affectedSessionIds };
  }
}
