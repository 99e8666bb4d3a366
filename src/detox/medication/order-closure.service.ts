import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { onDischarge, type PhaseEffect, type PhaseMove } from '../../patients/phase-effects';
import { DetoxAlertsService } from '../alerting/detox-alerts.service';

/**
 * A discharge discontinues every active medication order (tapers included),
 * so no dose is scheduled, given or reported missed after the patient left;
 * the clinicians are alerted for a drug that is dangerous to stop abruptly.
 */
@Injectable()
export class OrderClosure implements PhaseEffect {
  readonly name = 'medication-orders';
  readonly appliesTo = onDischarge;

  constructor(private readonly alerts: DetoxAlertsService) {}

  async apply(manager: EntityManager, move: PhaseMove): Promise<string[]> {
    const rows = (await manager.query(
      `WITH closed AS (
         UPDATE medication_orders SET status = 'discontinued', discontinued_at = now(), discontinued_by = $2,
           discontinue_reason = 'The patient was discharged from the program.'
         WHERE patient_id = $1 AND status = 'active' RETURNING id, drug_id, drug)
       SELECT c.id::text, c.drug, coalesce(d.abrupt_stop_dangerous, false) AS dangerous
       FROM closed c LEFT JOIN drugs d ON d.id = c.drug_id ORDER BY c.id`,
      [move.patientId, move.actor.id],
    )) as { id: string; drug: string; dangerous: boolean }[];
    // Stopping baclofen (or a benzodiazepine) at once risks withdrawal: the clinicians must arrange a taper or continuation.
    for (const order of rows.filter((r) => r.dangerous)) {
      await this.alerts.raise(manager, {
        patientId: move.patientId, rule: 'discharge_stopped_dangerous_drug', severity: 'urgent', readingId: order.id,
        message: `The discharge discontinued ${order.drug}, which is dangerous to stop abruptly: arrange a taper or continued prescribing.`,
        reading: { kind: 'medication_order', orderId: order.id, drug: order.drug },
      });
    }
    return rows.map((r) => r.id);
  }
}
