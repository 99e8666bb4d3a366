import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PhaseEffect, PhaseMove } from '../../patients/phase-effects';
import type { Phase } from '../../patients/phase-transitions';

/**
 * Open follow-ups end when the patient leaves aftercare: cancelled at a
 * discharge, re_engaged when the patient goes back into the program. Without
 * this the overdue-follow-up job would keep alerting about a closed episode.
 */
export const FOLLOW_UPS = 'follow-ups';

@Injectable()
export class FollowUpClosure implements PhaseEffect {
  readonly name = FOLLOW_UPS;

  appliesTo(from: Phase, to: Phase): boolean {
    return to === 'discharged' || (from === 'aftercare' && to !== 'aftercare');
  }

  async apply(manager: EntityManager, move: PhaseMove): Promise<string[]> {
    const discharged = move.to === 'discharged';
    const rows = (await manager.query(
      `WITH closed AS (
         UPDATE follow_ups SET status = $2, closed_at = now(), change_reason = $3
         WHERE patient_id = $1 AND status = 'open' RETURNING id, due_date)
       SELECT id::text FROM closed ORDER BY due_date, id`,
      [move.patientId, discharged ? 'cancelled' : 're_engaged',
        discharged ? 'The patient was discharged from the program.' : `The patient went back to ${move.to}.`],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }
}
