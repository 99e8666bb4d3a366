import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PG_EXCLUSION_VIOLATION, pgErrorOf } from '../../common/problem/database-errors';
import { AlertsService } from '../../platform/alerts/alerts.service';
import { resourceConflicts } from '../../platform/bookings/resource-bookings';
import type { AuthUser } from '../../common/auth/auth-user';
import { SettingsService } from '../../platform/settings/settings.service';
import { expandSchedule } from '../groups/group-schedule';
import { GroupQueries } from '../groups/group-queries.service';
import type { SkippedMeetingResponse } from '../groups/dto/group.dto';
import { MEETING_HORIZON } from '../support-groups-settings';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Creates a group's meetings from its schedule for the rolling horizon
 * (setting `support-groups.meeting-horizon`). Idempotent: an occurrence that
 * exists (held, scheduled or cancelled) is never created twice. Each meeting
 * books its room and facilitators through the shared booking constraints; one
 * that would collide is not created and is recorded, with what it collides
 * with, in support_group_meeting_skips (retried on the next run). A new
 * meeting is not refused for a member's session booked at its time (the group
 * meets for everyone): that member's case manager gets an alert instead.
 */
@Injectable()
export class MeetingGenerator {
  constructor(
    private readonly settings: SettingsService,
    private readonly groups: GroupQueries,
    private readonly alerts: AlertsService,
  ) {}

  async generate(m: EntityManager, groupId: string, now: Date): Promise<SkippedMeetingResponse[]> {
    const group = await this.groups.lock(m, groupId);
    if (group.status !== 'active') return [];
    const { weeks } = await this.settings.get(MEETING_HORIZON, m);
    const occurrences = expandSchedule(group.schedule, now, new Date(now.getTime() + weeks * WEEK_MS));
    if (occurrences.length === 0) return [];
    const existing = (await m.query(
      `SELECT starts_at FROM support_group_meetings WHERE group_id = $1 AND starts_at = ANY($2::timestamptz[])`,
      [groupId, occurrences.map((o) => o.startsAt)],
    )) as { starts_at: Date }[];
    const taken = new Set(existing.map((r) => r.starts_at.getTime()));
    const facilitators = (await m.query(
      `SELECT user_id::text FROM support_group_facilitators WHERE group_id = $1 ORDER BY user_id`,
      [groupId],
    )) as { user_id: string }[];
    const staffIds = facilitators.map((f) => f.user_id);

    const skipped: SkippedMeetingResponse[] = [];
    const created: string[] = [];
    for (const o of occurrences.filter((x) => !taken.has(x.startsAt.getTime()))) {
      await m.query('SAVEPOINT meeting_occurrence');
      try {
        const [meeting] = (await m.query(
          `INSERT INTO support_group_meetings (group_id, starts_at, ends_at, room_id) VALUES ($1, $2, $3, $4) RETURNING id::text`,
          [groupId, o.startsAt, o.endsAt, group.roomId],
        )) as { id: string }[];
        await m.query(
          `INSERT INTO support_group_meeting_facilitators (meeting_id, user_id) SELECT $1, unnest($2::uuid[])`,
          [meeting?.id, staffIds],
        );
        await m.query('RELEASE SAVEPOINT meeting_occurrence');
        created.push(meeting?.id as string);
        await m.query(`DELETE FROM support_group_meeting_skips WHERE group_id = $1 AND starts_at = $2`, [groupId, o.startsAt]);
      } catch (error) {
        if (pgErrorOf(error)?.code !== PG_EXCLUSION_VIOLATION) throw error;
        await m.query('ROLLBACK TO SAVEPOINT meeting_occurrence');
        const conflicts = (await resourceConflicts(m, { intervals: [o], staffIds, roomId: group.roomId })).map(
          ({ startsAt: _startsAt, resource, ...holder }) => ({ ...holder, resource: resource === 'staff' ? 'facilitator' : 'room' }),
        );
        await m.query(
          `INSERT INTO support_group_meeting_skips (group_id, starts_at, ends_at, conflicts) VALUES ($1, $2, $3, $4)
           ON CONFLICT (group_id, starts_at) DO UPDATE SET conflicts = EXCLUDED.conflicts, detected_at = now()`,
          [groupId, o.startsAt, o.endsAt, JSON.stringify(conflicts)],
        );
        skipped.push({ startsAt: o.startsAt, endsAt: o.endsAt, conflicts });
      }
    }
    await this.alertMembersBookedAt(m, groupId, created);
    return skipped;
  }

  /** Members seated before these meetings existed may hold a session at their time: one alert per member and meeting. */
  private async alertMembersBookedAt(m: EntityManager, groupId: string, meetingIds: string[]): Promise<void> {
    if (meetingIds.length === 0) return;
    const overlaps = (await m.query(
      `SELECT DISTINCT ON (mt.id, ms.patient_id) mt.id::text AS meeting_id, ms.patient_id::text, b.session_id::text
       FROM support_group_meetings mt
       JOIN support_group_memberships ms ON ms.group_id = mt.group_id AND ms.status = 'member' AND mt.ends_at > ms.seated_at
       JOIN patient_session_bookings b ON b.patient_id = ms.patient_id AND b.period && tstzrange(mt.starts_at, mt.ends_at, '[)')
       WHERE mt.id = ANY($1::uuid[])
       ORDER BY mt.id, ms.patient_id, b.session_id`,
      [meetingIds],
    )) as { meeting_id: string; patient_id: string; session_id: string }[];
    for (const o of overlaps) {
      await this.alerts.raise(m, {
        patientId: o.patient_id,
        source: 'support-groups',
        rule: 'meeting_overlaps_session',
        severity: 'warning',
        audience: 'case_manager',
        category: 'engagement',
        message: "A newly scheduled meeting of the patient's support group overlaps one of their sessions: move one of them.",
        reading: { groupId, meetingId: o.meeting_id, sessionId: o.session_id },
        readingId: o.meeting_id,
        dedupeKey: `support-groups:meeting_overlaps_session:${o.meeting_id}:${o.patient_id}`,
      });
    }
  }

  /**
   * Removes the scheduled meetings of a group from `from` on that have no
   * attendance (their bookings go with them), before a new schedule, room or
   * facilitator list is applied from that point. Cancelled meetings stay
   * cancelled: the schedule never recreates them.
   */
  async clearFrom(m: EntityManager, groupId: string, from: Date): Promise<void> {
    await m.query(
      `DELETE FROM support_group_meetings mt WHERE mt.group_id = $1 AND mt.starts_at >= $2 AND mt.status = 'scheduled'
         AND NOT EXISTS (SELECT 1 FROM support_group_attendance a WHERE a.meeting_id = mt.id)`,
      [groupId, from],
    );
    await m.query(`DELETE FROM support_group_meeting_skips WHERE group_id = $1 AND starts_at >= $2`, [groupId, from]);
  }

  /** Cancels the group's meetings from `from` on that have not been held (archiving): calendars show them cancelled. */
  async cancelFrom(m: EntityManager, user: AuthUser, groupId: string, from: Date, reason: string): Promise<void> {
    await m.query(
      `UPDATE support_group_meetings SET status = 'cancelled', cancel_reason = $3, cancelled_at = now(), cancelled_by = $4,
         version = version + 1, updated_at = now()
       WHERE group_id = $1 AND starts_at >= $2 AND status = 'scheduled'`,
      [groupId, from, reason, user.id],
    );
    await m.query(`DELETE FROM support_group_meeting_skips WHERE group_id = $1 AND starts_at >= $2`, [groupId, from]);
  }
}
