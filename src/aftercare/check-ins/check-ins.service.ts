import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, NotFound, ValidationFailed } from '../../common/problem/domain-error';
import { checkNotInFuture } from '../../common/recorded-time';
import { AppConfig } from '../../config/app-config';
import type { PatientAccess } from '../../patients/access/patient-access';
import { PatientAccessService } from '../../patients/access/patient-access.service';
import { SettingsService } from '../../platform/settings/settings.service';
import { FOLLOW_UP_RULES } from '../aftercare-settings';
import { type ActiveDrug, type AnalyteResult, unexpectedPositives, withExpected } from '../check-in-rules';
import { programDate } from '../follow-up-schedule';
import { followUpAnswered, tooEarlyToAnswer } from '../follow-up-state';
import { CheckInAlertsService } from './check-in-alerts.service';
import { CheckInGroupAttendanceService } from './check-in-group-attendance.service';
import type { CheckInResponse, CreateCheckInDto, DrugScreenDto } from './dto/check-in.dto';

/** Aftercare check-ins: the patient's report and optional drug screen, completing the follow-up it answers. */
@Injectable()
export class CheckInsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
    private readonly settings: SettingsService,
    private readonly checkInAlerts: CheckInAlertsService,
    private readonly groupAttendance: CheckInGroupAttendanceService,
    private readonly config: AppConfig,
  ) {}

  create(access: PatientAccess, dto: CreateCheckInDto): Promise<CheckInResponse> {
    return this.dataSource.transaction(async (manager) => {
      const { user, patientId } = access;
      const now = new Date();
      const checkedInAt = dto.checkedInAt ? new Date(dto.checkedInAt) : now;
      const future = [
        checkNotInFuture('checkedInAt', checkedInAt, now),
        dto.drugScreen ? checkNotInFuture('drugScreen.collectedAt', new Date(dto.drugScreen.collectedAt), now) : null,
      ].filter((e) => e !== null);
      if (future.length > 0) throw new ValidationFailed(future);
      if (dto.status === 'abstinent' && dto.daysUsedLast30 > 0) {
        throw new ValidationFailed([{ field: 'daysUsedLast30', message: 'must be 0 when the status is abstinent' }]);
      }
      if (dto.drugScreen) assertEachAnalyteOnce(dto.drugScreen);
      // The database refuses a check-in for a discharged patient; say so before asking about a plan.
      const [patient] = (await manager.query(`SELECT phase FROM patients WHERE id = $1`, [patientId])) as { phase: string }[];
      if (patient?.phase === 'discharged') {
        throw new DomainError('patient_discharged', 'The patient is discharged: no new care is recorded until they are re-admitted to screening.');
      }
      const [plan] = (await manager.query(`SELECT id FROM aftercare_plans WHERE patient_id = $1 FOR UPDATE`, [patientId])) as {
        id: string;
      }[];
      if (!plan) throw new DomainError('no_aftercare_plan', 'The patient has no aftercare plan; write one before recording check-ins.');
      const date = programDate(checkedInAt, this.config.PROGRAM_TIMEZONE);
      const followUpId = await this.answeredFollowUp(manager, patientId, date, dto.followUpId);
      const groups = await this.groupAttendance.since(manager, patientId, checkedInAt, this.config.PROGRAM_TIMEZONE);
      const prefilled = dto.groupMeetingsAttended === undefined;
      const [row] = (await manager.query(
        `INSERT INTO check_ins (patient_id, follow_up_id, checked_in_at, contact_method, status, days_used_last_30, craving,
           group_meetings_attended, employment, housing, note, screen_collected_at, screen_specimen, recorded_by,
           group_meetings_verified, group_meetings_self_reported, group_meetings_prefilled)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
        [
          patientId, followUpId, checkedInAt, dto.contactMethod, dto.status, dto.daysUsedLast30, dto.craving,
          prefilled ? groups.verified + groups.selfReported : dto.groupMeetingsAttended, dto.employment, dto.housing,
          dto.note ?? null, dto.drugScreen?.collectedAt ?? null, dto.drugScreen?.specimen ?? null, user.id,
          groups.verified, groups.selfReported, prefilled,
        ],
      )) as { id: string }[];
      const checkInId = row?.id ?? '';
      const results = dto.drugScreen ? await this.storeScreen(manager, patientId, checkInId, date, checkedInAt, dto.drugScreen) : [];
      if (followUpId) {
        await manager.query(
          `UPDATE follow_ups SET status = 'completed', check_in_id = $2, closed_at = now() WHERE id = $1`,
          [followUpId, checkInId],
        );
      }
      const earlierLapses = (await manager.query(
        `SELECT (checked_in_at AT TIME ZONE $3)::date::text AS date FROM check_ins
         WHERE patient_id = $1 AND id <> $2 AND status = 'lapse' AND checked_in_at <= $4`,
        [patientId, checkInId, this.config.PROGRAM_TIMEZONE, checkedInAt],
      )) as { date: string }[];
      const alerts = await this.checkInAlerts.raise(manager, {
        checkInId, patientId, status: dto.status, date,
        earlierLapseDates: earlierLapses.map((l) => l.date),
        unexpectedPositives: unexpectedPositives(results),
      });
      await this.access.record(access, 'check-in.create', 'check_in', checkInId, manager, { followUpId, alerts });
      const [created] = await readCheckIns(manager, patientId, [checkInId]);
      if (!created) throw new NotFound('Check-in');
      return created;
    });
  }

  list(access: PatientAccess): Promise<CheckInResponse[]> {
    return this.dataSource.transaction(async (manager) => {
      const checkIns = await readCheckIns(manager, access.patientId);
      await this.access.record(access, 'check-in.read', 'check_in', null, manager, { checkInIds: checkIns.map((c) => c.id) });
      return checkIns;
    });
  }

  /** The named open follow-up, or the nearest open one within the window (setting aftercare.follow-ups). */
  private async answeredFollowUp(
    manager: EntityManager, patientId: string, date: string, named: string | undefined,
  ): Promise<string | null> {
    const open = (await manager.query(
      `SELECT id, due_date::text AS "dueDate", status FROM follow_ups
       WHERE patient_id = $1 AND ($2::uuid IS NULL OR id = $2::uuid) FOR UPDATE`,
      [patientId, named ?? null],
    )) as { id: string; dueDate: string; status: string }[];
    const { checkInWindowDays } = await this.settings.get(FOLLOW_UP_RULES, manager);
    if (named) {
      const followUp = open[0];
      if (!followUp) throw new NotFound('Follow-up');
      if (followUp.status !== 'open') throw new DomainError('follow_up_not_open', `The follow-up is ${followUp.status}, not open.`);
      if (tooEarlyToAnswer(followUp.dueDate, date, checkInWindowDays)) {
        throw new DomainError(
          'follow_up_not_due',
          `The follow-up is due on ${followUp.dueDate}; a check-in answers it from ${checkInWindowDays} days before that.`,
          { dueDate: followUp.dueDate, checkInWindowDays },
        );
      }
      return followUp.id;
    }
    return followUpAnswered(open.filter((f) => f.status === 'open'), date, checkInWindowDays);
  }

  /**
   * Stores the screen with `expected` derived by the server: a result is expected when a medication order active
   * at the check-in time explains it (check-in-rules EXPLAINED_BY). Active then: started on or before the check-in's
   * program-zone date, not ended before it, not discontinued before the check-in instant (so a check-in recorded
   * afterwards still sees an order discontinued since). The drug is resolved through the drug table, by id or by
   * name (older orders without a drug id), to its generic name and CNS-depressant class.
   */
  private async storeScreen(
    manager: EntityManager, patientId: string, checkInId: string, date: string, checkedInAt: Date, screen: DrugScreenDto,
  ): Promise<AnalyteResult[]> {
    const drugs = (await manager.query(
      `SELECT coalesce(d.generic, o.drug_key) AS name, d.cns_depressant_class AS "cnsDepressantClass"
       FROM medication_orders o
       LEFT JOIN drug_names n ON o.drug_id IS NULL AND n.name = o.drug_key
       LEFT JOIN drugs d ON d.id = coalesce(o.drug_id, n.drug_id)
       WHERE o.patient_id = $1 AND o.start_date <= $2::date AND (o.end_date IS NULL OR o.end_date >= $2::date)
         AND (o.discontinued_at IS NULL OR o.discontinued_at > $3)`,
      [patientId, date, checkedInAt],
    )) as ActiveDrug[];
    const results = withExpected(screen.results, drugs);
    for (const r of results) {
      await manager.query(
        `INSERT INTO drug_screen_results (check_in_id, analyte, result, expected) VALUES ($1, $2, $3, $4)`,
        [checkInId, r.analyte, r.result, r.expected],
      );
    }
    return results;
  }
}

function assertEachAnalyteOnce(screen: DrugScreenDto): void {
  const seen = new Set<string>();
  const errors = screen.results.flatMap((r, i) => {
    const repeated = seen.has(r.analyte);
    seen.add(r.analyte);
    return repeated ? [{ field: `drugScreen.results.${i}.analyte`, message: `${r.analyte} is listed twice` }] : [];
  });
  if (errors.length > 0) throw new ValidationFailed(errors);
}

/* Check-ins with their screen results, read with SQL (the aftercare tables have no entities). */

interface CheckInRow extends Omit<CheckInResponse, 'drugScreen'> {
  screenCollectedAt: Date | null;
  screenSpecimen: string | null;
}

async function readCheckIns(manager: EntityManager, patientId: string, ids?: string[]): Promise<CheckInResponse[]> {
  const rows = (await manager.query(
    `SELECT id, patient_id AS "patientId", follow_up_id AS "followUpId", checked_in_at AS "checkedInAt",
            contact_method AS "contactMethod", status, days_used_last_30 AS "daysUsedLast30", craving,
            group_meetings_attended AS "groupMeetingsAttended", group_meetings_verified AS "groupMeetingsVerified",
            group_meetings_self_reported AS "groupMeetingsSelfReported", group_meetings_prefilled AS "groupMeetingsPrefilled",
            employment, housing, note,
            screen_collected_at AS "screenCollectedAt", screen_specimen AS "screenSpecimen",
            recorded_by AS "recordedBy", recorded_at AS "recordedAt"
     FROM check_ins WHERE patient_id = $1 AND ($2::uuid[] IS NULL OR id = ANY ($2::uuid[]))
     ORDER BY checked_in_at DESC, id`,
    [patientId, ids ?? null],
  )) as CheckInRow[];
  const results = (await manager.query(
    `SELECT check_in_id AS "checkInId", analyte, result, expected FROM drug_screen_results
     WHERE check_in_id = ANY ($1::uuid[]) ORDER BY analyte`,
    [rows.map((r) => r.id)],
  )) as (AnalyteResult & { checkInId: string })[];
  return rows.map(({ screenCollectedAt, screenSpecimen, ...row }) => {
    const mine = results.filter((r) => r.checkInId === row.id).map(({ analyte, result, expected }) => ({ analyte, result, expected }));
    return {
      ...row,
      drugScreen: screenCollectedAt && screenSpecimen
        ? { collectedAt: screenCollectedAt, specimen: screenSpecimen, results: mine, unexpectedPositives: unexpectedPositives(mine) }
        : null,
    };
  });
}
