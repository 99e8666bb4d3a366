import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ValidationFailed } from '../../common/problem/domain-error';
import { AppConfig } from '../../config/app-config';
import { type PatientAccess, PatientAccessService } from '../../patients/access/patient-access.service';
import { type ChartScorePoint, type ChartVitalsPoint, renderDetoxChartSvg } from './detox-chart-svg';
import type { ChartObservationPoint } from './detox-chart-observations';
import { DetoxAlertsService } from '../alerting/detox-alerts.service';
import type { ChartQuery } from './dto/chart.dto';
import { toTimeRange } from '../../common/http/time-range';

const HOUR_MS = 3_600_000;
export const DEFAULT_CHART_HOURS = 72;
export const MAX_CHART_DAYS = 31;

/** Draws the detox chart of one patient over a period (default: the last 72 hours). */
@Injectable()
export class DetoxChartService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
    private readonly detoxAlerts: DetoxAlertsService,
    private readonly config: AppConfig,
  ) {}

  async render(access: PatientAccess, query: ChartQuery): Promise<string> {
    const { patientId } = access;
    const range = toTimeRange(query);
    const to = range.to ?? (range.from ? new Date(range.from.getTime() + DEFAULT_CHART_HOURS * HOUR_MS) : new Date());
    const from = range.from ?? new Date(to.getTime() - DEFAULT_CHART_HOURS * HOUR_MS);
    if (to.getTime() - from.getTime() > MAX_CHART_DAYS * 24 * HOUR_MS) {
      throw new ValidationFailed([{ field: 'from', message: `the period may span at most ${MAX_CHART_DAYS} days` }]);
    }
    const manager = this.dataSource.manager;
    const vitals = (await manager.query(
      `SELECT taken_at AS "takenAt", heart_rate AS "heartRate", systolic_bp AS "systolicBp",
              diastolic_bp AS "diastolicBp", respiratory_rate AS "respiratoryRate",
              temperature_c::float8 AS "temperatureC", spo2, news2_total AS "news2Total"
       FROM vital_signs WHERE patient_id = $1 AND taken_at BETWEEN $2 AND $3 ORDER BY taken_at`,
      [patientId, from.toISOString(), to.toISOString()],
    )) as ChartVitalsPoint[];
    const scores = (await manager.query(
      `SELECT assessed_at AS "assessedAt", scale, total, band FROM withdrawal_assessments
       WHERE patient_id = $1 AND assessed_at BETWEEN $2 AND $3 ORDER BY assessed_at`,
      [patientId, from.toISOString(), to.toISOString()],
    )) as ChartScorePoint[];
    const observations = (await manager.query(
      `SELECT o.observed_at AS "observedAt", array_agg(s.sign ORDER BY s.sign) AS signs
       FROM observations o JOIN observation_signs s ON s.observation_id = o.id AND s.present
       WHERE o.patient_id = $1 AND o.observed_at BETWEEN $2 AND $3 GROUP BY o.id ORDER BY o.observed_at`,
      [patientId, from.toISOString(), to.toISOString()],
    )) as ChartObservationPoint[];
    const thresholds = await this.detoxAlerts.thresholds(manager);
    await this.access.record(access, 'vitals.read-chart', 'vitals', null, undefined, {
      vitals: vitals.length, assessments: scores.length, observations: observations.length,
    });
    return renderDetoxChartSvg({
      from, to, timeZone: this.config.PROGRAM_TIMEZONE, vitals, scores, observations, thresholds,
    });
  }
}
