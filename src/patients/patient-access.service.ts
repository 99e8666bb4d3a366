import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuditedError } from '../audit/failed-request-audit.interceptor';
import type { AuditOutcome } from '../audit/entities/audit-event.entity';
import type { AuthUser } from '../common/auth/auth-user';

/** Why the caller may see this patient: care team, an emergency grant, or the admin view of demographics. */
export interface PatientAccess {
  user: AuthUser;
  patientId: string;
  emergencyAccess: boolean;
}

/**
 * The single record-level access check (the route guard has already checked
 * the permission): clinicians and case managers reach only patients on their
 * care team or, for clinicians, under an active emergency grant; admins reach
 * demographics of every patient. A patient out of scope is "not found".
 */
@Injectable()
export class PatientAccessService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async require(
    user: AuthUser,
    patientId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<PatientAccess> {
    const [row] = (await manager.query(
      `SELECT
         EXISTS (SELECT 1 FROM care_team_members c WHERE c.patient_id = p.id AND c.user_id = $2) AS on_team,
         EXISTS (SELECT 1 FROM emergency_access_grants g
                 WHERE g.patient_id = p.id AND g.user_id = $2 AND g.expires_at > now()) AS emergency
       FROM patients p WHERE p.id = $1`,
      [patientId, user.id],
    )) as { on_team: boolean; emergency: boolean }[];
    if (row && (user.role === 'admin' || row.on_team)) {
      return { user, patientId, emergencyAccess: false };
    }
    if (row && user.role === 'clinician' && row.emergency) {
      return { user, patientId, emergencyAccess: true };
    }
    await this.audit.record({
      actor: user, action: 'patient.access', resourceType: 'patient', resourceId: patientId,
      patientId: row ? patientId : null, outcome: 'denied',
    });
    throw new AuditedError('not_found', 'Patient was not found.');
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
    return this.audit.record(
      {
        actor: access.user,
        action,
        resourceType,
        resourceId,
        patientId: access.patientId,
        emergencyAccess: access.emergencyAccess,
        outcome,
        details,
      },
      manager,
    );
  }
}
