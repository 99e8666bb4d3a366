import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { onDischarge, type PhaseEffect, type PhaseMove } from '../../patients/phase-effects';

const DISCHARGED = 'The patient was discharged from the program.';

/**
 * A discharge frees the patient's future sessions: one that was only theirs is
 * cancelled by the program (its room and clinicians are free again), and the
 * patient is taken off one shared with others. Sessions already started are
 * left as they are: their attendance is still recorded.
 */
@Injectable()
export class SessionRelease implements PhaseEffect {
  readonly name = 'sessions';

  readonly appliesTo = onDischarge;

  async apply(manager: EntityManager, move: PhaseMove): Promise<string[]> {
    const sessions = (await manager.query(
      `SELECT s.id::text, (SELECT count(*)::int FROM session_patients o WHERE o.session_id = s.id) AS patients
       FROM sessions s JOIN session_patients sp ON sp.session_id = s.id AND sp.patient_id = $1
       WHERE s.status = 'scheduled' AND s.starts_at > now()
       ORDER BY s.id FOR UPDATE OF s`,
      [move.patientId],
    )) as { id: string; patients: number }[];
    const own = sessions.filter((s) => s.patients === 1).map((s) => s.id);
    const shared = sessions.filter((s) => s.patients > 1).map((s) => s.id);
    if (own.length > 0) {
      await manager.query(
        `UPDATE sessions SET status = 'cancelled', cancelled_by = 'program', cancel_reason = $2, cancelled_at = now(),
           cancelled_by_user = $3, version = version + 1, updated_at = now()
         WHERE id = ANY($1::uuid[])`,
        [own, DISCHARGED, move.actor.id],
      );
    }
    if (shared.length > 0) {
      await manager.query(`DELETE FROM session_patients WHERE session_id = ANY($1::uuid[]) AND patient_id = $2`, [shared, move.patientId]);
      await manager.query(`UPDATE sessions SET version = version + 1, updated_at = now() WHERE id = ANY($1::uuid[])`, [shared]);
    }
    return sessions.map((s) => s.id);
  }
}
