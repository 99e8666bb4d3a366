import { integerFields, type SettingDefinition } from '../../../platform/settings/setting-definition';

export interface MedicationSafetyRules {
  /** eGFR or creatinine clearance (mL/min) below this is renal impairment for the contraindication check. */
  renalImpairmentBelow: number;
  /** A taper's daily total may fall by at most this share (%) of its starting daily total. */
  maxDailyTaperDropPercent: number;
  /** An administration within this share (%) of the scheduled amount is "given"; less is "given partially". */
  doseTolerancePercent: number;
}

/*
 * Defaults: renal impairment below 60 mL/min/1.73 m² (KDIGO 2012, CKD stage 3
 * and worse; the baclofen labels ask for a lower dose in renal impairment);
 * taper drops of at most 25 % of the start a day; 10 % dose tolerance.
 */
export const MEDICATION_SAFETY: SettingDefinition<MedicationSafetyRules> = {
  key: 'detox.medication-safety',
  description:
    'renalImpairmentBelow (default 60): eGFR or creatinine clearance below this flags renal impairment when a ' +
    'CNS depressant is ordered; maxDailyTaperDropPercent (default 25): a taper may not lower the daily total by more ' +
    'than this share of the starting total in a day; doseTolerancePercent (default 10): an administration this close ' +
    'to the scheduled amount is given, less is given partially.',
  defaultValue: { renalImpairmentBelow: 60, maxDailyTaperDropPercent: 25, doseTolerancePercent: 10 },
  validate: integerFields({ renalImpairmentBelow: [15, 120], maxDailyTaperDropPercent: [5, 100], doseTolerancePercent: [0, 50] }),
};
