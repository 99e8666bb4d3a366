import { pipeline, Transform } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { AuditService } from '../platform/audit/audit.service';
import type { AuthUser } from '../common/auth/auth-user';
import type { Role } from '../common/auth/roles';
import { roleHas } from '../common/auth/permissions';
import type { FieldError } from '../common/field-error';
import { DomainError, NotFound, ValidationFailed } from '../common/problem/domain-error';
import { AppConfig } from '../config/app-config';
import { SettingsService } from '../platform/settings/settings.service';
import { findReport } from './catalogue/catalogue';
import type { ReportColumn, ReportDefinition } from './catalogue/report-definition';
import type { CountPartition } from './privacy/complementary-suppression';
import { DisclosureRecorder } from './disclosures/disclosure-recorder.service';
import type { ReportQuery } from './dto/report-query.dto';
import { CsvCopyRecords } from './output/csv-copy-records';
import { csvCopySql, inlineParameters } from './output/csv-copy-sql';
import type { ReportOutput } from './output/report-output';
import { resolveReportKeySecret } from './privacy/report-key-secret';
import { REDISCLOSURE_NOTICE } from './privacy/redisclosure-notice';
import { reportPeriod, wholeSecond, type ReportPeriod } from './report-period';
import { outputColumns, type RowShaping, shapeRow, shapeTable } from './report-rows';
import { ReportingDatabase, type ReportingSession } from './reporting-database.service';
import { SMALL_CELL } from './reports-settings';
import {
  consentedPatientsSql, identifiedSql, patientSetSql, programRecipientSql, queryParams, recipientsPatientsSql,
} from './report-sql';

/** Whether instants in the zone are written with `Z` (as luxon does for UTC itself) rather than an offset. */
function zoneIsUtc(timeZone: string): boolean {
  const now = DateTime.now().setZone(timeZone);
  return now.zone.isUniversal && now.offset === 0;
}

/**
 * Shapes an aggregate report whose rows add up to shared margins only once
 * all its rows are in (they are few: one per group), then passes them on.
 */
function tableShaper(
  columns: readonly ReportColumn[], shaping: RowShaping, partitions: readonly CountPartition[], groupBy: string,
): Transform {
  const table: Record<string, unknown>[] = [];
  return new Transform({
    objectMode: true,
    transform(row: Record<string, unknown>, _encoding, done) {
      table.push(row);
      done();
    },
    flush(done) {
      for (const cells of shapeTable(columns, table, shaping, partitions, groupBy)) this.push(cells);
      done();
    },
  });
}

/** Who runs a report: a user through the API, or the command line (no user). */
export type ReportActor = AuthUser | null;

/**
 * Runs one report: validates the request, opens the read-only snapshot,
 * records the disclosure or the audit event, and hands back the rows as a
 * stream. The caller writes them in a format and must consume or destroy it.
 */
@Injectable()
export class ReportRunner {
  private readonly secret: string;

  constructor(
    private readonly database: ReportingDatabase,
    private readonly settings: SettingsService,
    private readonly audit: AuditService,
    private readonly disclosures: DisclosureRecorder,
    private readonly config: AppConfig,
  ) {
    this.secret = resolveReportKeySecret(config);
  }

  period(from: string, to: string): ReportPeriod {
    const period = reportPeriod(from, to, this.config.PROGRAM_TIMEZONE);
    if (typeof period === 'string') throw new ValidationFailed([{ field: 'to', message: period }]);
    return period;
  }

  /** How many rows a report will have (for the command line's progress), counted in its own snapshot. */
  async countRows(id: string, from: string, to: string): Promise<number> {
    const report = findReport(id);
    if (!report) throw new NotFound('Report');
    const period = this.period(from, to);
    const sql = `SELECT count(*)::int AS n FROM (${report.sql}) r`;
    const session = await this.database.open();
    try {
      const [row] = await session.query<{ n: number }>(sql, queryParams(sql, [period.start, period.end, period.timeZone]));
      await session.close(false);
      return row?.n ?? 0;
    } catch (error) {
      await session.close(true);
      throw error;
    }
  }

  async run(actor: ReportActor, id: string, query: ReportQuery): Promise<ReportOutput> {
    const report = findReport(id);
    if (!report) throw new NotFound('Report');
    const period = this.period(query.from, query.to);
    this.checkIdentified(actor, report, query);
    const { minimumCount } = await this.settings.get(SMALL_CELL);
    const generatedAt = wholeSecond(new Date());
    const session = await this.database.open();
    try {
      const disclosure = query.identified
        ? await this.disclose(actor as AuthUser, session, report, period, query)
        : await this.auditRun(actor, report, period, query.format);
      const columns = outputColumns(report, query.identified);
      const copySql = !disclosure && query.format === 'csv' && report.level === 'rows'
        ? csvCopySql(columns, inlineParameters(report.sql, this.literals(session, period)), zoneIsUtc(period.timeZone))
        : null;
      let rows: Transform;
      if (copySql) {
        // The database writes the CSV (instants in the session's zone); the server only puts in the patient keys.
        // Row exports are ordered by an index (vital_signs_time_patient_idx), so their first rows can stream at once;
        // over a long period the planner would rather sort everything first, which holds back the first byte.
        await session.query(`SELECT set_config('TimeZone', $1, true), set_config('enable_sort', 'off', true)`, [period.timeZone]);
        rows = new CsvCopyRecords(this.secret);
        pipeline(session.copy(copySql), rows, (error) => void session.close(Boolean(error)));
      } else {
        const sql = disclosure ? identifiedSql(report) : report.sql;
        const params = [period.start, period.end, period.timeZone, disclosure?.patientIds ?? null];
        const shaping = { secret: this.secret, threshold: minimumCount };
        rows = report.marginGroupsBy
          ? tableShaper(columns, shaping, report.partitions ?? [], report.marginGroupsBy)
          : new Transform({
            objectMode: true,
            transform: (row: Record<string, unknown>, _encoding, done) => done(null, shapeRow(columns, row, shaping, report.partitions)),
          });
        // Any end other than completion (an error, a client gone) destroys the connection, cancelling the query.
        pipeline(session.stream(sql, queryParams(sql, params)), rows, (error) => void session.close(Boolean(error)));
      }
      return {
        rowsEncoding: copySql ? 'csv' : 'cells',
        meta: {
          id: report.id, title: report.title, period: { from: period.from, to: period.to, timeZone: period.timeZone },
          generatedAt, parameters: this.parameters(query), columns,
          disclosure: disclosure
            ? { id: disclosure.id, patientsIncluded: disclosure.patientIds.length, patientsExcluded: disclosure.excluded }
            : null,
          notice: disclosure ? REDISCLOSURE_NOTICE : null,
        },
        rows,
      };
    } catch (error) {
      await session.close(true);
      throw error;
    }
  }

