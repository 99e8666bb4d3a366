import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { onDischarge, type PhaseEffect, type PhaseMove } from '../../patients/phase-effects';

/**
 * A discharge discontinues every active medication order (tapers included),
 * so no dose is scheduled, given or reported missed after the patient left.
 */
@Injectable()
export class OrderClosure implements PhaseEffect {
  readonly name = 'medication-orders';

  readonly appliesTo = onDischarge;

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
