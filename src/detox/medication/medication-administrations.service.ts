import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource, type EntityManager } from 'typeorm';
import type { Alert } from '../../platform/alerts/entities/alert.entity';
import { type IdempotentOutcome, runIdempotent } from '../../platform/idempotency/idempotency';
import type { Page } from '../../common/http/pagination';
import { DomainError, NotFound, ValidationFailed } from '../../common/problem/domain-error';
import { AppConfig } from '../../config/app-config';
import { type PatientAccess, PatientAccessService } from '../../patients/access/patient-access.service';
import { DetoxAlertsService } from '../alerting/detox-alerts.service';
import { checkRollingDose, type DoseRecord, ROLLING_WINDOW_MS } from './dose-window';
import { convertMeasure, type DoseUnit } from './dose-units';
import { toTimeRange } from '../../common/http/time-range';
import type { AdministrationQuery, RecordAdministrationDto } from './dto/medication-administration.dto';
import { MedicationAdministration } from './entities/medication-administration.entity';
import { MedicationOrder } from './entities/medication-order.entity';
import { checkNotInFuture } from '../../common/recorded-time';
import { ScheduledDoseRecords } from './scheduled-dose-records.service';

/**
 * Administrations, checked against the order's maximum per rolling 24 hours.
 *
 * The check holds under concurrency: inside the transaction every order of the
 * patient for the same drug is locked (SELECT ... FOR UPDATE, in id order so two
 * requests cannot deadlock) before the doses already given are summed, so two
 * clinicians giving the last allowed dose at once are serialised and the second
 * sees the first's dose. Doses of all the patient's orders for the drug count
 * (a scheduled and an as-needed baclofen order share one 80 mg), converted
 * between mcg/mg/g and mL of a liquid form through its order's mg/mL
 * concentration; a dose that does not convert refuses the administration
 * rather than being left out of the sum.
 */
/** A row holding an amount in an order's unit, with that order's concentration. */
type MeasuredRow<K extends string> = { [key in K]: string } & { unit: DoseUnit; concentration_mg_per_ml: string | null };

