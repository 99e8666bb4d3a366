import type { EntityManager } from 'typeorm';
import type { PhaseGate } from '../../patients/phase-gates';
import type { Phase } from '../../patients/phase-transitions';
import { DIAGNOSIS_CURRENT_MONTHS } from '../re-entry-rules';

/**
 * Whether the patient's current diagnosis for some substance (its latest confirmed one) is mild or
 * worse and was recorded in the last 12 months.
 */
export async function hasCurrentConfirmedDiagnosis(manager: EntityManager, patientId: string): Promise<boolean> {
  const [row] = (await manager.query(
    `SELECT EXISTS (SELECT 1 FROM patient_current_diagnoses WHERE patient_id = $1 AND severity <> 'none'
       AND recorded_at >= now() - make_interval(months => $2)) AS current`,
    [patientId, DIAGNOSIS_CURRENT_MONTHS],
  )) as { current: boolean }[];
  return row?.current ?? false;
}

export const DIAGNOSIS_REQUIRED =
  `Going back from aftercare to detox or outpatient treatment needs a confirmed diagnosis from the last ${DIAGNOSIS_CURRENT_MONTHS} months; re-open screening instead.`;

/** Aftercare → detox/outpatient skips screening, so it needs a current confirmed diagnosis, whichever route moves the patient. */
export const reEntryDiagnosisGate: PhaseGate = {
  name: 'aftercare.re-entry-diagnosis',

  appliesTo(from: Phase, to: Phase): boolean {
    return from === 'aftercare' && (to === 'detox' || to === 'outpatient');
  },

  async check(manager: EntityManager, patientId: string): Promise<string | null> {
    return (await hasCurrentConfirmedDiagnosis(manager, patientId)) ? null : DIAGNOSIS_REQUIRED;
  },
};
