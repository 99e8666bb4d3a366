import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource, type EntityManager } from 'typeorm';
import type { Alert } from '../../platform/alerts/entities/alert.entity';
import { DomainError, NotFound, ValidationFailed } from '../../common/problem/domain-error';
import { AppConfig } from '../../config/app-config';
import { type PatientAccess, PatientAccessService } from '../../patients/access/patient-access.service';
import { DetoxAlertsService } from '../alerting/detox-alerts.service';
import { isDoseTime } from './dose-times';
import type { RecordDoseOmissionDto } from './dto/dose-omission.dto';
import { DoseOmission } from './entities/dose-omission.entity';
import { MedicationOrder } from './entities/medication-order.entity';
import { ScheduledDoseRecords } from './scheduled-dose-records.service';

/**
 * Held and refused doses. Stopping baclofen, benzodiazepines or an alcohol
 * withdrawal protocol abruptly is dangerous (baclofen labels: hallucinations
 * and seizures on abrupt withdrawal; FDA boxed warning 2020 for
 * benzodiazepines), so a held or refused dose of a drug the table marks
 * abrupt-stop-dangerous raises an urgent alert to the clinicians.
 */
@Injectable()
export class DoseOmissionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
    private readonly scheduledDoses: ScheduledDoseRecords,
    private readonly detoxAlerts: DetoxAlertsService,
    private readonly config: AppConfig,
  ) {}

  record(
    access: PatientAccess,
    orderId: string,
    dto: RecordDoseOmissionDto,
  ): Promise<{ omission: DoseOmission; alerts: Alert[] }> {
    const { user, patientId } = access;
    const scheduledAt = new Date(dto.scheduledAt);
    return this.dataSource.transaction(async (manager) => {
      // The same locks as an administration, so a dose cannot be given and held at once.
      await manager.query(
        `SELECT id FROM medication_orders WHERE patient_id = $1
           AND drug_key = (SELECT drug_key FROM medication_orders WHERE id = $2 AND patient_id = $1) ORDER BY id FOR UPDATE`,
        [patientId, orderId],
      );
      const order = await manager.findOneBy(MedicationOrder, { id: orderId, patientId });
      if (!order) throw new NotFound('Medication order');
      if (order.discontinuedAt && scheduledAt.getTime() >= order.discontinuedAt.getTime()) {
        throw new DomainError('order_discontinued_before_dose', 'The order was discontinued before that dose; nothing to hold.');
      }
      const scheduledDoseId = await this.scheduledDose(manager, order, scheduledAt);
      await this.scheduledDoses.assertOmittable(manager, order, scheduledAt, scheduledDoseId, new Date());
      const inserted = await manager.insert(DoseOmission, {
        orderId, patientId, scheduledDoseId, scheduledAt, outcome: dto.outcome, reason: dto.reason, recordedBy: user.id,
      });
      const id = (inserted.identifiers[0] as { id: string }).id;
      await this.access.record(access, 'medication-dose-omission.create', 'medication-dose-omission', id, manager, {
        orderId, outcome: dto.outcome,
      });
      const alerts = await this.alertIfDangerous(manager, order, id, scheduledAt, dto.outcome);
      return { omission: await manager.findOneByOrFail(DoseOmission, { id }), alerts };
    });
  }

  /** The stored scheduled dose at that time, or null for an open-ended schedule at one of its times. */
  private async scheduledDose(manager: EntityManager, order: MedicationOrder, at: Date): Promise<string | null> {
    const [exact] = (await manager.query(
      `SELECT id FROM medication_scheduled_doses WHERE order_id = $1 AND scheduled_at = $2`,
      [order.id, at.toISOString()],
    )) as { id: string }[];
    if (exact) return exact.id;
    const [stored] = (await manager.query(`SELECT 1 FROM medication_scheduled_doses WHERE order_id = $1 LIMIT 1`, [
      order.id,
    ])) as unknown[];
    if (!stored && order.scheduleType === 'scheduled' && isDoseTime(order, at, this.config.PROGRAM_TIMEZONE)) return null;
    throw new ValidationFailed([{ field: 'scheduledAt', message: 'is not a scheduled dose time of this order' }]);
  }

  private async alertIfDangerous(
    manager: EntityManager,
    order: MedicationOrder,
    omissionId: string,
    scheduledAt: Date,
    outcome: 'held' | 'refused',
  ): Promise<Alert[]> {
    const [drug] = (await manager.query(`SELECT abrupt_stop_dangerous FROM drugs WHERE id = $1`, [order.drugId])) as {
      abrupt_stop_dangerous: boolean;
    }[];
    if (!drug?.abrupt_stop_dangerous) return [];
    const local = DateTime.fromJSDate(scheduledAt, { zone: this.config.PROGRAM_TIMEZONE }).toFormat('yyyy-LL-dd HH:mm ZZZZ');
    const alert = await this.detoxAlerts.raise(manager, {
      patientId: order.patientId, rule: `dose_${outcome}`, severity: 'urgent', readingId: omissionId,
      message: `${order.drug} dose scheduled ${local} was ${outcome}; stopping ${order.drug} abruptly is dangerous`,
      reading: { kind: 'dose_omission', orderId: order.id, drug: order.drug, scheduledAt: scheduledAt.toISOString(), outcome },
    });
    return alert ? [alert] : [];
  }
}
