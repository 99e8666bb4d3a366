import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../platform/audit/audit.service';
import type { Role } from '../common/auth/roles';
import { JobRunner } from '../platform/jobs/job-runner.service';
import { ScheduledJob } from '../platform/jobs/scheduled-job';

/**
 * Every minute: records the end of each emergency-access grant that has
 * expired, once, so the audit trail shows when "break the glass" access
 * started and when it stopped (HIPAA 45 CFR 164.312(a)(2)(ii), emergency
 * access procedure; 164.312(b), audit controls).
 */
@Injectable()
export class EmergencyAccessExpiryJob extends ScheduledJob {
  static readonly NAME = 'patients.emergency-access-expiry';
  readonly name = EmergencyAccessExpiryJob.NAME;
  readonly intervalMs = 60_000;

  constructor(
    jobs: JobRunner,
    private readonly audit: AuditService,
  ) {
    super(jobs);
  }

  async run(manager: EntityManager, now: Date): Promise<number> {
    const ended = (await manager.query(
      `SELECT g.id, g.patient_id AS "patientId", g.user_id AS "userId", u.role, g.expires_at AS "expiresAt"
       FROM emergency_access_grants g JOIN users u ON u.id = g.user_id
       WHERE g.expires_at <= $1
         AND NOT EXISTS (SELECT 1 FROM audit_events e
                         WHERE e.action = 'patient.emergency-access-end' AND e.resource_id = g.id::text)
       ORDER BY g.expires_at LIMIT 500`,
      [now],
    )) as { id: string; patientId: string; userId: string; role: Role; expiresAt: Date }[];
    for (const grant of ended) {
      await this.audit.record(
        {
          actor: { id: grant.userId, role: grant.role },
          action: 'patient.emergency-access-end',
          resourceType: 'emergency_access_grant',
          resourceId: grant.id,
          patientId: grant.patientId,
          emergencyAccess: true,
          details: { expiredAt: grant.expiresAt },
        },
        manager,
      );
    }
    return ended.length;
  }
}
