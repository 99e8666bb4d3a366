import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { DomainError, type FieldError, NotFound, ValidationFailed } from '../../common/problem/domain-error';
import { AppConfig } from '../../config/app-config';
import { type PatientAccess, PatientAccessService } from '../../patients/access/patient-access.service';
import { SettingsService } from '../../platform/settings/settings.service';
import { defaultMaxDosePer24h, drugKey } from './default-max-doses';
import { MISSED_DOSE } from '../detox-settings';
import type { CreateMedicationOrderDto } from './dto/medication-order.dto';
import { MedicationOrder } from './entities/medication-order.entity';
import { ScheduledDose } from './entities/scheduled-dose.entity';
import { EpisodesService } from '../episodes/episodes.service';
import { type ScheduledDoseStatus, scheduledDoseStatus } from './scheduled-dose-status';
import { generateTaperSchedule, type ScheduledDose as PlannedDose, TaperError } from './taper';

const INSERT_CHUNK = 500;
const MICRO = 1_000_000;

export interface ScheduledDoseView {
  dose: ScheduledDose;
  status: ScheduledDoseStatus;
  administrationId: string | null;
}

/**
 * Medication orders. An order is never edited: it is discontinued, or
 * replaced by a new order that discontinues it in the same transaction. A
 * scheduled order with a taper or an end date gets its dated schedule
 * generated (taper.ts) and stored with it.
 */
