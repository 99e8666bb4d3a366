import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, NotFound, ValidationFailed } from '../../common/problem/domain-error';
import { AppConfig } from '../../config/app-config';
import type { PatientAccess } from '../../patients/access/patient-access';
import { PatientAccessService } from '../../patients/access/patient-access.service';
import { SettingsService } from '../../platform/settings/settings.service';
import { FOLLOW_UP_RULES } from '../aftercare-settings';
import { type AnalyteResult, expectedAnalytes, unexpectedPositives } from '../check-in-rules';
import { programDate } from '../follow-up-schedule';
import { followUpAnswered } from '../follow-up-state';
import { CheckInAlertsService } from './check-in-alerts.service';
import type { CheckInResponse, CreateCheckInDto, DrugScreenDto } from './dto/check-in.dto';

/** Aftercare check-ins: the patient's report and optional drug screen, completing the follow-up it answers. */
@Injectable()
export class CheckInsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
    private readonly settings: SettingsService,
    private readonly checkInAlerts: CheckInAlertsService,
    private readonly config: AppConfig,
  ) {}

  create(access: PatientAccess, dto: CreateCheckInDto): Promise<CheckInResponse> {
    return this.dataSource.transaction(async (manager) => {
      const { user, patientId } = access;
      const checkedInAt = dto.checkedInAt ? new Date(dto.checkedInAt) : new Date();
      if (dto.status === 'abstinent' && dto.daysUsedLast30 > 0) {
        throw new ValidationFailed([{ field: 'daysUsedLast30', message: 'must be 0 when the status is abstinent' }]);
      }
      if (dto.drugScreen) assertEachAnalyteOnce(dto.drugScreen);
      const [plan] = (await manager.query(`SELECT id FROM aftercare_plans WHERE patient_id = $1 FOR UPDATE`, [patientId])) as {
        id: string;
      }[];
      if (!plan) throw new DomainError('no_aftercare_plan', 'The patient has no aftercare plan; write one before recording check-ins.');
      const date = programDate(checkedInAt, this.config.PROGRAM_TIMEZONE);
      const followUpId = await this.answeredFollowUp(manager, patientId, date, dto.followUpId);
      const [row] = (await manager.query(
        `INSERT INTO check_ins (patient_id, follow_up_id, checked_in_at, contact_method, status, days_used_last_30, craving,
           group_meetings_attended, employment, housing, note, screen_collected_at, screen_specimen, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
        [
          patientId, followUpId, checkedInAt, dto.contactMethod, dto.status, dto.daysUsedLast30, dto.craving,
          dto.groupMeetingsAttended ?? null, dto.employment, dto.housing, dto.note ?? null,
          dto.drugScreen?.collectedAt ?? null, dto.drugScreen?.specimen ?? null, user.id,
        ],
      )) as { id: string }[];
      const checkInId = row?.id ?? '';
      const results = dto.drugScreen ? await this.storeScreen(manager, patientId, checkInId, date, dto.drugScreen) : [];
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
    if (named) {
      const followUp = open[0];
      if (!followUp) throw new NotFound('Follow-up');
      if (followUp.status !== 'open') throw new DomainError('follow_up_not_open', `The follow-up is ${followUp.status}, not open.`);
      return followUp.id;
    }
    const { checkInWindowDays } = await this.settings.get(FOLLOW_UP_RULES, manager);
    return followUpAnswered(open.filter((f) => f.status === 'open'), date, checkInWindowDays);
  }

  /** Results marked expected when an active medication order explains them (or the clinician says so). */
  private async storeScreen(manager: EntityManager, patientId: string, checkInId: string, date: string, screen: DrugScreenDto) {
    const orders = (await manager.query(
      `SELECT drug_key FROM medication_orders WHERE patient_id = $1 AND status = 'active'
         AND start_date <= $2::date AND (end_date IS NULL OR end_date >= $2::date)`,
      [patientId, date],
    )) as { drug_key: string }[];
    const prescribed = expectedAnalytes(orders.map((o) => o.drug_key));
    const results = screen.results.map((r) => ({
      analyte: r.analyte, result: r.result, expected: r.expected === true || prescribed.has(r.analyte),
    }));
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
            group_meetings_attended AS "groupMeetingsAttended", employment, housing, note,
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
