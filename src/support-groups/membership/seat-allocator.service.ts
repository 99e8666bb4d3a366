import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AlertsService } from '../../platform/alerts/alerts.service';
import type { AuthUser } from '../../common/auth/auth-user';
import { AuditService } from '../../platform/audit/audit.service';
import { SeatConflicts } from './seat-conflicts.service';
import { type WaitingEntry, nextInLine } from './waitlist';

/**
 * Fills free seats from the waitlist, first come first served, inside the
 * caller's transaction (which holds the group row lock). Each seated patient's
 * case manager gets an alert; the promotion is recorded with its time. A
 * patient booked into sessions at the group's meeting times is passed over
 * (a seat would double-book them) and their case manager is told why.
 */
@Injectable()
export class SeatAllocator {
  constructor(
    private readonly alerts: AlertsService,
    private readonly audit: AuditService,
    private readonly seatConflicts: SeatConflicts,
  ) {}

  async seatWaiting(m: EntityManager, user: AuthUser, groupId: string): Promise<void> {
    const [seats] = (await m.query(
      `SELECT g.capacity - (SELECT count(*)::int FROM support_group_memberships x
                            WHERE x.group_id = g.id AND x.status = 'member') AS free
       FROM support_groups g WHERE g.id = $1`,
      [groupId],
    )) as { free: number }[];
    const waiting = (await m.query(
      `SELECT id::text AS "membershipId", patient_id::text AS "patientId", arrival::int AS arrival
       FROM support_group_memberships WHERE group_id = $1 AND status = 'waitlisted'`,
      [groupId],
    )) as WaitingEntry[];
    const { seated, passedOver } = await nextInLine(
      waiting, seats?.free ?? 0, async (next) => (await this.seatConflicts.lockedFor(m, groupId, next.patientId)).length === 0,
    );
    for (const next of passedOver) await this.raisePassedOver(m, groupId, next);
    for (const next of seated) {
      await m.query(
        `UPDATE support_group_memberships SET status = 'member', seated_at = clock_timestamp(), promoted_from_waitlist = true
         WHERE id = $1`,
        [next.membershipId],
      );
      // The promotion happens for the group, not under the caller's access to this patient: audited as such.
      await this.audit.record({
        actor: user, action: 'support-group.promote', resourceType: 'support_group', resourceId: groupId,
        patientId: next.patientId, details: { membershipId: next.membershipId },
      }, m);
      await this.alerts.raise(m, {
        patientId: next.patientId,
        source: 'support-groups',
        rule: 'waitlist_seat_assigned',
        severity: 'warning',
        audience: 'case_manager',
        category: 'engagement',
        message: 'A support-group seat opened and the patient, first on the waitlist, now has it: let them know.',
        reading: { groupId, membershipId: next.membershipId },
        readingId: next.membershipId,
        dedupeKey: `support-groups:waitlist_seat_assigned:${next.membershipId}`,
      });
    }
  }

  /** The patient keeps their place; their case manager learns why the seat went to the next in line. */
  private async raisePassedOver(m: EntityManager, groupId: string, entry: WaitingEntry): Promise<void> {
    await this.alerts.raise(m, {
      patientId: entry.patientId,
      source: 'support-groups',
      rule: 'waitlist_seat_blocked',
      severity: 'warning',
      audience: 'case_manager',
      category: 'engagement',
      message:
        "A support-group seat opened, but the patient's sessions overlap the group's meetings, so it went to the next in line: " +
        'move those sessions for the patient to take the next free seat.',
      reading: { groupId, membershipId: entry.membershipId },
      readingId: entry.membershipId,
      dedupeKey: `support-groups:waitlist_seat_blocked:${entry.membershipId}`,
    });
  }
}
