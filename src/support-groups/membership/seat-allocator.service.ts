import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AlertsService } from '../../platform/alerts/alerts.service';
import type { AuthUser } from '../../common/auth/auth-user';
import { AuditService } from '../../platform/audit/audit.service';
import { type WaitingEntry, nextInLine } from './waitlist';

/**
 * Fills free seats from the waitlist, first come first served, inside the
 * caller's transaction (which holds the group row lock). Each seated patient's
 * case manager gets an alert; the promotion is recorded with its time.
 */
@Injectable()
export class SeatAllocator {
  constructor(
    private readonly alerts: AlertsService,
    private readonly audit: AuditService,
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
    for (const next of nextInLine(waiting, seats?.free ?? 0)) {
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
}
