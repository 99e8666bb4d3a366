import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import type { AuthUser } from '../../common/auth/auth-user';
import { DomainError, NotFound, ValidationFailed } from '../../common/problem/domain-error';
import { GroupQueries } from '../groups/group-queries.service';
import type { MeetingListResponse, MeetingQuery, MeetingResponse } from './dto/meeting.dto';
import { instantOf, withinFilterRange } from '../../common/http/time-range';

const DAY_MS = 24 * 60 * 60 * 1000;

interface MeetingRow {
  id: string;
  group_id: string;
  starts_at: Date;
  ends_at: Date;
  room_id: string | null;
  status: 'scheduled' | 'cancelled';
  cancel_reason: string | null;
  facilitator_ids: string[];
  version: number;
}

const SELECT = `
  SELECT mt.id::text, mt.group_id::text, mt.starts_at, mt.ends_at, mt.room_id::text, mt.status, mt.cancel_reason, mt.version,
    ARRAY(SELECT f.user_id::text FROM support_group_meeting_facilitators f WHERE f.meeting_id = mt.id ORDER BY f.user_id)
      AS facilitator_ids
  FROM support_group_meetings mt`;

const toResponse = (r: MeetingRow): MeetingResponse => ({
  id: r.id, groupId: r.group_id, startsAt: r.starts_at, endsAt: r.ends_at, roomId: r.room_id, status: r.status,
  cancelReason: r.cancel_reason, facilitatorIds: r.facilitator_ids, version: r.version,
});

/** A group's meetings (no patient data) and cancelling one. */
@Injectable()
export class MeetingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly groups: GroupQueries,
  ) {}

  async list(groupId: string, q: MeetingQuery): Promise<MeetingListResponse> {
    const { from, to } = meetingRange(q);
    const m = this.dataSource.manager;
    const [group] = (await m.query(`SELECT 1 FROM support_groups WHERE id = $1`, [groupId])) as unknown[];
    if (!group) throw new NotFound('Support group');
    const rows = (await m.query(
      `${SELECT} WHERE mt.group_id = $1 AND mt.starts_at >= $2 AND mt.starts_at < $3 ORDER BY mt.starts_at`,
      [groupId, from, to],
    )) as MeetingRow[];
    const skipped = (await m.query(
      `SELECT starts_at AS "startsAt", ends_at AS "endsAt", conflicts FROM support_group_meeting_skips
       WHERE group_id = $1 AND starts_at >= $2 AND starts_at < $3 ORDER BY starts_at`,
      [groupId, from, to],
    )) as MeetingListResponse['skipped'];
    return { items: rows.map(toResponse), skipped };
  }

  /** Cancels one meeting that has not started; its room and facilitators are free again at once. */
  cancel(user: AuthUser, groupId: string, meetingId: string, reason: string): Promise<MeetingResponse> {
    return this.dataSource.transaction(async (m) => {
      await this.groups.lock(m, groupId);
      const meeting = await this.meeting(m, groupId, meetingId);
      if (meeting.status === 'cancelled') throw new DomainError('invalid_transition', 'The meeting is already cancelled.');
      if (meeting.starts_at.getTime() <= Date.now()) {
        throw new DomainError('invalid_transition', 'The meeting has started; it took place.');
      }
      await m.query(
        `UPDATE support_group_meetings SET status = 'cancelled', cancel_reason = $2, cancelled_at = now(), cancelled_by = $3,
           version = version + 1, updated_at = now() WHERE id = $1`,
        [meetingId, reason, user.id],
      );
      await this.audit.record(
        { actor: user, action: 'support-group-meeting.cancel', resourceType: 'support_group_meeting', resourceId: meetingId },
        m,
      );
      return toResponse(await this.meeting(m, groupId, meetingId));
    });
  }

  private async meeting(m: EntityManager, groupId: string, meetingId: string): Promise<MeetingRow> {
    const [row] = (await m.query(`${SELECT} WHERE mt.id = $1 AND mt.group_id = $2`, [meetingId, groupId])) as MeetingRow[];
    if (!row) throw new NotFound('Meeting');
    return row;
  }
}

export function meetingRange(q: MeetingQuery): { from: Date; to: Date } {
  const from = q.from ? instantOf('from', q.from) : new Date(Date.now() - 30 * DAY_MS);
  const to = q.to ? instantOf('to', q.to) : withinFilterRange(from.getTime() + 366 * DAY_MS);
  if (to <= from) throw new ValidationFailed([{ field: 'to', message: 'must be after from' }]);
  if (to.getTime() - from.getTime() > 731 * DAY_MS) throw new ValidationFailed([{ field: 'to', message: 'must be at most 731 days after from' }]);
  return { from, to };
}
