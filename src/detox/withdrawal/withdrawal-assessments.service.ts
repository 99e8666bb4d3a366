import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Alert } from '../../platform/alerts/entities/alert.entity';
import type { Page } from '../../common/http/pagination';
import { ValidationFailed } from '../../common/problem/domain-error';
import { type PatientAccess, PatientAccessService } from '../../patients/access/patient-access.service';
import { evaluateWithdrawalAlerts } from '../alerting/alert-rules';
import { DetoxAlertsService } from '../alerting/detox-alerts.service';
import { toTimeRange } from '../../common/http/time-range';
import type { AssessmentQuery, RecordAssessmentDto } from './dto/withdrawal-assessment.dto';
import { WithdrawalAssessment } from './entities/withdrawal-assessment.entity';
import { EpisodesService } from '../episodes/episodes.service';
import { checkNotInFuture } from '../../common/recorded-time';
import { scoreWithdrawalScale } from './withdrawal-scales';
import { WithdrawalSchedules } from './withdrawal-schedules.service';

/** CIWA-Ar and COWS assessments: scored by the server, timed for reassessment, alerted when severe. */
@Injectable()
export class WithdrawalAssessmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
    private readonly detoxAlerts: DetoxAlertsService,
    private readonly schedules: WithdrawalSchedules,
  ) {}

  record(
    access: PatientAccess,
    dto: RecordAssessmentDto,
  ): Promise<{ assessment: WithdrawalAssessment; alerts: Alert[] }> {
    const { user, patientId } = access;
    // Invalid answers throw QuestionnaireAnswerError, which the problem filter answers as a 400.
    const scored = scoreWithdrawalScale(dto.scale, dto.answers);
    const now = new Date();
    const assessedAt = dto.assessedAt ? new Date(dto.assessedAt) : now;
    const future = checkNotInFuture('assessedAt', assessedAt, now);
    if (future) throw new ValidationFailed([future]);

    return this.dataSource.transaction(async (manager) => {
      const episode = await EpisodesService.requireOpenEpisodeAt(manager, patientId, 'assessedAt', assessedAt);
      const point = { scale: scored.scale, total: scored.total, band: scored.band, itemScores: scored.itemScores, assessedAt };
      const planned = await this.schedules.plan(manager, patientId, episode.id, point);
      const inserted = await manager.insert(WithdrawalAssessment, {
        patientId, episodeId: episode.id, scale: scored.scale, scaleVersion: scored.version,
        answers: scored.answers, itemScores: scored.itemScores, total: scored.total, band: scored.band,
        assessedAt, nextDueAt: planned.own.nextDueAt, monitoringComplete: planned.own.monitoringComplete, assessedBy: user.id,
      });
      const id = (inserted.identifiers[0] as { id: string }).id;
      await this.schedules.save(manager, patientId, episode.id, { ...point, id }, planned);

      const fired = evaluateWithdrawalAlerts(scored.scale, scored.total, scored.band, planned.rules.thresholds, scored.itemScores);
      const alerts = await this.detoxAlerts.raiseForReading(manager, patientId, id, fired, {
        kind: 'withdrawal_assessment', scale: scored.scale, total: scored.total, band: scored.band,
        assessedAt: assessedAt.toISOString(),
      });
      await this.access.record(access, 'withdrawal-assessment.create', 'withdrawal-assessment', id, manager, {
        episodeId: episode.id, scale: scored.scale, band: scored.band, alertRules: alerts.map((a) => a.rule),
      });
      return { assessment: await manager.findOneByOrFail(WithdrawalAssessment, { id }), alerts };
    });
  }

  async list(access: PatientAccess, query: AssessmentQuery): Promise<Page<WithdrawalAssessment>> {
    const { patientId } = access;
    const { from, to } = toTimeRange(query);
    const qb = this.dataSource.manager
      .createQueryBuilder(WithdrawalAssessment, 'a')
      .where('a.patient_id = :patientId', { patientId });
    if (query.scale) qb.andWhere('a.scale = :scale', { scale: query.scale });
    if (from) qb.andWhere('a.assessed_at >= :from', { from });
    if (to) qb.andWhere('a.assessed_at < :to', { to });
    const [items, total] = await qb
      .orderBy('a.assessed_at', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .take(query.limit)
      .skip(query.offset)
      .getManyAndCount();
    await this.access.record(access, 'withdrawal-assessment.read', 'withdrawal-assessment', null, undefined, {
      count: items.length,
    });
    return { items, total, limit: query.limit, offset: query.offset };
  }
}
