import type { EntityManager } from 'typeorm';
import type { PhaseGate } from '../../patients/phase-gates';
import type { Phase } from '../../patients/phase-transitions';

/**
 * Refuses a move to aftercare until an aftercare plan exists (DOMAIN.md: "at discharge from
 * outpatient treatment a plan is written"). Runs inside the phase change's transaction.
 */
export const aftercarePlanGate: PhaseGate = {
  name: 'aftercare.plan-written',

  appliesTo(_from: Phase, to: Phase): boolean {
    return to === 'aftercare';
  },

  async check(manager: EntityManager, patientId: string): Promise<string | null> {
    const [row] = (await manager.query(`SELECT EXISTS (SELECT 1 FROM aftercare_plans WHERE patient_id = $1) AS written`, [
      patientId,
    ])) as { written: boolean }[];
    return row?.written ? null : 'Write the aftercare plan (POST /api/v1/patients/{id}/aftercare-plan) before moving the patient to aftercare.';
  },
};
