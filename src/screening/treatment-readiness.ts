// The screening gate on starting treatment. The article the program follows is explicit that
// treatment only begins once a confirmed diagnosis is recorded; the program also only treats
// the ASAM levels it offers (1 outpatient, 2.1 intensive outpatient), so the latest
// level-of-care recommendation must be one of them.
import { PROGRAM_LEVELS, levelOfCareOutcome, type AsamLevel } from './asam';
import type { SudSeverity } from './dsm5-sud';

export interface TreatmentReadinessFacts {
  /** Severities of the patient's confirmed diagnoses (any substance). */
  confirmedSeverities: readonly SudSeverity[];
  /** The recommended level of the most recent level-of-care assessment, or null when none. */
  latestRecommendedLevel: AsamLevel | null;
}

const QUALIFYING: readonly SudSeverity[] = ['mild', 'moderate', 'severe'];

/** Why treatment cannot start yet (every missing condition, in one sentence), or null when it can. */
export function treatmentGateRefusal(facts: TreatmentReadinessFacts): string | null {
  const missing: string[] = [];
  if (!facts.confirmedSeverities.some((s) => QUALIFYING.includes(s))) {
    missing.push(
      facts.confirmedSeverities.length > 0
        ? 'the confirmed diagnoses are all below mild severity (a confirmed diagnosis of at least mild severity is required)'
        : 'no confirmed diagnosis of at least mild severity is recorded',
    );
  }
  const treated = PROGRAM_LEVELS.join(' or ');
  if (facts.latestRecommendedLevel === null) {
    missing.push(`no level-of-care assessment is recorded (the program treats level ${treated})`);
  } else if (levelOfCareOutcome(facts.latestRecommendedLevel) !== 'accepted') {
    missing.push(
      `the latest level-of-care assessment recommends level ${facts.latestRecommendedLevel}, ` +
        `which the program does not treat (it treats level ${treated}); refer the patient out`,
    );
  }
  if (missing.length === 0) return null;
  return `Treatment cannot start: ${missing.join('; and ')}.`;
}
