import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError, ValidationFailed } from '../../common/problem/domain-error';
import { SettingsService } from '../../platform/settings/settings.service';
import { MISSED_DOSE } from '../detox-settings';
import { doseNotDue, isGivenInGrace, isOmittableAt } from './dose-due';
import type { MedicationOrder } from './entities/medication-order.entity';

/** What a scheduled dose was already recorded as, and that record's id. */
export interface ExistingDoseRecord {
  recordedAs: 'given' | 'held' | 'refused';
  recordId: string;
}

/** The 409 of a second record (administration or omission) for one scheduled dose. */
export function doseAlreadyRecorded(existing: ExistingDoseRecord): DomainError {
  return new DomainError(
    'dose_already_recorded',
    `That scheduled dose was already ${existing.recordedAs}; a scheduled dose is given, held or refused once.`,
    { ...existing },
  );
}

/**
 * The one record a scheduled dose gets: an administration or an omission,
 * never both and never two, and only when the dose is due (dose-due.ts). The
 * callers hold the row locks of the drug's orders (SELECT ... FOR UPDATE), so
 * these checks and the insert that follows are serialised; the unique
 * constraints and the given-or-omitted trigger (migration DoseOmissions) are
 * the database's own guarantee behind them.
 */
@Injectable()
export class ScheduledDoseRecords {
  constructor(private readonly settings: SettingsService) {}

  /**
   * The scheduled dose an administration at `givenAt` fulfils: the one named
   * (of this order, not yet recorded, within the grace period of its time), or
   * else the nearest not-yet-recorded dose of the order within the grace period.
   */
  async fulfilledBy(manager: EntityManager, order: MedicationOrder, givenAt: Date, named: string | undefined): Promise<string | null> {
    const { graceMinutes } = await this.settings.get(MISSED_DOSE, manager);
    if (named) {
      const [row] = (await manager.query(
        `SELECT id, scheduled_at FROM medication_scheduled_doses WHERE id = $1 AND order_id = $2`,
        [named, order.id],
      )) as { id: string; scheduled_at: Date }[];
      if (!row) throw new ValidationFailed([{ field: 'scheduledDoseId', message: 'is not a scheduled dose of this order' }]);
      const existing = await this.ofScheduledDose(manager, row.id);
      if (existing) throw doseAlreadyRecorded(existing);
      if (!isGivenInGrace(row.scheduled_at, givenAt, graceMinutes)) throw doseNotDue('given', row.scheduled_at, givenAt, graceMinutes);
      return row.id;
    }
    const [nearest] = (await manager.query(
      `SELECT s.id FROM medication_scheduled_doses s
       WHERE s.order_id = $1
         AND s.scheduled_at BETWEEN $2::timestamptz - make_interval(mins => $3) AND $2::timestamptz + make_interval(mins => $3)
         AND NOT EXISTS (SELECT 1 FROM medication_administrations a WHERE a.scheduled_dose_id = s.id)
         AND NOT EXISTS (SELECT 1 FROM medication_dose_omissions o WHERE o.scheduled_dose_id = s.id)
       ORDER BY abs(extract(epoch FROM s.scheduled_at - $2::timestamptz)), s.scheduled_at
       LIMIT 1`,
      [order.id, givenAt.toISOString(), graceMinutes],
    )) as { id: string }[];
    return nearest?.id ?? null;
  }

  /**
   * Refuses to hold or refuse a dose that already has a record, or that is not
   * due yet at `now`. `scheduledDoseId` null: a time of an open-ended schedule,
   * whose administrations are those of the order within the grace period.
   */
  async assertOmittable(
    manager: EntityManager, order: MedicationOrder, scheduledAt: Date, scheduledDoseId: string | null, now: Date,
  ): Promise<void> {
    const { graceMinutes } = await this.settings.get(MISSED_DOSE, manager);
    const existing = scheduledDoseId
      ? await this.ofScheduledDose(manager, scheduledDoseId)
      : await this.ofDoseTime(manager, order.id, scheduledAt, graceMinutes);
    if (existing) throw doseAlreadyRecorded(existing);
    if (!isOmittableAt(scheduledAt, now, graceMinutes)) throw doseNotDue('omitted', scheduledAt, now, graceMinutes);
  }

  private async ofScheduledDose(manager: EntityManager, scheduledDoseId: string): Promise<ExistingDoseRecord | null> {
    const [row] = (await manager.query(
      `SELECT 'given' AS "recordedAs", id AS "recordId" FROM medication_administrations WHERE scheduled_dose_id = $1
       UNION ALL
       SELECT outcome, id FROM medication_dose_omissions WHERE scheduled_dose_id = $1
       LIMIT 1`,
      [scheduledDoseId],
    )) as ExistingDoseRecord[];
    return row ?? null;
  }

  private async ofDoseTime(manager: EntityManager, orderId: string, at: Date, graceMinutes: number): Promise<ExistingDoseRecord | null> {
    const [row] = (await manager.query(
      `SELECT 'given' AS "recordedAs", id AS "recordId" FROM medication_administrations WHERE order_id = $1
         AND given_at BETWEEN $2::timestamptz - make_interval(mins => $3) AND $2::timestamptz + make_interval(mins => $3)
       UNION ALL
       SELECT outcome, id FROM medication_dose_omissions WHERE order_id = $1 AND scheduled_at = $2
       LIMIT 1`,
      [orderId, at.toISOString(), graceMinutes],
    )) as ExistingDoseRecord[];
    return row ?? null;
  }
}
