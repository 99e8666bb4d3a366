import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PhaseEffect, PhaseMove } from '../../patients/phase-effects';
import type { Phase } from '../../patients/phase-transitions';

/**
 * A discharge discontinues every active medication order (tapers included),
 * so no dose is scheduled, given or reported missed after the patient left.
 */
@Injectable()
export class OrderClosure implements PhaseEffect {
  readonly name = 'medication-orders';

  appliesTo(_from: Phase, to: Phase): boolean {
    return to === 'discharged';
  }

  async apply(manager: EntityManager, move: PhaseMove): Promise<string[]> {
    const rows = (await manager.query(
      `WITH closed AS (
         UPDATE medication_orders SET status = 'discontinued', discontinued_at = now(), discontinued_by = $2,
           discontinue_reason = 'The patient was discharged from the program.'
         WHERE patient_id = $1 AND status = 'active' RETURNING id)
       SELECT id::text FROM closed ORDER BY id`,
      [move.patientId, move.actor.id],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }
}
