import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import type { AuthUser } from '../../common/auth/auth-user';
import type { ReportPeriod } from '../report-period';

export interface DisclosureInput {
  reportId: string;
  format: string;
  period: ReportPeriod;
  purpose: string;
  recipient: string;
  recipientScope: 'program' | 'external';
  /** Within the program: the program user the records went to. */
  recipientUserId?: string;
  patientIds: readonly string[];
  patientsExcluded: number;
}

/**
 * Records an identified export as a disclosure (who, when, report, period,
 * purpose, recipient, the patients included) in the same transaction as its
 * audit event (42 CFR 2.24 accounting of disclosures; HIPAA 164.528).
 */
@Injectable()
export class DisclosureRecorder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  record(user: AuthUser, input: DisclosureInput): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      const [row] = (await manager.query(
        `INSERT INTO report_disclosures (disclosed_by, report_id, format, period_from, period_to, purpose, recipient,
           recipient_scope, patients_excluded)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [user.id, input.reportId, input.format, input.period.from, input.period.to, input.purpose, input.recipient,
          input.recipientScope, input.patientsExcluded],
      )) as { id: string }[];
      const id = (row as { id: string }).id;
      await manager.query(
        `INSERT INTO report_disclosure_patients (disclosure_id, patient_id) SELECT $1, unnest($2::uuid[])`,
        [id, input.patientIds],
      );
      await this.audit.record(
        {
          actor: user,
          action: 'report.disclose',
          resourceType: 'report_disclosure',
          resourceId: id,
          details: {
            report: input.reportId, format: input.format, from: input.period.from, to: input.period.to,
            recipientScope: input.recipientScope, patientsIncluded: input.patientIds.length,
            patientsExcluded: input.patientsExcluded,
            ...(input.recipientUserId ? { recipientUserId: input.recipientUserId } : {}),
          },
        },
        manager,
      );
      return id;
    });
  }
}