@Injectable()
export class MedicationAdministrationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
    private readonly scheduledDoses: ScheduledDoseRecords,
    private readonly detoxAlerts: DetoxAlertsService,
    private readonly config: AppConfig,
  ) {}

  record<R>(
    access: PatientAccess,
    dto: RecordAdministrationDto,
    idempotencyKey: string | undefined,
    respond: (administration: MedicationAdministration, alerts: Alert[]) => R,
  ): Promise<IdempotentOutcome<R>> {
    const { user, patientId } = access;
    const givenAt = new Date(dto.givenAt);
    const future = checkNotInFuture('givenAt', givenAt, new Date());
    if (future) throw new ValidationFailed([future]);

    return this.dataSource.transaction(async (manager) => {
      const scope = `POST /patients/${patientId}/medication-administrations`;
      const onReplay = () =>
        this.access.record(access, 'medication-administration.replay', 'medication-administration', null, manager);
      return runIdempotent(manager, { userId: user.id, key: idempotencyKey, scope, payload: dto, onReplay }, 201, async () => {
        const order = await this.lockOrder(manager, patientId, dto.orderId);
        this.assertOrderCovers(order, givenAt);
        const scheduledDoseId = await this.scheduledDoses.fulfilledBy(manager, order, givenAt, dto.scheduledDoseId);

        const ordered = await this.orderedDose(manager, order, scheduledDoseId);
        const aboveOrder = dto.dose > ordered;
        if (aboveOrder && !dto.override) {
          throw new DomainError(
            'dose_above_order',
            `Giving ${dto.dose} ${order.unit} is more than the ${ordered} ${order.unit} of ${order.drug} ordered. ` +
              'A clinician may override with a reason.',
            { orderedDose: ordered, proposedDose: dto.dose, unit: order.unit },
          );
        }
        const given = await this.dosesAround(manager, order, givenAt);
        const limit = await this.effectiveLimit(manager, order, givenAt);
        const check = checkRollingDose({ maxPer24h: limit, given, proposed: { dose: dto.dose, givenAt } });
        const overLimit = !check.allowed;
        const overridden = overLimit || aboveOrder;
        if (overLimit && !dto.override) {
          throw new DomainError(
            'dose_limit_exceeded',
            `Giving ${dto.dose} ${order.unit} would bring ${order.drug} to ${check.worstWindowTotal} ${order.unit} ` +
              `within 24 hours: ${check.alreadyGiven} ${order.unit} already given against a maximum of ` +
              `${limit} ${order.unit}. A clinician may override with a reason.`,
            {
              limit, alreadyGiven: check.alreadyGiven, unit: order.unit, proposedDose: dto.dose,
              windowStart: check.windowStart.toISOString(), windowEnd: check.windowEnd.toISOString(),
            },
          );
        }

        const inserted = await manager.insert(MedicationAdministration, {
          orderId: order.id, patientId, scheduledDoseId, dose: dto.dose, unit: order.unit, givenAt, givenBy: user.id,
          rollingTotal: check.worstWindowTotal, limitPer24h: limit,
          overrideReason: overridden ? (dto.override?.reason ?? null) : null,
        });
        const id = (inserted.identifiers[0] as { id: string }).id;

        const alerts: Alert[] = [];
        if (aboveOrder) {
          const alert = await this.detoxAlerts.raise(manager, {
            patientId, rule: 'dose_above_order_override', severity: 'urgent', readingId: id,
            message: `Dose above the order given on override: ${dto.dose} ${order.unit} of ${order.drug} (ordered ${ordered} ${order.unit})`,
            reading: {
              kind: 'medication_administration', orderId: order.id, drug: order.drug, dose: dto.dose,
              unit: order.unit, givenAt: givenAt.toISOString(), orderedDose: ordered,
            },
          });
          if (alert) alerts.push(alert);
        }
        if (overLimit) {
          const alert = await this.detoxAlerts.raise(manager, {
            patientId, rule: 'dose_limit_override', severity: 'urgent', readingId: id,
            message:
              `Dose limit overridden: ${check.worstWindowTotal} ${order.unit} of ${order.drug} within 24 hours ` +
              `against a maximum of ${limit} ${order.unit}`,
            reading: {
              kind: 'medication_administration', orderId: order.id, drug: order.drug, dose: dto.dose,
              unit: order.unit, givenAt: givenAt.toISOString(), rollingTotal: check.worstWindowTotal,
              limit,
            },
          });
          if (alert) alerts.push(alert);
        }
        await this.access.record(access, 'medication-administration.create', 'medication-administration', id, manager, {
          orderId: order.id, scheduledDoseId, override: overridden,
        });
        return respond(await manager.findOneByOrFail(MedicationAdministration, { id }), alerts);
      });
    });
  }

  async list(access: PatientAccess, query: AdministrationQuery): Promise<Page<MedicationAdministration>> {
    const { patientId } = access;
    const { from, to } = toTimeRange(query);
    const qb = this.dataSource.manager
      .createQueryBuilder(MedicationAdministration, 'a')
      .where('a.patient_id = :patientId', { patientId });
    if (query.orderId) qb.andWhere('a.order_id = :orderId', { orderId: query.orderId });
    if (from) qb.andWhere('a.given_at >= :from', { from });
    if (to) qb.andWhere('a.given_at < :to', { to });
    const [items, total] = await qb
      .orderBy('a.given_at', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .take(query.limit)
      .skip(query.offset)
      .getManyAndCount();
    await this.access.record(access, 'medication-administration.read', 'medication-administration', null, undefined, {
      count: items.length,
    });
    return { items, total, limit: query.limit, offset: query.offset };
  }

  /** Locks every order of the patient for the order's drug, then returns the order as locked. */
  private async lockOrder(manager: EntityManager, patientId: string, orderId: string): Promise<MedicationOrder> {
    const [target] = (await manager.query(
      `SELECT drug_key FROM medication_orders WHERE id = $1 AND patient_id = $2`,
      [orderId, patientId],
    )) as { drug_key: string }[];
    if (!target) {
      throw new ValidationFailed([{ field: 'orderId', message: 'is not a medication order of this patient' }]);
    }
    await manager.query(
      `SELECT id FROM medication_orders WHERE patient_id = $1 AND drug_key = $2 ORDER BY id FOR UPDATE`,
      [patientId, target.drug_key],
    );
    const order = await manager.findOneBy(MedicationOrder, { id: orderId });
    if (!order) throw new NotFound('Medication order');
    return order;
  }

  /** The dose ordered for this administration: its scheduled dose's (a taper step), else the order's. */
  private async orderedDose(manager: EntityManager, order: MedicationOrder, scheduledDoseId: string | null): Promise<number> {
    if (scheduledDoseId === null) return order.dose;
    const [row] = (await manager.query(`SELECT dose::float8 AS dose FROM medication_scheduled_doses WHERE id = $1`, [scheduledDoseId])) as {
      dose: number;
    }[];
    return row?.dose ?? order.dose;
  }

  /** Refuses a dose outside the order's dates or after it was discontinued. */
  private assertOrderCovers(order: MedicationOrder, givenAt: Date): void {
    const zone = this.config.PROGRAM_TIMEZONE;
    const refuse = (detail: string) => {
      throw new DomainError('outside_order', detail, { orderId: order.id, reason: 'outside_order' });
    };
    if (order.discontinuedAt && givenAt.getTime() >= order.discontinuedAt.getTime()) {
      refuse(`The order was discontinued at ${order.discontinuedAt.toISOString()}; write a new order.`);
    }
    const start = DateTime.fromISO(order.startDate, { zone }).startOf('day');
    if (givenAt.getTime() < start.toMillis()) refuse(`The order starts on ${order.startDate}.`);
    if (order.endDate) {
      const end = DateTime.fromISO(order.endDate, { zone }).plus({ days: 1 }).startOf('day');
      if (givenAt.getTime() >= end.toMillis()) refuse(`The order ended on ${order.endDate}.`);
    }
  }

  /**
   * The maximum that applies: the lowest of the patient's orders for the drug
   * in force at `givenAt`, in this order's unit, so a second order with a
   * higher maximum cannot lift the limit of the first.
   */
  private async effectiveLimit(manager: EntityManager, order: MedicationOrder, givenAt: Date): Promise<number> {
    const rows = (await manager.query(
      `SELECT max_dose_per_24h, unit, concentration_mg_per_ml FROM medication_orders
       WHERE patient_id = $1 AND drug_key = $2 AND (discontinued_at IS NULL OR discontinued_at > $3)
         AND start_date <= ($3::timestamptz AT TIME ZONE $4)::date
         AND (end_date IS NULL OR end_date >= ($3::timestamptz AT TIME ZONE $4)::date)`,
      [order.patientId, order.drugKey, givenAt.toISOString(), this.config.PROGRAM_TIMEZONE],
    )) as MeasuredRow<'max_dose_per_24h'>[];
    const limits = rows.map((r) => this.inOrderMeasure(order, Number(r.max_dose_per_24h), r, 'maximum'));
    return Math.min(order.maxDosePer24h, ...limits);
  }

  /**
   * An amount recorded against another order of the drug, in this order's
   * measure (mL through each order's mg/mL concentration). One that cannot be
   * converted refuses the administration: it is never left out of the sum.
   */
  private inOrderMeasure(order: MedicationOrder, amount: number, row: MeasuredRow<never>, what: string): number {
    const from = { unit: row.unit, concentrationMgPerMl: row.concentration_mg_per_ml === null ? null : Number(row.concentration_mg_per_ml) };
    const converted = convertMeasure(amount, from, order);
    if (converted === null) {
      throw new DomainError(
        'dose_not_convertible',
        `A ${what} of ${amount} ${row.unit} of ${order.drug} on another order cannot be converted to ${order.unit}, ` +
          'so the rolling 24-hour total cannot be checked; the dose is refused.',
        { unit: order.unit, unconvertibleUnit: row.unit },
      );
    }
    return converted;
  }

  /** Doses of the drug given to the patient within 24 hours either side, in the order's unit. */
  private async dosesAround(manager: EntityManager, order: MedicationOrder, givenAt: Date): Promise<DoseRecord[]> {
    const rows = (await manager.query(
      `SELECT a.dose, a.unit, o.concentration_mg_per_ml, a.given_at FROM medication_administrations a
       JOIN medication_orders o ON o.id = a.order_id
       WHERE a.patient_id = $1 AND o.drug_key = $2 AND a.given_at > $3 AND a.given_at < $4`,
      [
        order.patientId, order.drugKey,
        new Date(givenAt.getTime() - ROLLING_WINDOW_MS).toISOString(),
        new Date(givenAt.getTime() + ROLLING_WINDOW_MS).toISOString(),
      ],
    )) as (MeasuredRow<'dose'> & { given_at: Date })[];
    return rows.map((r) => ({ dose: this.inOrderMeasure(order, Number(r.dose), r, 'dose'), givenAt: r.given_at }));
  }
}
