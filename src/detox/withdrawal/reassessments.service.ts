import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import type { Page, PageQuery } from '../../common/http/pagination';
import { PatientAccessService } from '../../patients/access/patient-access.service';
import { ReassessmentDueItem } from './dto/reassessment-due.dto';

/**
 * Per open episode and scale, the latest assessment and the schedule it left
 * (withdrawal_schedules, recomputed on every assessment); SQL shared with the
 * overdue job.
 */
export const LATEST_OPEN_ASSESSMENTS = `
  SELECT a.id, a.patient_id, a.episode_id, a.scale, a.total, a.band, a.assessed_at, s.next_due_at
  FROM withdrawal_schedules s
  JOIN withdrawal_assessments a ON a.id = s.latest_assessment_id
  JOIN detox_episodes e ON e.id = s.episode_id AND e.ended_at IS NULL`;

/**
 * One row per open episode and scale whose monitoring is not complete, and one
 * for an open episode with no assessment yet (a baseline is due from its start).
 */
const DUE_ROWS = `
  WITH latest AS (${LATEST_OPEN_ASSESSMENTS})
  SELECT e.patient_id, p.mrn, e.id AS episode_id, l.scale, l.id AS last_assessment_id, l.total AS last_total,
         l.band AS last_band, l.assessed_at AS last_assessed_at,
         CASE WHEN l.id IS NULL THEN e.started_at ELSE l.next_due_at END AS due_at
  FROM detox_episodes e
  JOIN patients p ON p.id = e.patient_id
  LEFT JOIN latest l ON l.episode_id = e.id
  WHERE e.ended_at IS NULL
    AND ${PatientAccessService.scopeSql('e.patient_id', '$1::uuid')}
    AND (l.id IS NULL OR l.next_due_at IS NOT NULL)`;

interface DueRow {
  patient_id: string;
  mrn: string;
  episode_id: string;
  scale: string | null;
  last_assessment_id: string | null;
  last_total: number | null;
  last_band: string | null;
  last_assessed_at: Date | null;
  due_at: Date;
}

/** The caller's worklist of withdrawal reassessments. */
@Injectable()
export class ReassessmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
  ) {}

  /** The caller's patients in open episodes, soonest (or most overdue) first. */
  async due(user: AuthUser, query: PageQuery): Promise<Page<ReassessmentDueItem>> {
    const rows = (await this.dataSource.query(
      `${DUE_ROWS} ORDER BY due_at ASC, patient_id ASC, scale ASC NULLS FIRST LIMIT $2 OFFSET $3`,
      [user.id, query.limit, query.offset],
    )) as DueRow[];
    const [count] = (await this.dataSource.query(`SELECT count(*)::int AS n FROM (${DUE_ROWS}) due`, [user.id])) as {
      n: number;
    }[];
    const accesses = await this.access.requireMany(user, rows.map((r) => r.patient_id), 'withdrawal-assessments.read');
    await this.access.recordAll(accesses, 'withdrawal-assessment.read-due', 'withdrawal-assessment', null);
    const now = Date.now();
    const items = rows.map((r) =>
      Object.assign(new ReassessmentDueItem(), {
        patientId: r.patient_id, mrn: r.mrn, episodeId: r.episode_id, scale: r.scale,
        lastAssessmentId: r.last_assessment_id, lastTotal: r.last_total, lastBand: r.last_band,
        lastAssessedAt: r.last_assessed_at, dueAt: r.due_at, overdue: r.due_at.getTime() < now,
      }),
    );
    return { items, total: count?.n ?? 0, limit: query.limit, offset: query.offset };
  }
}
