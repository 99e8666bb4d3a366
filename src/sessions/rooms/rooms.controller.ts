import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { RequirePermission } from '../../common/auth/decorators';
import { etagOf, ifMatchFrom } from '../../common/http/etag';
import { CreateRoomDto, RoomPage, RoomQuery, RoomResponse, UpdateRoomDto } from './dto/room.dto';
import { RoomsService } from './rooms.service';

@ApiTags('sessions')
@Controller('rooms')
export class RoomsController {
  constructor(private readonly rooms: RoomsService) {}

  @Get()
  @RequirePermission('rooms.read', { summary: 'Rooms, by name', description: 'Filter with active=true|false.' })
  async list(@Query() query: RoomQuery): Promise<RoomPage> {
    const page = await this.rooms.list(query);
    return { ...page, items: page.items.map((r) => RoomResponse.of(r)) };
  }

  @Post()
  @RequirePermission('rooms.manage', { summary: 'Add a room', description: 'Names are unique (case-insensitive).' })
  async create(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateRoomDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RoomResponse> {
    const room = await this.rooms.create(user, body);
    res.setHeader('ETag', etagOf(room.version));
    return RoomResponse.of(room);
  }

  @Get(':id')
  @RequirePermission('rooms.read', { summary: 'One room (ETag carries the version)' })
  async get(@Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) res: Response): Promise<RoomResponse> {
    const room = await this.rooms.get(id);
    res.setHeader('ETag', etagOf(room.version));
    return RoomResponse.of(room);
  }

  @Patch(':id')
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag from the last read; 412 when stale' })
  @RequirePermission('rooms.manage', {
    summary: 'Rename a room, change its capacity, or retire it (active=false)',
    description:
      'Retiring a room does not touch sessions already booked into it. A capacity below what a session (patients and ' +
      'clinicians) or a support group (seats and facilitators) booked into the room from now on needs is refused with ' +
      '409 `capacity_reached`, naming `capacityNeeded`, `sessionIds`, `meetingIds` and `groupIds`; cancelled and past ' +
      'sessions do not count.',
  })
  async update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateRoomDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RoomResponse> {
    const room = await this.rooms.update(user, id, ifMatchFrom(ifMatch), body);
    res.setHeader('ETag', etagOf(room.version));
    return RoomResponse.of(room);
  }
}
