import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { DomainError, NotFound, ValidationFailed } from '../../common/problem/domain-error';
import { AuditService } from '../../platform/audit/audit.service';
import type { PatientAccess } from '../../patients/access/patient-access';
import { PatientAccessService } from '../../patients/access/patient-access.service';
import { GroupQueries } from '../groups/group-queries.service';
import type { JoinGroupDto, MembersResponse, MembershipResponse, RosterEntryResponse } from './dto/membership.dto';
import { SeatConflicts } from './seat-conflicts.service';
import { SeatAllocator } from './seat-allocator.service';

interface MembershipRow {
  id: string;
  group_id: string;
  patient_id: string;
  status: MembershipResponse['status'];
  position: number | null;
  requested_at: Date;
  seated_at: Date | null;
  promoted_from_waitlist: boolean;
  display_name: string;
}

/** Current memberships with waitlist positions 1..n in arrival order. */
const CURRENT = `
  SELECT x.id::text, x.group_id::text, x.patient_id::text, x.status, x.requested_at, x.seated_at, x.promoted_from_waitlist,
    CASE WHEN x.status = 'waitlisted'
      THEN (SELECT count(*)::int FROM support_group_memberships w
            WHERE w.group_id = x.group_id AND w.status = 'waitlisted' AND w.arrival <= x.arrival) END AS position,
    p.given_name || ' ' || p.family_name AS display_name
  FROM support_group_memberships x JOIN patients p ON p.id = x.patient_id
  WHERE x.group_id = $1 AND x.status IN ('member', 'waitlisted')`;

const toResponse = (r: MembershipRow): MembershipResponse => ({
  id: r.id, groupId: r.group_id, patientId: r.patient_id, status: r.status, position: r.position,
  requestedAt: r.requested_at, seatedAt: r.seated_at, promotedFromWaitlist: r.promoted_from_waitlist,
});

/**
 * Joining and leaving a group. Every change locks the group row FOR UPDATE
 * first, so seats and waitlist places are handed out one request at a time
 * across instances; the capacity trigger enforces the same in the database.
 */
@Injectable()
export class MembershipService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
    private readonly audit: AuditService,
    private readonly seats: SeatAllocator,
    private readonly groups: GroupQueries,
    private readonly seatConflicts: SeatConflicts,
  ) {}

  /** `accesses` holds the guard's proof for the patient named in the body (none when the body names no valid id). */
  join(accesses: readonly PatientAccess[], groupId: string, dto: JoinGroupDto): Promise<MembershipResponse> {
    const [access] = accesses;
    if (!access) throw new ValidationFailed([{ field: 'patientId', message: 'patientId must be a UUID' }]);
    const { user, patientId } = access;
    return this.dataSource.transaction(async (m) => {
      const group = await this.groups.lock(m, groupId);
      if (group.status !== 'active') throw new DomainError('invalid_transition', 'The group is archived; nobody joins it.');
      if (group.enrollment === 'closed' && dto.referral === undefined) {
        throw new DomainError('referral_required', 'The group is closed: joining needs a referral.', { field: 'referral' });
      }
      const [current] = (await m.query(`${CURRENT} AND x.patient_id = $2`, [groupId, patientId])) as MembershipRow[];
      if (current) {
        throw new DomainError('already_member', `The patient is already ${current.status === 'member' ? 'a member' : 'on the waitlist'}.`);
      }
      const [{ taken } = { taken: 0 }] = (await m.query(
        `SELECT count(*)::int AS taken FROM support_group_memberships WHERE group_id = $1 AND status = 'member'`,
        [groupId],
      )) as { taken: number }[];
      const seated = taken < group.capacity;
      const conflicts = seated ? await this.seatConflicts.lockedFor(m, groupId, patientId) : [];
      if (conflicts.length > 0) {
        throw new DomainError(
          'slot_taken',
          "The patient is booked into sessions at the times of the group's meetings; move or cancel them first. Nothing was changed.",
          { conflicts },
        );
      }
      const [row] = (await m.query(
        `INSERT INTO support_group_memberships (group_id, patient_id, status, referral, seated_at, added_by)
         VALUES ($1, $2, $3, $4, CASE WHEN $3 = 'member' THEN clock_timestamp() END, $5) RETURNING id::text`,
        [groupId, patientId, seated ? 'member' : 'waitlisted', dto.referral ?? null, user.id],
      )) as { id: string }[];
      const [created] = (await m.query(`${CURRENT} AND x.id = $2`, [groupId, row?.id])) as MembershipRow[];
      const membership = toResponse(created as MembershipRow);
      await this.access.record(access, 'support-group.join', 'support_group', groupId, m, {
        membershipId: membership.id, status: membership.status, position: membership.position,
      });
      return membership;
    });
  }

  leave(access: PatientAccess, groupId: string, reason: string): Promise<void> {
    const { user, patientId } = access;
    return this.dataSource.transaction(async (m) => {
      await this.groups.lock(m, groupId);
      const [current] = (await m.query(`${CURRENT} AND x.patient_id = $2`, [groupId, patientId])) as MembershipRow[];
      if (!current) throw new NotFound('Membership');
      await m.query(
        `UPDATE support_group_memberships SET status = 'left', left_at = clock_timestamp(), leave_reason = $2, left_by = $3
         WHERE id = $1`,
        [current.id, reason, user.id],
      );
      await this.access.record(access, 'support-group.leave', 'support_group', groupId, m, {
        membershipId: current.id, previousStatus: current.status,
      });
      if (current.status === 'member') await this.seats.seatWaiting(m, user, groupId);
    });
  }

  /** Facilitators get the roster (names only); everyone gets the members they may see through the care team. */
  list(user: AuthUser, groupId: string): Promise<MembersResponse> {
    return this.dataSource.transaction(async (m) => {
      await this.requireGroup(m, groupId);
      const rows = (await m.query(`${CURRENT} ORDER BY x.status, x.arrival`, [groupId])) as MembershipRow[];
      const accesses = await this.access.visible(user, rows.map((r) => r.patient_id), 'support-groups.read', m);
      const visible = new Set(accesses.map((a) => a.patientId));
      const facilitates = await this.groups.facilitates(m, groupId, user.id);
      let roster: RosterEntryResponse[] | null = null;
      if (facilitates) {
        roster = rows.map((r) => ({ patientId: r.patient_id, displayName: r.display_name, status: r.status, position: r.position }));
      }
      const items = rows.filter((r) => visible.has(r.patient_id)).map(toResponse);
      await this.access.recordAll(accesses, 'support-group.roster-read', 'support_group', groupId, m);
      // Facilitators read the names of members outside their care team: audited, without any access to their records.
      await this.audit.recordMany(
        rows.filter((r) => facilitates && !visible.has(r.patient_id)).map((r) => ({
          actor: user, action: 'support-group.roster-read', resourceType: 'support_group', resourceId: groupId,
          patientId: r.patient_id, details: { asFacilitator: true },
        })),
        m,
      );
      return {
        memberCount: rows.filter((r) => r.status === 'member').length,
        waitlistCount: rows.filter((r) => r.status === 'waitlisted').length,
        roster,
        items,
      };
    });
  }

  private async requireGroup(m: EntityManager, groupId: string): Promise<void> {
    const [row] = (await m.query(`SELECT 1 FROM support_groups WHERE id = $1`, [groupId])) as unknown[];
    if (!row) throw new NotFound('Support group');
  }
}
