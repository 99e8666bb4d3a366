import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { DomainError, NotFound } from '../../common/problem/domain-error';
import { AppConfig } from '../../config/app-config';
import { type PatientAccess, PatientAccessService } from '../../patients/access/patient-access.service';
import type { Alert } from '../../platform/alerts/entities/alert.entity';
import { SettingsService } from '../../platform/settings/settings.service';
import { MISSED_DOSE } from '../detox-settings';
import { EpisodesService } from '../episodes/episodes.service';
import type { CreateMedicationOrderDto } from './dto/medication-order.dto';
import { MedicationOrder } from './entities/medication-order.entity';
import { ScheduledDose } from './entities/scheduled-dose.entity';
import { firstDayTotal, type OrderPlan, peakDailyTotal, planOrder } from './order-plan';
import type { Drug } from './drugs/entities/drug.entity';
import type { Finding } from './safety/contraindications';
import type { TaperFinding } from './safety/taper-safety';
import { CombinedDailyDoseCheck } from './safety/combined-daily-dose.service';
import { MEDICATION_SAFETY } from './safety/medication-safety-settings';
import { OrderChecksService } from './safety/order-checks.service';
import { type Omission, type ScheduledDoseStatus, scheduledDoseStatus } from './scheduled-dose-status';

const INSERT_CHUNK = 500;

