import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Page } from '../../common/http/pagination';
import type { PatientAccess } from '../../patients/access/patient-access';
import { PatientAccessService } from '../../patients/access/patient-access.service';
import type { AccessEntry, DisclosureEntry } from '../dto/accounting.dto';

/** 42 CFR 2.24 (as amended 2024): an accounting of disclosures covers the three years before the request. */
const ACCOUNTING_YEARS = 3;

/**
 * Every access to one patient's record ($1): the audit trail's events on the
 * patient, and the identified exports (disclosures) that included them.
 */
const ACCESS_EVENTS_SQL = `
  SELECT e.occurred_at, e.id AS seq, e.user_id, e.user_role, e.action, e.outcome, e.emergency_access
  FROM audit_events e WHERE e.patient_id = $1
  UNION ALL
  -- List reads that showed the patient among others (audit_events_listed_patients_idx).
  SELECT e.occurred_at, e.id, e.user_id, e.user_role, e.action, e.outcome, e.emergency_access
  FROM audit_events e
  WHERE e.details -> 'patientIds' @> jsonb_build_array($1::text) AND e.patient_id IS DISTINCT FROM $1
  UNION ALL
  SELECT d.disclosed_at, 0, d.disclosed_by, 'admin', 'report.disclose', 'success', false
  FROM report_disclosure_patients p JOIN report_disclosures d ON d.id = p.disclosure_id
  WHERE p.patient_id = $1`;

/** What a patient may ask the program for: the disclosures of their record, and who accessed it. */
@Injectable()
export class PatientAccountingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
  ) {}

  disclosures(access: PatientAccess): Promise<DisclosureEntry[]> {
    const { patientId } = access;
    return this.dataSource.transaction(async (manager) => {
      const rows = (await manager.query(
        `SELECT d.id, d.disclosed_at, d.recipient, d.purpose, d.report_id, d.format,
                d.period_from::text AS period_from, d.period_to::text AS period_to, u.display_name AS disclosed_by
         FROM report_disclosure_patients p
         JOIN report_disclosures d ON d.id = p.disclosure_id
         JOIN users u ON u.id = d.disclosed_by
         WHERE p.patient_id = $1 AND d.disclosed_at >= now() - make_interval(years => $2)
         ORDER BY d.disclosed_at DESC`,
        [patientId, ACCOUNTING_YEARS],
      )) as Record<string, string | Date>[];
      await this.access.record(access, 'disclosures.read', 'patient', patientId, manager);
      return rows.map((r) => ({
        id: r.id as string,
        disclosedAt: r.disclosed_at as Date,
        disclosedBy: r.disclosed_by as string,
        recipient: r.recipient as string,
        purpose: r.purpose as string,
        what: `Report ${String(r.report_id)} (${String(r.format)}), period ${String(r.period_from)} to ${String(r.period_to)}`,
      }));
    });
  }

  accessReport(access: PatientAccess, limit: number, offset: number): Promise<Page<AccessEntry>> {
    const { patientId } = access;
    return this.dataSource.transaction(async (manager) => {
      const [{ total }] = (await manager.query(
        `SELECT count(*)::int AS total FROM (${ACCESS_EVENTS_SQL}) a`, [patientId],
      )) as [{ total: number }];
      const rows = (await manager.query(
        `SELECT a.*, u.display_name FROM (${ACCESS_EVENTS_SQL}) a LEFT JOIN users u ON u.id = a.user_id
         ORDER BY a.occurred_at DESC, a.seq DESC LIMIT $2 OFFSET $3`,
        [patientId, limit, offset],
      )) as Record<string, unknown>[];
      // Recorded after the read, so this request appears in the next report, not in its own.
      await this.access.record(access, 'access-report.read', 'patient', patientId, manager);
      return {
        items: rows.map((r) => ({
          occurredAt: r.occurred_at as Date,
          userId: (r.user_id as string | null) ?? null,
          userName: (r.display_name as string | null) ?? null,
          userRole: (r.user_role as string | null) ?? null,
          action: r.action as string,
          outcome: r.outcome as string,
          emergencyAccess: r.emergency_access as boolean,
        })),
        total, limit, offset,
      };
    });
  }
}