  /** The report SQL's parameters ($1 start, $2 end, $3 time zone) as literals, for COPY. */
  private literals(session: ReportingSession, period: ReportPeriod): string[] {
    return [
      `${session.literal(period.start.toISOString())}::timestamptz`,
      `${session.literal(period.end.toISOString())}::timestamptz`,
      `${session.literal(period.timeZone)}::text`,
    ];
  }

  private checkIdentified(actor: ReportActor, report: ReportDefinition, query: ReportQuery): void {
    if (!query.identified) return;
    if (!actor || !roleHas(actor.role, 'reports.export-identified')) {
      throw new DomainError('forbidden', 'Identified exports need the reports.export-identified permission.');
    }
    const errors: FieldError[] = [];
    if (report.level !== 'rows') errors.push({ field: 'identified', message: 'only row exports can be identified' });
    if (!query.purpose?.trim()) errors.push({ field: 'purpose', message: 'is required for an identified export' });
    if (!query.recipient?.trim()) errors.push({ field: 'recipient', message: 'is required for an identified export' });
    if (errors.length > 0) throw new ValidationFailed(errors);
  }

  /** The patients the export covers; for an outside recipient only those whose active consent allows it. */
  private async disclose(
    user: AuthUser, session: ReportingSession, report: ReportDefinition, period: ReportPeriod, query: ReportQuery,
  ): Promise<{ id: string; patientIds: string[]; excluded: number }> {
    const recipientUserId = query.recipientScope === 'program' ? await this.programRecipient(session, report, query) : undefined;
    const setSql = patientSetSql(report);
    const all = (await session.query<{ patient_id: string }>(setSql, queryParams(setSql, [period.start, period.end, period.timeZone])))
      .map((r) => r.patient_id);
    // Within the program: the recipient's care-team patients; outside it: those whose consent in force allows it.
    const today = DateTime.now().setZone(period.timeZone).toISODate();
    const allowed = recipientUserId !== undefined
      ? await session.query<{ patient_id: string }>(recipientsPatientsSql, [all, recipientUserId])
      : await session.query<{ patient_id: string }>(
        consentedPatientsSql, [all, query.recipient, query.purpose, today, report.id, query.recipientClass ?? null]);
    const patientIds = allowed.map((r) => r.patient_id);
    const id = await this.disclosures.record(user, {
      reportId: report.id, format: query.format, period, purpose: (query.purpose as string).trim(),
      recipient: (query.recipient as string).trim(), recipientScope: query.recipientScope, recipientUserId, patientIds,
      patientsExcluded: all.length - patientIds.length,
    });
    return { id, patientIds, excluded: all.length - patientIds.length };
  }

  /**
   * Within the program no consent is needed (42 CFR 2.12(c)(3)), but only for
   * staff who need the records for their work, so that scope must not let
   * records out or around the access rules: the recipient has to be an active
   * program user, named by their email, whose role may read the exported data
   * (the export then holds only their care-team patients). Refused before
   * anything is written.
   */
  private async programRecipient(session: ReportingSession, report: ReportDefinition, query: ReportQuery): Promise<string> {
    const [staff] = await session.query<{ user_id: string; role: Role }>(programRecipientSql, [query.recipient]);
    if (!staff) {
      throw new DomainError('constraint_violated', 'A disclosure within the program needs an active program user as recipient.', {
        errors: [{ field: 'recipient', message: 'must be the email of an active program user when recipientScope is program' }],
      });
    }
    if (!report.readPermission || !roleHas(staff.role, report.readPermission)) {
      throw new DomainError('constraint_violated', `The recipient's role may not read this export's data (${report.readPermission ?? report.id}).`, {
        errors: [{ field: 'recipient', message: `must be a program user whose role has ${report.readPermission ?? 'read access to these rows'}` }],
      });
    }
    return staff.user_id;
  }

  private async auditRun(actor: ReportActor, report: ReportDefinition, period: ReportPeriod, format: string): Promise<null> {
    await this.audit.record({
      actor, action: 'report.run', resourceType: 'report', resourceId: report.id,
      details: { from: period.from, to: period.to, format, via: actor ? 'api' : 'cli' },
    });
    return null;
  }

  private parameters(query: ReportQuery): Record<string, string> {
    const base: Record<string, string> = { from: query.from, to: query.to, format: query.format };
    if (!query.identified) return { ...base, identified: 'false' };
    return {
      ...base, identified: 'true', purpose: query.purpose ?? '', recipient: query.recipient ?? '',
      recipientScope: query.recipientScope, ...(query.recipientClass ? { recipientClass: query.recipientClass } : {}),
    };
  }
}
