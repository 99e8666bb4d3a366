import { Injectable } from '@nestjs/common';
import { DatabaseListener } from '../../platform/notifications/database-listener.service';
import { InvalidatedCache } from '../../platform/notifications/invalidated-cache';
import { PreparedQueries } from '../../platform/sql/prepared-queries.service';

/** Who reaches one patient: the care team, and active emergency grants (user id → expiry, ms since the epoch). */
export interface PatientTeam {
  members: ReadonlySet<string>;
  grants: ReadonlyMap<string, number>;
}

/** The channel the `patient_team_notify_changed` trigger notifies with the patient's id (migration 1765600000000). */
const PATIENT_TEAM_CHANGED = 'patient_team_changed';

/**
 * Each patient's care team and emergency grants, cached in process for the
 * access check every patient-scoped request makes. A committed change to
 * either table notifies every instance, which drops that patient's copy; a
 * grant's expiry is checked against the clock at each use.
 */
@Injectable()
export class PatientTeamCache {
  private readonly cache: InvalidatedCache<string, PatientTeam | null>;

  constructor(
    private readonly prepared: PreparedQueries,
    listener: DatabaseListener,
  ) {
    this.cache = new InvalidatedCache(() => listener.connected, 20_000);
    listener.on(PATIENT_TEAM_CHANGED, (patientId) => this.cache.invalidate(patientId));
    listener.onReset(() => this.cache.clear());
  }

  /** Drops this instance's copy at once (the writer's own next request must not wait for the NOTIFY). */
  forget(patientId: string): void {
    this.cache.invalidate(patientId);
  }

  /** The patient's team, or null when there is no such patient (a miss is never kept). */
  team(patientId: string): Promise<PatientTeam | null> {
    return this.cache.get(patientId, () => this.load(patientId), (team) => team !== null);
  }

  private async load(patientId: string): Promise<PatientTeam | null> {
    const rows = await this.prepared.query<{ members: string[]; grants: [string, number][] }>({
      sql: `SELECT ARRAY(SELECT c.user_id::text FROM care_team_members c WHERE c.patient_id = p.id) AS members,
         ARRAY(SELECT json_build_array(g.user_id, (extract(epoch FROM g.expires_at) * 1000)::float8)
               FROM emergency_access_grants g WHERE g.patient_id = p.id AND g.expires_at > now()) AS grants
       FROM patients p WHERE p.id = $1`,
      params: [patientId],
    });
    const row = rows[0];
    if (!row) return null;
    const grants = new Map<string, number>();
    for (const [userId, expiresAt] of row.grants) grants.set(userId, Math.max(expiresAt, grants.get(userId) ?? 0));
    return { members: new Set(row.members), grants };
  }
}
