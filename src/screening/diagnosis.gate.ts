import type { EntityManager } from 'typeorm';
import type { PhaseGate } from '../patients/phase-gates';
import type { Phase } from '../patients/phase-transitions';
import type { AsamLevel } from './asam';
import type { SudSeverity } from './dsm5-sud';
import { treatmentGateRefusal } from './treatment-readiness';

const TREATMENT_PHASES: readonly Phase[] = ['detox', 'outpatient'];

/**
 * Refuses screening → detox/outpatient until a current confirmed diagnosis (the latest confirmed
 * one for its substance) of at least mild severity exists and the latest level-of-care assessment recommends a level the program treats.
 * Runs inside the phase change's transaction (the patient row is locked there).
 */
export const diagnosisGate: PhaseGate = {
  name: 'screening.confirmed-diagnosis-and-level-of-care',

  appliesTo(from: Phase, to: Phase): boolean {
    return from === 'screening' && TREATMENT_PHASES.includes(to);
  },

  async check(manager: EntityManager, patientId: string): Promise<string | null> {
    const confirmed = (await manager.query(
      `SELECT DISTINCT severity FROM patient_current_diagnoses WHERE patient_id = $1`,
      [patientId],
    )) as { severity: SudSeverity }[];
    const [latest] = (await manager.query(
      `SELECT recommended_level FROM level_of_care_assessments WHERE patient_id = $1
       ORDER BY recorded_at DESC, id DESC LIMIT 1`,
      [patientId],
    )) as { recommended_level: AsamLevel }[];
    return treatmentGateRefusal({
      confirmedSeverities: confirmed.map((r) => r.severity),
      latestRecommendedLevel: latest?.recommended_level ?? null,
    });
  },
};
