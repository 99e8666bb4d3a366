import type { EntityManager } from 'typeorm';
import type { PhaseGate } from '../patients/phase-gates';
import type { Phase } from '../patients/phase-transitions';
import { type AsamLevel, levelOfCareOutcome, PROGRAM_LEVELS } from './asam';

const TREATMENT_PHASES: readonly Phase[] = ['detox', 'outpatient'];

/**
 * Any other way into detox or outpatient treatment (re-entry from aftercare,
 * by the phase route or re-engage) still honours the latest level-of-care
 * assessment: a patient a clinician has since assessed at a level the program
 * does not treat (3.7, 4) is referred out, not taken back. From screening the
 * diagnosis gate checks the same, with the diagnosis.
 */
export const levelOfCareGate: PhaseGate = {
  name: 'screening.level-of-care',

  appliesTo(from: Phase, to: Phase): boolean {
    return from !== 'screening' && !TREATMENT_PHASES.includes(from) && TREATMENT_PHASES.includes(to);
  },

  async check(manager: EntityManager, patientId: string): Promise<string | null> {
    const [latest] = (await manager.query(
      `SELECT recommended_level FROM level_of_care_assessments WHERE patient_id = $1
       ORDER BY recorded_at DESC, id DESC LIMIT 1`,
      [patientId],
    )) as { recommended_level: AsamLevel }[];
    if (!latest || levelOfCareOutcome(latest.recommended_level) === 'accepted') return null;
    return `Treatment cannot resume: the latest level-of-care assessment recommends level ${latest.recommended_level}, ` +
      `which the program does not treat (it treats level ${PROGRAM_LEVELS.join(' or ')}); refer the patient out.`;
  },
};
