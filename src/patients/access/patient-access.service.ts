import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { type AuditEntry, AuditService } from '../../platform/audit/audit.service';
import { AuditedError } from '../../platform/audit/audited-error';
import type { AuditOutcome } from '../../platform/audit/entities/audit-event.entity';
import type { AuthUser } from '../../common/auth/auth-user';
import { ADMIN_REACHES_EVERY_PATIENT, EMERGENCY_ACCESS_NOT_ENOUGH, type Permission } from '../../common/auth/permissions';
import { PatientAccess, type PatientReach } from './patient-access';
import { PatientTeamCache } from './patient-team-cache.service';

export { PatientAccess } from './patient-access';

/**
 * The single record-level access check, run by the patient-scoped route guard
 * (and by services for patients named in a request body): clinicians and case
 * managers reach only patients on their care team or, for clinicians, under an
 * active emergency grant; admins reach patients where the permission allows.
 * A patient out of scope is "not found", and the refusal is audited.
 */
@Injectable()
export class PatientAccessService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly teams: PatientTeamCache,
  ) {}

  async require(
    user: AuthUser,
    patientId: string,
    permission: Permission,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<PatientAccess> {
    const [access] = await this.requireMany(user, [patientId], permission, manager);
    return access as PatientAccess;
  }

  /**
   * All or nothing, in one query: access to every patient (sorted by id), or a
   * 404 naming none of them, with one refused-access audit event per patient.
   */
  async requireMany(
    user: AuthUser,
    patientIds: readonly string[],
    permission: Permission,
    manager: EntityManager = this.dataSource.manager,
    options: { sessionClinicianOf?: string; groupFacilitatorOf?: string } = {},
  ): Promise<PatientAccess[]> {
    const reach = await this.reach(user, patientIds, ADMIN_REACHES_EVERY_PATIENT.has(permission), manager, options);
    const refused = [...reach].filter(([, r]) => r.kind !== 'granted');
    if (refused.length > 0) {
      // Outside the caller's transaction, so the refusal stays when it rolls back.
      await this.audit.recordMany(refused.map(([id, r]) => ({
        actor: user, action: 'patient.access', resourceType: 'patient', resourceId: id,
        patientId: r.kind === 'missing' ? null : id, outcome: 'denied' as const,
      })));
      throw new AuditedError('not_found', 'Patient was not found.');
    }
    const accesses = [...reach.values()].flatMap((r) => (r.kind === 'granted' ? [r.access] : []));
    const notEnough = EMERGENCY_ACCESS_NOT_ENOUGH[permission];
    const emergency = accesses.filter((a) => a.emergencyAccess);
    if (notEnough && emergency.length > 0) {
      await this.audit.recordMany(emergency.map((a) => ({
        actor: user, action: notEnough.auditAction, resourceType: 'patient', resourceId: a.patientId,
        patientId: a.patientId, outcome: 'denied' as const, emergencyAccess: true, details: { reason: 'emergency_access' },
      })));
      throw new AuditedError('forbidden', notEnough.detail);
    }
    return accesses;
  }

  /**
   * One patient checked outside a transaction is answered from the cached
   * care team when it grants access; a refusal is confirmed by the database,
   * so a membership added a moment ago on another instance is never refused.
   */
  private async reach(
    user: AuthUser,
    patientIds: readonly string[],
    adminReachesAll: boolean,
    manager: EntityManager,
    options: { sessionClinicianOf?: string; groupFacilitatorOf?: string },
  ): Promise<Map<string, PatientReach>> {
    const [only] = patientIds;
    const plain = options.sessionClinicianOf === undefined && options.groupFacilitatorOf === undefined;
    if (only !== undefined && patientIds.length === 1 && plain && manager === this.dataSource.manager) {
      const cached = await PatientAccess.checkCached(this.teams, user, only, { adminReachesAll });
      if (cached.kind === 'granted') return new Map([[only, cached]]);
    }
    return PatientAccess.check(manager, user, patientIds, { adminReachesAll, ...options });
  }

  /**
   * The caller's access to one patient now, from the cached care team and
   * grants, or null; a refusal is not audited. For the alert stream, which
   * skips an alert the caller no longer reaches: it trusts a cached refusal
   * because the NOTIFY that drops a changed team commits before, and so is
   * handled before, that of any alert raised after the change.
   */
  async cachedAccess(user: AuthUser, patientId: string, permission: Permission): Promise<PatientAccess | null> {
    const reach = await PatientAccess.checkCached(this.teams, user, patientId, {
      adminReachesAll: ADMIN_REACHES_EVERY_PATIENT.has(permission),
    });
    return reach.kind === 'granted' ? reach.access : null;
  }

  /** The subset of patients the caller reaches (lists that span patients show only those), in one query. */
  async visible(
    user: AuthUser,
    patientIds: readonly string[],
    permission: Permission,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<PatientAccess[]> {
    const reach = await PatientAccess.check(manager, user, patientIds, {
      adminReachesAll: ADMIN_REACHES_EVERY_PATIENT.has(permission),
    });
    return [...reach.values()].flatMap((r) => (r.kind === 'granted' ? [r.access] : []));
  }

  /**
   * SQL of the ids of the patients the user's care team or an active emergency
   * grant reaches: the same scope as scopeSql, as a set to drive a list from
   * (an index on patient_id) instead of testing every row of a large table.
   */
  static patientsInScopeSql(userParam: string): string {
    return `SELECT ctm.patient_id FROM care_team_members ctm WHERE ctm.user_id = ${userParam}
      UNION SELECT eag.patient_id FROM emergency_access_grants eag WHERE eag.user_id = ${userParam} AND eag.expires_at > now()`;
  }

  /**
   * SQL condition (on a patient id column) selecting the caller's patients,
   * for lists that span patients; `$n` is the caller's user id parameter.
   */
  static scopeSql(patientIdColumn: string, userParam: string): string {
    return `(EXISTS (SELECT 1 FROM care_team_members ctm WHERE ctm.patient_id = ${patientIdColumn} AND ctm.user_id = ${userParam})
      OR EXISTS (SELECT 1 FROM emergency_access_grants eag WHERE eag.patient_id = ${patientIdColumn}
                 AND eag.user_id = ${userParam} AND eag.expires_at > now()))`;
  }

  /** Audits a read or write of a patient's data under the given access. */
  record(
    access: PatientAccess,
    action: string,
    resourceType: string,
    resourceId: string | null,
    manager?: EntityManager,
    details: Record<string, unknown> = {},
    outcome: AuditOutcome = 'success',
  ): Promise<void> {
    return this.recordAll([access], action, resourceType, resourceId, manager, details, outcome);
  }

  /** The audit event of one action on a patient's data under this access (see auditInsert for hot paths). */
  static auditEntry(
    access: PatientAccess, action: string, resourceType: string, resourceId: string | null, details: Record<string, unknown> = {},
  ): AuditEntry {
    return {
      actor: access.user, action, resourceType, resourceId, patientId: access.patientId,
      emergencyAccess: access.emergencyAccess, outcome: 'success', details,
    };
  }

  /** Audits one action for each patient concerned, in one insert. */
  recordAll(
    accesses: readonly PatientAccess[],
    action: string,
    resourceType: string,
    resourceId: string | null,
    manager?: EntityManager,
    details: Record<string, unknown> = {},
    outcome: AuditOutcome = 'success',
  ): Promise<void> {
    return this.audit.recordMany(
      accesses.map((access) => ({
        actor: access.user, action, resourceType, resourceId, patientId: access.patientId,
        emergencyAccess: access.emergencyAccess, outcome, details,
      })),
      manager,
    );
  }
}
