import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AlertsService } from '../platform/alerts/alerts.service';
import type { Page } from '../common/http/pagination';
import { instantOf, toTimeRange } from '../common/http/time-range';
import { NotFound, ValidationFailed } from '../common/problem/domain-error';
import { type PatientAccess, PatientAccessService } from '../patients/access/patient-access.service';
import { validatedOrThrow } from './answer-validation';
import type { CreateScreeningDto, ScreeningQuery } from './dto/screening.dto';
import { Screening } from './entities/screening.entity';
import { scoreInstrument, type InstrumentResult } from './instruments';

/** How far ahead of the server clock an administeredAt may be (a tablet's clock running fast). */
export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

const SELF_HARM_MESSAGE =
  'PHQ-9 item 9 (thoughts of death or of self-harm) answered above 0: urgent clinician review needed, whatever the total.';

/** Instrument responses: scored on the server, stored with their version, trend-readable. */
@Injectable()
export class ScreeningsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
    private readonly alerts: AlertsService,
  ) {}

  create(access: PatientAccess, dto: CreateScreeningDto): Promise<Screening> {
    const { user, patientId } = access;
    const administeredAt = dto.administeredAt === undefined ? undefined : instantOf('administeredAt', dto.administeredAt);
    if (administeredAt && administeredAt.getTime() > Date.now() + FUTURE_TOLERANCE_MS) {
      throw new ValidationFailed([{ field: 'administeredAt', message: 'must not be in the future' }]);
    }
    return this.dataSource.transaction(async (manager) => {
      const [patient] = (await manager.query(`SELECT sex_at_birth FROM patients WHERE id = $1`, [patientId])) as {
        sex_at_birth: string;
      }[];
      const result = validatedOrThrow(
        () => scoreInstrument(dto.instrument, dto.answers, { sexAtBirth: patient?.sex_at_birth ?? null }),
        `The ${dto.instrument} answers are invalid; nothing was stored.`,
      );
      const inserted = await manager.insert(Screening, {
        patientId,
        instrument: result.instrument,
        instrumentVersion: result.version,
        answers: result.answers,
        itemScores: result.itemScores,
        total: result.total,
        band: result.band,
        flags: result.flags,
        recordedBy: user.id,
        ...(administeredAt ? { administeredAt } : {}),
      });
      const id = (inserted.identifiers[0] as { id: string }).id;
      const alertId = await this.raiseAlerts(manager, patientId, id, result);
      await this.access.record(access, 'screening.create', 'screening', id, manager, {
        instrument: result.instrument,
        ...(alertId ? { alertId } : {}),
      });
      return manager.findOneByOrFail(Screening, { id });
    });
  }

  /** PHQ-9 item 9 above 0: an urgent alert for the whole care team, in the same transaction. */
  private async raiseAlerts(
    manager: EntityManager,
    patientId: string,
    screeningId: string,
    result: InstrumentResult,
  ): Promise<string | null> {
    if (!result.flags.includes('self_harm_risk')) return null;
    const alert = await this.alerts.raise(manager, {
      patientId,
      source: 'screening',
      rule: 'self_harm_risk',
      severity: 'urgent',
      audience: 'care_team',
      message: SELF_HARM_MESSAGE,
      reading: {
        instrument: result.instrument,
        instrumentVersion: result.version,
        item: 'q9',
        value: result.answers['q9'],
        total: result.total,
        band: result.band,
      },
      readingId: screeningId,
      dedupeKey: `screening:${screeningId}:self_harm_risk`,
    });
    return alert?.id ?? null;
  }

  /** `itemAnswers`: whether the caller is shown item-level answers (recorded in the audit trail). */
  async list(access: PatientAccess, query: ScreeningQuery, itemAnswers: boolean): Promise<Page<Screening>> {
    const { patientId } = access;
    const qb = this.dataSource.manager
      .createQueryBuilder(Screening, 's')
      .where('s.patient_id = :patientId', { patientId });
    if (query.instrument) qb.andWhere('s.instrument = :instrument', { instrument: query.instrument });
    const range = toTimeRange(query);
    if (range.from) qb.andWhere('s.administered_at >= :from', { from: range.from });
    if (range.to) qb.andWhere('s.administered_at < :to', { to: range.to });
    const direction = query.order === 'asc' ? 'ASC' : 'DESC';
    const [items, total] = await qb
      .orderBy('s.administered_at', direction)
      .addOrderBy('s.recorded_at', direction)
      .addOrderBy('s.id', direction)
      .take(query.limit)
      .skip(query.offset)
      .getManyAndCount();
    await this.access.record(access, 'screening.read', 'screening', null, undefined, {
      ...(query.instrument ? { instrument: query.instrument } : {}),
      screeningIds: items.map((s) => s.id),
      itemAnswers,
    });
    return { items, total, limit: query.limit, offset: query.offset };
  }

  async get(access: PatientAccess, screeningId: string, itemAnswers: boolean): Promise<Screening> {
    const { patientId } = access;
    const screening = await this.dataSource.manager.findOneBy(Screening, { id: screeningId, patientId });
    if (!screening) throw new NotFound('Screening');
    await this.access.record(access, 'screening.read', 'screening', screeningId, undefined, { itemAnswers });
    return screening;
  }
}
