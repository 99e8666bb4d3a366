import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../../../common/problem/domain-error';
import { cleanDose, convertMeasure, type DoseMeasure, type DoseUnit } from '../dose-units';

/** The order about to be written, in its own measure. */
export interface NewOrderDose {
  patientId: string;
  drugKey: string;
  drug: string;
  measure: DoseMeasure;
  startDate: string;
  endDate: string | null;
  maxPer24h: number;
  /** The most its schedule gives on one day (0 for as-needed). */
  peakDailyTotal: number;
}

interface OtherOrderRow {
  id: string;
  unit: DoseUnit;
  concentration_mg_per_ml: string | null;
  max_dose_per_24h: string;
  peak_daily_total: string;
}

/**
 * Administrations are checked against the lowest maximum of the patient's
 * orders for the drug and the total given under all of them, so orders whose
 * dates overlap must fit together: their scheduled daily totals, summed, stay
 * within the lowest of their maximums. Otherwise doses the schedule plans
 * would be refused at the bedside. A transaction lock per patient and drug
 * makes concurrent orders wait, so each sees the other.
 */
@Injectable()
export class CombinedDailyDoseCheck {
  async assertFits(manager: EntityManager, order: NewOrderDose): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('medication-orders:' || $1 || ':' || $2, 0))`, [
      order.patientId, order.drugKey,
    ]);
    const others = (await manager.query(
      `SELECT o.id, o.unit, o.concentration_mg_per_ml, o.max_dose_per_24h,
         CASE WHEN o.schedule_type = 'as_needed' THEN 0
              ELSE COALESCE((SELECT max(day_total) FROM (SELECT sum(s.dose) AS day_total FROM medication_scheduled_doses s
                                                        WHERE s.order_id = o.id GROUP BY s.day_number) days),
                            o.dose * cardinality(o.times_of_day)) END AS peak_daily_total
       FROM medication_orders o
       WHERE o.patient_id = $1 AND o.drug_key = $2 AND o.status = 'active'
         AND (o.end_date IS NULL OR o.end_date >= $3::date) AND ($4::date IS NULL OR o.start_date <= $4::date)
       ORDER BY o.ordered_at, o.id`,
      [order.patientId, order.drugKey, order.startDate, order.endDate],
    )) as OtherOrderRow[];
    if (others.length === 0) return;
    const inOrderMeasure = (amount: string, row: OtherOrderRow): number => {
      const converted = convertMeasure(Number(amount), {
        unit: row.unit, concentrationMgPerMl: row.concentration_mg_per_ml === null ? null : Number(row.concentration_mg_per_ml),
      }, order.measure);
      if (converted === null) {
        throw new DomainError(
          'dose_not_convertible',
          `Another active ${order.drug} order is in ${row.unit}, which cannot be converted to ${order.measure.unit}, ` +
            'so the orders cannot be checked together; the order is refused.',
          { unit: order.measure.unit, unconvertibleUnit: row.unit },
        );
      }
      return converted;
    };
    const limit = Math.min(order.maxPer24h, ...others.map((r) => inOrderMeasure(r.max_dose_per_24h, r)));
    const combined = cleanDose(order.peakDailyTotal + others.reduce((sum, r) => sum + inOrderMeasure(r.peak_daily_total, r), 0));
    if (combined > limit) {
      const unit = order.measure.unit;
      throw new DomainError(
        'dose_limit_exceeded',
        `Together with the patient's ${others.length} other active ${order.drug} order(s) for these dates, the schedules give up to ` +
          `${combined} ${unit} a day, above the lowest maximum of ${limit} ${unit} per 24 hours; ` +
          'replace the existing order (replacesOrderId) or lower the dose.',
        { limit, scheduledDailyTotal: combined, unit, otherOrderIds: others.map((r) => r.id) },
      );
    }
  }
}