/** The safety rules an order overrode with a reason, each alerted to the care team's clinicians. */
function overriddenRules(
  dto: CreateMedicationOrderDto,
  plan: OrderPlan,
  findings: Finding[],
): { rule: string; message: string; reading: Record<string, unknown> }[] {
  const rules = [];
  if (dto.maxDoseOverrideReason !== undefined && plan.defaultMax !== null) {
    rules.push({
      rule: 'order_max_above_label',
      message: `Ordered maximum of ${plan.max} ${dto.unit} per 24 hours is above the labelled ${plan.defaultMax} ${dto.unit}`,
      reading: { maxDosePer24h: plan.max, labelledMaximum: plan.defaultMax, unit: dto.unit },
    });
  }
  if (findings.length > 0) {
    rules.push({
      rule: 'order_contraindications_acknowledged',
      message: `Ordered despite ${findings.length} contraindication finding(s): ${findings.map((f) => f.code).join(', ')}`,
      reading: { findings: findings.map((f) => f.code) },
    });
  }
  if (plan.taperFindings.length > 0) {
    rules.push({
      rule: 'order_taper_override',
      message: `Taper ordered despite: ${plan.taperFindings.map((f) => f.code).join(', ')}`,
      reading: { findings: plan.taperFindings.map((f) => f.code) },
    });
  }
  return rules;
}

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
    private readonly checks: OrderChecksService,
    private readonly combinedDose: CombinedDailyDoseCheck,
  ) {}

  create(
    access: PatientAccess,
    dto: CreateMedicationOrderDto,
  ): Promise<{ order: MedicationOrder; scheduledDoseCount: number; alerts: Alert[] }> {
    const { user, patientId } = access;
    return this.dataSource.transaction(async (manager) => {
      const resolved = await this.checks.resolveDrug(manager, dto);
      const { maxDailyTaperDropPercent } = await this.settings.get(MEDICATION_SAFETY, manager);
      const plan = planOrder(dto, resolved, maxDailyTaperDropPercent, this.config.PROGRAM_TIMEZONE);
      await this.checks.assertInTreatment(manager, patientId);
      if (dto.replacesOrderId) {
        await this.discontinueLocked(manager, user, patientId, dto.replacesOrderId, 'Replaced by a new order.');
        plan.taperFindings.push(...await this.replacementFindings(manager, dto, resolved.drug, plan));
      }
      const drug = resolved.drug.generic;
      await this.combinedDose.assertFits(manager, {
        patientId, drugKey: drug, drug, measure: { unit: dto.unit, concentrationMgPerMl: dto.concentrationMgPerMl ?? null },
        startDate: dto.startDate, endDate: dto.endDate ?? null, maxPer24h: plan.max, peakDailyTotal: peakDailyTotal(plan),
      });
      const findings = await this.checks.contraindications(manager, patientId, resolved.drug, dto.startDate);
      if (findings.length > 0 && dto.contraindicationsAckReason === undefined) {
        throw new DomainError(
          'contraindication_needs_ack',
          `Ordering ${drug} needs an acknowledgement: ${findings.map((f) => f.message).join(' ')} ` +
            'Give contraindicationsAckReason to order it anyway.',
          { findings },
        );
      }
      const episode = await EpisodesService.openEpisode(manager, patientId);
      const maxDoseSource = dto.maxDosePer24h === undefined ? 'default' : 'ordered';
      const inserted = await manager.insert(MedicationOrder, {
        patientId, episodeId: episode?.id ?? null, drug, drugKey: drug, drugId: resolved.drug.id,
        orderedName: dto.drug.trim().toLowerCase() === drug ? null : dto.drug.trim(), dose: plan.dose,
        unit: dto.unit, route: dto.route, scheduleType: plan.asNeeded ? 'as_needed' : 'scheduled', timesOfDay: plan.times,
        startDate: dto.startDate, endDate: dto.endDate ?? null, maxDosePer24h: plan.max, maxDoseSource,
        concentrationMgPerMl: dto.concentrationMgPerMl ?? null, defaultMaxPer24h: plan.defaultMax,
        maxDoseOverrideReason: dto.maxDoseOverrideReason ?? null, contraindications: findings,
        contraindicationsAckReason: findings.length > 0 ? (dto.contraindicationsAckReason ?? null) : null,
        taperOverrideReason: plan.taperFindings.length > 0 ? (dto.taperOverrideReason ?? null) : null,
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
      const overrides = overriddenRules(dto, plan, findings);
      const stopAlerts = dto.replacesOrderId
        ? await this.checks.alertAbruptStop(manager, { id: dto.replacesOrderId, patientId }, resolved.drug.id)
        : [];
      await this.access.record(access, 'medication-order.create', 'medication-order', orderId, manager, {
        replacesOrderId: dto.replacesOrderId ?? null, scheduledDoses: plan.schedule.length, maxDoseSource,
        overrides: overrides.map((o) => o.rule), contraindications: findings.map((f) => f.code),
      });
      const alerts = await this.checks.alertOverrides(manager, { id: orderId, patientId, drug }, overrides);
      const order = await manager.findOneByOrFail(MedicationOrder, { id: orderId });
      return { order, scheduledDoseCount: plan.schedule.length, alerts: [...stopAlerts, ...alerts] };
    });
  }

  /** Refuses a replacement that cuts a dangerous drug too steeply unless taperOverrideReason overrides it. */
  private async replacementFindings(
    manager: EntityManager,
    dto: CreateMedicationOrderDto,
    drug: Drug,
    plan: OrderPlan,
  ): Promise<TaperFinding[]> {
    const findings = await this.checks.replacementDrop(manager, dto.replacesOrderId as string, drug, {
      dailyTotal: firstDayTotal(plan), measure: { unit: dto.unit, concentrationMgPerMl: dto.concentrationMgPerMl ?? null },
    });
    if (findings.length > 0 && dto.taperOverrideReason === undefined) {
      throw new DomainError(
        'unsafe_taper',
        `The replacement is not safe for ${drug.generic}: ${findings.map((f) => f.message).join(' ')} ` +
          'Give taperOverrideReason to order it anyway.',
        { findings },
      );
    }
    return findings;
  }

  discontinue(
    access: PatientAccess,
    orderId: string,
    reason: string,
  ): Promise<{ order: MedicationOrder; scheduledDoseCount: number; alerts: Alert[] }> {
    const { user, patientId } = access;
    return this.dataSource.transaction(async (manager) => {
      await this.discontinueLocked(manager, user, patientId, orderId, reason);
      const alerts = await this.checks.alertAbruptStop(manager, { id: orderId, patientId }, null);
      await this.access.record(access, 'medication-order.discontinue', 'medication-order', orderId, manager, {
        alerts: alerts.map((a) => a.rule),
      });
      const order = await manager.findOneByOrFail(MedicationOrder, { id: orderId });
      const counts = await this.countScheduled([orderId], manager);
      return { order, scheduledDoseCount: counts.get(orderId) ?? 0, alerts };
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
      `SELECT scheduled_dose_id, id, dose FROM medication_administrations WHERE order_id = $1 AND scheduled_dose_id IS NOT NULL`,
      [orderId],
    )) as { scheduled_dose_id: string; id: string; dose: string }[];
    const omitted = (await this.dataSource.query(
      `SELECT scheduled_dose_id, outcome FROM medication_dose_omissions WHERE order_id = $1 AND scheduled_dose_id IS NOT NULL`,
      [orderId],
    )) as { scheduled_dose_id: string; outcome: Omission }[];
    const byDose = new Map(given.map((g) => [g.scheduled_dose_id, g]));
    const omissions = new Map(omitted.map((o) => [o.scheduled_dose_id, o.outcome]));
    const { graceMinutes } = await this.settings.get(MISSED_DOSE);
    const { doseTolerancePercent } = await this.settings.get(MEDICATION_SAFETY);
    const now = new Date();
    await this.access.record(access, 'medication-order.read-schedule', 'medication-order', orderId);
    return {
      order,
      doses: doses.map((dose) => {
        const administration = byDose.get(dose.id);
        const status = scheduledDoseStatus(
          {
            scheduledAt: dose.scheduledAt, scheduledDose: dose.dose,
            givenDose: administration ? Number(administration.dose) : null, omission: omissions.get(dose.id) ?? null,
            orderedAt: order.orderedAt, discontinuedAt: order.discontinuedAt,
          },
          now,
          graceMinutes,
          doseTolerancePercent,
        );
        return { dose, status, administrationId: administration?.id ?? null };
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
      throw new DomainError('order_already_discontinued', 'The medication order is already discontinued.', {
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
}
