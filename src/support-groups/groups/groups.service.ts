import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import type { AuthUser } from '../../common/auth/auth-user';
import type { Page } from '../../common/http/pagination';
import { DomainError, StaleVersion, ValidationFailed } from '../../common/problem/domain-error';
import { AuditedError } from '../../platform/audit/audited-error';
import { AppConfig } from '../../config/app-config';
import { MeetingGenerator } from '../meetings/meeting-generator.service';
import { SeatAllocator } from '../membership/seat-allocator.service';
import type { CreateGroupDto, GroupChangeResponse, GroupQuery, GroupResponse, ScheduleDto, UpdateGroupDto } from './dto/group.dto';
import { FACILITATOR_CHANGE_REFUSALS, changesFacilitators, facilitatorChangeRefusal } from './facilitator-change';
import { GroupQueries } from './group-queries.service';
import { type GroupSchedule, scheduleErrors } from './group-schedule';
import type { IfMatch } from '../../common/http/etag';

/** Creating, reading and editing support groups; meetings follow the schedule. */
@Injectable()
export class GroupsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly generator: MeetingGenerator,
    private readonly seats: SeatAllocator,
    private readonly groups: GroupQueries,
    private readonly config: AppConfig,
  ) {}

  async list(q: GroupQuery): Promise<Page<GroupResponse>> {
    const page = await this.groups.page(this.dataSource.manager, q);
    return { ...page, limit: q.limit, offset: q.offset };
  }

  get(id: string): Promise<GroupResponse> {
    return this.groups.view(this.dataSource.manager, id);
  }

  create(user: AuthUser, dto: CreateGroupDto, now = new Date()): Promise<GroupChangeResponse> {
    const schedule = this.schedule(dto.schedule);
    if ((dto.roomId === undefined) === (dto.videoUrl === undefined)) {
      throw new ValidationFailed([{ field: 'roomId', message: 'give exactly one of roomId or videoUrl' }]);
    }
    return this.dataSource.transaction(async (m) => {
      await this.requireStaff(m, dto.facilitatorIds);
      if (dto.roomId) await this.requireRoom(m, dto.roomId);
      const [row] = (await m.query(
        `INSERT INTO support_groups (name, kind, capacity, weekdays, start_time, end_time, first_date, last_date, time_zone,
           room_id, video_url, enrollment, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id::text`,
        [
          dto.name, dto.kind, dto.capacity, schedule.weekdays, schedule.startTime, schedule.endTime, schedule.firstDate,
          schedule.lastDate, schedule.timeZone, dto.roomId ?? null, dto.videoUrl ?? null, dto.enrollment, user.id,
        ],
      )) as { id: string }[];
      const id = (row as { id: string }).id;
      await this.setFacilitators(m, id, dto.facilitatorIds);
      await this.requireRoomHoldsGroup(m, id);
      const skippedMeetings = await this.generator.generate(m, id, now);
      await this.audit.record({ actor: user, action: 'support-group.create', resourceType: 'support_group', resourceId: id }, m);
      return { ...(await this.groups.view(m, id)), skippedMeetings };
    });
  }

  update(user: AuthUser, id: string, expected: IfMatch, dto: UpdateGroupDto, now = new Date()): Promise<GroupChangeResponse> {
    const schedule = dto.schedule ? this.schedule(dto.schedule) : undefined;
    if (dto.roomId !== undefined && dto.videoUrl !== undefined) {
      throw new ValidationFailed([{ field: 'roomId', message: 'give at most one of roomId or videoUrl' }]);
    }
    const relocated = dto.roomId !== undefined || dto.videoUrl !== undefined;
    return this.dataSource.transaction(async (m) => {
      const current = await this.groups.lock(m, id);
      if (!expected.matches(current.version)) throw new StaleVersion(current.version);
      const facilitatorIds = await this.facilitatorChange(m, user, id, dto.facilitatorIds);
      if (facilitatorIds) await this.requireStaff(m, facilitatorIds);
      if (dto.roomId) await this.requireRoom(m, dto.roomId);
      if (dto.capacity !== undefined) await this.refuseCapacityBelowMembers(m, id, dto.capacity);
      await m.query(
        `UPDATE support_groups SET name = coalesce($2, name), kind = coalesce($3, kind), capacity = coalesce($4, capacity),
           enrollment = coalesce($5, enrollment), status = coalesce($6, status),
           weekdays = coalesce($7, weekdays), start_time = coalesce($8::time, start_time), end_time = coalesce($9::time, end_time),
           first_date = coalesce($10::date, first_date),
           last_date = CASE WHEN $11 THEN $12::date ELSE last_date END,
           room_id = CASE WHEN $13 THEN $14::uuid ELSE room_id END, video_url = CASE WHEN $13 THEN $15 ELSE video_url END,
           version = version + 1, updated_at = now()
         WHERE id = $1`,
        [
          id, dto.name ?? null, dto.kind ?? null, dto.capacity ?? null, dto.enrollment ?? null, dto.status ?? null,
          schedule?.weekdays ?? null, schedule?.startTime ?? null, schedule?.endTime ?? null, schedule?.firstDate ?? null,
          schedule !== undefined, schedule?.lastDate ?? null, relocated, dto.roomId ?? null, dto.videoUrl ?? null,
        ],
      );
      if (facilitatorIds) {
        await m.query(`DELETE FROM support_group_facilitators WHERE group_id = $1`, [id]);
        await this.setFacilitators(m, id, facilitatorIds);
      }
      await this.requireRoomHoldsGroup(m, id);
      let skippedMeetings: GroupChangeResponse['skippedMeetings'] = [];
      if (dto.status === 'archived' && current.status === 'active') {
        await this.generator.cancelFrom(m, user, id, now, 'The group was archived.');
      } else if (schedule || facilitatorIds || relocated || (dto.status === 'active' && current.status === 'archived')) {
        // Meetings not yet held are rebuilt from the point the change applies.
        const from = schedule ? new Date(Math.max(now.getTime(), this.localMidnight(schedule))) : now;
        await this.generator.clearFrom(m, id, from);
        skippedMeetings = await this.generator.generate(m, id, now);
      }
      if (dto.capacity !== undefined && dto.capacity > current.capacity) await this.seats.seatWaiting(m, user, id);
      await this.audit.record(
        { actor: user, action: 'support-group.update', resourceType: 'support_group', resourceId: id, details: { fields: Object.keys(dto) } },
        m,
      );
      return { ...(await this.groups.view(m, id)), skippedMeetings };
    });
  }

  private schedule(dto: ScheduleDto): GroupSchedule {
    const schedule: GroupSchedule = { ...dto, lastDate: dto.lastDate ?? null, timeZone: this.config.PROGRAM_TIMEZONE };
    const errors = scheduleErrors(schedule);
    if (errors.length > 0) throw new ValidationFailed(errors);
    return schedule;
  }

  /** Start of the schedule's first date in the program zone: the point from which a new schedule applies. */
  private localMidnight(s: GroupSchedule): number {
    return DateTime.fromISO(s.firstDate, { zone: s.timeZone }).startOf('day').toMillis();
  }

  /**
   * The new facilitator list when it changes and the caller may change it
   * (facilitator-change.ts); undefined when the list stays as it is. A refusal
   * is a 403 audited outside the transaction, which rolls back.
   */
  private async facilitatorChange(
    m: EntityManager,
    user: AuthUser,
    id: string,
    proposed: string[] | undefined,
  ): Promise<string[] | undefined> {
    if (!proposed) return undefined;
    const rows = (await m.query(
      `SELECT f.user_id::text, (u.active AND u.role IN ('clinician', 'case_manager')) AS active
       FROM support_group_facilitators f JOIN users u ON u.id = f.user_id WHERE f.group_id = $1`,
      [id],
    )) as { user_id: string; active: boolean }[];
    if (!changesFacilitators(rows.map((r) => r.user_id), proposed)) return undefined;
    const refusal = facilitatorChangeRefusal(user, rows.filter((r) => r.active).map((r) => r.user_id));
    if (!refusal) return proposed;
    await this.audit.record({
      actor: user, action: 'support-group.change-facilitators', resourceType: 'support_group', resourceId: id,
      outcome: 'denied', details: { reason: refusal },
    });
    throw new AuditedError('forbidden', FACILITATOR_CHANGE_REFUSALS[refusal], { reason: refusal });
  }

  private async refuseCapacityBelowMembers(m: EntityManager, id: string, capacity: number): Promise<void> {
    const [row] = (await m.query(
      `SELECT count(*)::int AS n FROM support_group_memberships WHERE group_id = $1 AND status = 'member'`,
      [id],
    )) as { n: number }[];
    const members = row?.n ?? 0;
    if (capacity < members) {
      throw new DomainError('capacity_reached', `The group has ${members} members; capacity cannot go below that.`, {
        members, capacity,
      });
    }
  }

  private async requireStaff(m: EntityManager, ids: string[]): Promise<void> {
    const rows = (await m.query(
      `SELECT id::text FROM users WHERE id = ANY($1::uuid[]) AND role IN ('clinician', 'case_manager') AND active`,
      [ids],
    )) as { id: string }[];
    const found = new Set(rows.map((r) => r.id));
    const missing = ids.filter((i) => !found.has(i));
    if (missing.length > 0) {
      throw new DomainError('facilitator_not_active', 'Every facilitatorId must be an active clinician or case manager.', { facilitatorIds: missing });
    }
  }

  /**
   * Every seat and facilitator must fit in the group's room, as a session's people must fit in its room. The room
   * stays locked FOR SHARE until commit, so lowering its capacity (rooms.service.ts) cannot slip in between.
   */
  private async requireRoomHoldsGroup(m: EntityManager, id: string): Promise<void> {
    const [fit] = (await m.query(
      `SELECT g.capacity, r.capacity AS room_capacity,
         (SELECT count(*)::int FROM support_group_facilitators f WHERE f.group_id = g.id) AS facilitators
       FROM support_groups g JOIN rooms r ON r.id = g.room_id WHERE g.id = $1 FOR SHARE OF r`,
      [id],
    )) as { capacity: number; room_capacity: number; facilitators: number }[];
    if (fit && fit.capacity + fit.facilitators > fit.room_capacity) {
      throw new DomainError('capacity_reached',
        `The room holds ${fit.room_capacity}; ${fit.capacity} members and ${fit.facilitators} facilitator(s) do not fit.`, {
          field: 'capacity', roomCapacity: fit.room_capacity, capacity: fit.capacity, facilitators: fit.facilitators,
        });
    }
  }

  private async requireRoom(m: EntityManager, roomId: string): Promise<void> {
    const [room] = (await m.query(`SELECT 1 FROM rooms WHERE id = $1 AND active`, [roomId])) as unknown[];
    if (!room) throw new DomainError('room_not_active', 'roomId does not name an active room.', { roomId });
  }

  private async setFacilitators(m: EntityManager, id: string, userIds: string[]): Promise<void> {
    await m.query(`INSERT INTO support_group_facilitators (group_id, user_id) SELECT $1, unnest($2::uuid[])`, [id, userIds]);
  }
}
