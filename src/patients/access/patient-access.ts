import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import type { PatientTeamCache } from './patient-team-cache.service';

/** Why a caller may or may not reach one patient, as read from the database. */
export type PatientReach =
  | { kind: 'missing' }
  | { kind: 'out_of_scope' }
  | { kind: 'granted'; access: PatientAccess };

interface ReachRow {
  id: string;
  exists: boolean;
  on_team: boolean;
  emergency: boolean;
  facilitates: boolean;
  facilitates_group: boolean;
}

/**
 * Proof that the caller may reach one patient's records: care team, an active
 * emergency grant, or the admin view. The constructor is private, so the only
 * way to get one is `PatientAccess.check`, which asks PostgreSQL; services that
 * read or change a patient's records take this value, never a bare id.
 */
export class PatientAccess {
  /** Makes the type nominal: an object literal with the same fields is not a PatientAccess. */
  private readonly issuedByCheck = true;

  private constructor(
    readonly user: AuthUser,
    readonly patientId: string,
    readonly emergencyAccess: boolean,
  ) {}

  /**
   * One query for many patients: each id maps to missing, out of scope, or a
   * granted access. `adminReachesAll` is decided per permission by the caller;
   * `sessionClinicianOf` lets a session's clinicians reach that session's patients;
   * `groupFacilitatorOf` lets a support group's facilitators reach its members
   * (ever seated), for that group's roster and attendance only.
   */
  static async check(
    manager: EntityManager,
    user: AuthUser,
    patientIds: readonly string[],
    options: { adminReachesAll: boolean; sessionClinicianOf?: string; groupFacilitatorOf?: string },
  ): Promise<Map<string, PatientReach>> {
    const ids = [...new Set(patientIds)].sort();
    const rows = (await manager.query(
      `SELECT ids.id::text AS id,
         p.id IS NOT NULL AS exists,
         EXISTS (SELECT 1 FROM care_team_members c WHERE c.patient_id = ids.id AND c.user_id = $2) AS on_team,
         EXISTS (SELECT 1 FROM emergency_access_grants g
                 WHERE g.patient_id = ids.id AND g.user_id = $2 AND g.expires_at > now()) AS emergency,
         ($3::uuid IS NOT NULL AND EXISTS (
           SELECT 1 FROM session_clinicians sc JOIN session_patients sp ON sp.session_id = sc.session_id
           WHERE sc.session_id = $3 AND sc.clinician_id = $2 AND sp.patient_id = ids.id)) AS facilitates,
         ($4::uuid IS NOT NULL AND EXISTS (
           SELECT 1 FROM support_group_facilitators gf JOIN support_group_memberships gm ON gm.group_id = gf.group_id
           WHERE gf.group_id = $4 AND gf.user_id = $2 AND gm.patient_id = ids.id AND gm.seated_at IS NOT NULL)) AS facilitates_group
       FROM unnest($1::uuid[]) AS ids(id) LEFT JOIN patients p ON p.id = ids.id`,
      [ids, user.id, options.sessionClinicianOf ?? null, options.groupFacilitatorOf ?? null],
    )) as ReachRow[];
    const reach = new Map<string, PatientReach>();
    for (const row of rows) reach.set(row.id, PatientAccess.reachOf(user, row, options.adminReachesAll));
    return reach;
  }

  /**
   * The same decision for one patient from the in-process copy of its care
   * team and emergency grants (no round trip once cached). Only for the plain
   * check: session and group facilitation are always asked of the database.
   */
  static async checkCached(
    teams: PatientTeamCache,
    user: AuthUser,
    patientId: string,
    options: { adminReachesAll: boolean },
  ): Promise<PatientReach> {
    const team = await teams.team(patientId);
    if (!team) return { kind: 'missing' };
    const row: ReachRow = {
      id: patientId, exists: true, on_team: team.members.has(user.id),
      emergency: (team.grants.get(user.id) ?? 0) > Date.now(), facilitates: false, facilitates_group: false,
    };
    return PatientAccess.reachOf(user, row, options.adminReachesAll);
  }

  private static reachOf(user: AuthUser, row: ReachRow, adminReachesAll: boolean): PatientReach {
    if (!row.exists) return { kind: 'missing' };
    if ((user.role === 'admin' && adminReachesAll) || row.on_team || row.facilitates || row.facilitates_group) {
      return { kind: 'granted', access: new PatientAccess(user, row.id, false) };
    }
    if (user.role === 'clinician' && row.emergency) {
      return { kind: 'granted', access: new PatientAccess(user, row.id, true) };
    }
    return { kind: 'out_of_scope' };
  }
}