@Injectable()
export class MedicationOrdersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
    private readonly settings: SettingsService,
    private readonly config: AppConfig,
  ) {}

  create(
    access: PatientAccess,
    dto: CreateMedicationOrderDto,
  ): Promise<{ order: MedicationOrder; scheduledDoseCount: number }> {
    const { user, patientId } = access;
    const plan = this.plan(dto);
    return this.dataSource.transaction(async (manager) => {
      if (dto.replacesOrderId) {
        await this.discontinueLocked(manager, user, patientId, dto.replacesOrderId, 'Replaced by a new order.');
      }
      const episode = await EpisodesService.openEpisode(manager, patientId);
      const inserted = await manager.insert(MedicationOrder, {
        patientId, episodeId: episode?.id ?? null, drug: dto.drug.trim(), drugKey: drugKey(dto.drug), dose: plan.dose,
        unit: dto.unit, route: dto.route, scheduleType: plan.asNeeded ? 'as_needed' : 'scheduled', timesOfDay: plan.times,
        startDate: dto.startDate, endDate: dto.endDate ?? null, maxDosePer24h: plan.max,
        maxDoseSource: dto.maxDosePer24h === undefined ? 'default' : 'ordered',
        taperStartDose: dto.taper?.startDose ?? null, taperStepDown: dto.taper?.stepDown ?? null,
        taperEveryDays: dto.taper?.everyDays ?? null, taperFloor: dto.taper?.floor ?? null,
        replacesOrderId: dto.replacesOrderId ?? null, orderedBy: user.id,
      });
      const orderId = (inserted.identifiers[0] as { id: string }).id;
      for (let i = 0; i < plan.schedule.length; i += INSERT_CHUNK) {
        await manager.insert(
          ScheduledDose,
          plan.schedule.slice(i, i + INSERT_CHUNK).map((s) => ({
            orderId, patientId, scheduledAt: s.scheduledAt, dose: s.dose, dayNumber: s.day,
          })),
        );
      }
      await this.access.record(access, 'medication-order.create', 'medication-order', orderId, manager, {
        replacesOrderId: dto.replacesOrderId ?? null, scheduledDoses: plan.schedule.length,
        maxDoseSource: dto.maxDosePer24h === undefined ? 'default' : 'ordered',
      });
      const order = await manager.findOneByOrFail(MedicationOrder, { id: orderId });
      return { order, scheduledDoseCount: plan.schedule.length };
    });
  }

  discontinue(
    access: PatientAccess,
    orderId: string,
    reason: string,
  ): Promise<{ order: MedicationOrder; scheduledDoseCount: number }> {
    const { user, patientId } = access;
    return this.dataSource.transaction(async (manager) => {
      await this.discontinueLocked(manager, user, patientId, orderId, reason);
      await this.access.record(access, 'medication-order.discontinue', 'medication-order', orderId, manager);
      const order = await manager.findOneByOrFail(MedicationOrder, { id: orderId });
      const counts = await this.countScheduled([orderId], manager);
      return { order, scheduledDoseCount: counts.get(orderId) ?? 0 };
    });
  }

  async list(
    access: PatientAccess,
    status: 'active' | 'discontinued' | undefined,
  ): Promise<{ order: MedicationOrder; scheduledDoseCount: number }[]> {
    const { patientId } = access;
    const orders = await this.dataSource.manager.find(MedicationOrder, {
      where: { patientId, ...(status ? { status } : {}) },
      order: { orderedAt: 'DESC' },
    });
    const counts = await this.countScheduled(orders.map((o) => o.id));
    await this.access.record(access, 'medication-order.read', 'medication-order', null, undefined, {
      count: orders.length,
    });
    return orders.map((order) => ({ order, scheduledDoseCount: counts.get(order.id) ?? 0 }));
  }

  async get(
    access: PatientAccess,
    orderId: string,
  ): Promise<{ order: MedicationOrder; scheduledDoseCount: number }> {
    const { patientId } = access;
    const order = await this.dataSource.manager.findOneBy(MedicationOrder, { id: orderId, patientId });
    if (!order) throw new NotFound('Medication order');
    const counts = await this.countScheduled([orderId]);
    await this.access.record(access, 'medication-order.read', 'medication-order', orderId);
    return { order, scheduledDoseCount: counts.get(orderId) ?? 0 };
  }

  /** The order's dated schedule with what became of each dose. */
  async scheduledDoses(
    access: PatientAccess,
    orderId: string,
  ): Promise<{ order: MedicationOrder; doses: ScheduledDoseView[] }> {
    const { patientId } = access;
    const order = await this.dataSource.manager.findOneBy(MedicationOrder, { id: orderId, patientId });
    if (!order) throw new NotFound('Medication order');
    const doses = await this.dataSource.manager.find(ScheduledDose, {
      where: { orderId },
      order: { scheduledAt: 'ASC' },
    });
    const given = (await this.dataSource.query(
      `SELECT scheduled_dose_id, id FROM medication_administrations WHERE order_id = $1 AND scheduled_dose_id IS NOT NULL`,
      [orderId],
    )) as { scheduled_dose_id: string; id: string }[];
    const byDose = new Map(given.map((g) => [g.scheduled_dose_id, g.id]));
    const { graceMinutes } = await this.settings.get(MISSED_DOSE);
    const now = new Date();
    await this.access.record(access, 'medication-order.read-schedule', 'medication-order', orderId);
    return {
      order,
      doses: doses.map((dose) => {
        const administrationId = byDose.get(dose.id) ?? null;
        const status = scheduledDoseStatus(
          {
            scheduledAt: dose.scheduledAt, given: administrationId !== null, orderedAt: order.orderedAt,
            discontinuedAt: order.discontinuedAt,
          },
          now,
          graceMinutes,
        );
        return { dose, status, administrationId };
      }),
    };
  }

  private async discontinueLocked(
    manager: EntityManager,
    user: AuthUser,
    patientId: string,
    orderId: string,
    reason: string,
  ): Promise<void> {
    const order = await manager.findOne(MedicationOrder, {
      where: { id: orderId, patientId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!order) throw new NotFound('Medication order');
    if (order.status !== 'active') {
      throw new DomainError('conflict', 'The medication order is already discontinued.', {
        discontinuedAt: order.discontinuedAt,
      });
    }
    await manager.update(MedicationOrder, { id: orderId }, {
      status: 'discontinued', discontinuedAt: new Date(), discontinuedBy: user.id, discontinueReason: reason,
    });
  }

  private async countScheduled(
    orderIds: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, number>> {
    if (orderIds.length === 0) return new Map();
    const rows = (await manager.query(
      `SELECT order_id, count(*)::int AS n FROM medication_scheduled_doses WHERE order_id = ANY($1::uuid[]) GROUP BY order_id`,
      [orderIds],
    )) as { order_id: string; n: number }[];
    return new Map(rows.map((r) => [r.order_id, r.n]));
  }

  /** Validates the order and generates its schedule; throws 400 or 422 before anything is written. */
  private plan(dto: CreateMedicationOrderDto): {
    asNeeded: boolean;
    times: string[];
    dose: number;
    max: number;
    schedule: PlannedDose[];
  } {
    const asNeeded = dto.asNeeded === true;
    const times = dto.timesOfDay ?? [];
    const errors: FieldError[] = [];
    if (asNeeded && times.length > 0) errors.push({ field: 'timesOfDay', message: 'must be omitted for an as-needed order' });
    if (!asNeeded && times.length === 0) {
      errors.push({ field: 'timesOfDay', message: 'must list at least one time unless asNeeded is true' });
    }
    times.forEach((t, i) => {
      if (times.indexOf(t) !== i) errors.push({ field: `timesOfDay[${i}]`, message: 'is listed twice' });
    });
    if (asNeeded && dto.taper) errors.push({ field: 'taper', message: 'is only for scheduled orders' });
    if (!dto.taper && dto.dose === undefined) errors.push({ field: 'dose', message: 'is required without a taper' });
    if (dto.taper && dto.dose !== undefined && dto.dose !== dto.taper.startDose) {
      errors.push({ field: 'dose', message: 'must be omitted or equal taper.startDose' });
    }
    for (const field of ['startDate', 'endDate'] as const) {
      const value = dto[field];
      if (value !== undefined && !DateTime.fromISO(value, { zone: this.config.PROGRAM_TIMEZONE }).isValid) {
        errors.push({ field, message: 'must be a real calendar date' });
      }
    }
    if (dto.endDate !== undefined && dto.endDate < dto.startDate) {
      errors.push({ field: 'endDate', message: 'must not be before startDate' });
    }
    const max = dto.maxDosePer24h ?? defaultMaxDosePer24h(dto.drug, dto.unit);
    if (max === null) {
      errors.push({
        field: 'maxDosePer24h',
        message: `is required: there is no documented default for ${dto.drug.trim()} in ${dto.unit}`,
      });
    }
    if (errors.length > 0 || max === null) throw new ValidationFailed(errors);

    const dose = dto.dose ?? (dto.taper as { startDose: number }).startDose;
    const unit = dto.unit;
    if (dose > max) {
      throw new DomainError('rule_violation', `A single dose of ${dose} ${unit} is above the maximum of ${max} ${unit} per 24 hours.`, {
        limit: max, unit,
      });
    }
    const dailyTotal = Math.round(dose * MICRO * Math.max(times.length, 1)) / MICRO;
    if (!asNeeded && dailyTotal > max) {
      throw new DomainError(
        'rule_violation',
        `The schedule gives ${dailyTotal} ${unit} a day, above the maximum of ${max} ${unit} per 24 hours.`,
        { limit: max, scheduledDailyTotal: dailyTotal, unit },
      );
    }

    let schedule: PlannedDose[] = [];
    if (!asNeeded && (dto.taper || dto.endDate !== undefined)) {
      try {
        schedule = generateTaperSchedule({
          startDate: dto.startDate,
          ...(dto.endDate !== undefined ? { endDate: dto.endDate } : {}),
          timesOfDay: times,
          timeZone: this.config.PROGRAM_TIMEZONE,
          ...(dto.taper ? { taper: { ...dto.taper } } : { dose }),
        });
      } catch (error) {
        if (error instanceof TaperError) throw new ValidationFailed(error.errors);
        throw error;
      }
    }
    return { asNeeded, times, dose, max, schedule };
  }
}
