/*
 * Contraindications and interactions checked when a CNS-depressant drug is
 * ordered, from what the record holds. Each finding is a code and a message;
 * an order with findings needs the clinician's acknowledgement with a reason.
 *
 * Sources: baclofen labels (DailyMed: Lioresal, Ozobax, Lyvispah, Fleqsuvy):
 * safety and effectiveness under 12 years not established; use in pregnancy
 * only if the benefit justifies the risk; baclofen passes into breast milk;
 * renally excreted, reduce the dose in renal impairment; additive CNS
 * depression with alcohol and other CNS depressants. FDA boxed warning (2016)
 * on opioids with benzodiazepines or other CNS depressants: profound sedation,
 * respiratory depression, coma and death. An open overdose alert means CNS
 * depression is already suspected.
 */

export type FindingCode =
  | 'age_under_12'
  | 'pregnancy'
  | 'breastfeeding'
  | 'renal_impairment'
  | 'co_active_cns_depressant'
  | 'alcohol_use_disorder'
  | 'open_overdose_alert';

export interface Finding {
  code: FindingCode;
  message: string;
}

export interface RenalMeasure {
  kind: 'egfr' | 'creatinine_clearance';
  value: number;
}

export interface ContraindicationFacts {
  drug: string;
  cnsDepressant: boolean;
  /** Whole years on the order's start date. */
  ageYears: number;
  pregnant: boolean;
  breastfeeding: boolean;
  /** The latest recorded eGFR or creatinine clearance, mL/min(/1.73 m²). */
  renal: RenalMeasure | null;
  renalImpairmentBelow: number;
  /** Generic names of the patient's other active CNS-depressant orders. */
  otherCnsDepressants: readonly string[];
  alcoholUseDisorder: boolean;
  openOverdoseAlert: boolean;
}

export const MINIMUM_AGE_YEARS = 12;

export function contraindicationFindings(f: ContraindicationFacts): Finding[] {
  if (!f.cnsDepressant) return [];
  const findings: Finding[] = [];
  if (f.ageYears < MINIMUM_AGE_YEARS) {
    findings.push({
      code: 'age_under_12',
      message: `The patient is ${f.ageYears} years old; ${f.drug} is not established as safe under ${MINIMUM_AGE_YEARS}.`,
    });
  }
  if (f.pregnant) findings.push({ code: 'pregnancy', message: `The patient is recorded as pregnant; weigh ${f.drug}'s risk to the fetus.` });
  if (f.breastfeeding) {
    findings.push({ code: 'breastfeeding', message: `The patient is recorded as breastfeeding; ${f.drug} passes into breast milk.` });
  }
  if (f.renal !== null && f.renal.value < f.renalImpairmentBelow) {
    const what = f.renal.kind === 'egfr' ? 'eGFR' : 'creatinine clearance';
    findings.push({
      code: 'renal_impairment',
      message: `The latest ${what} is ${f.renal.value}, below ${f.renalImpairmentBelow}: renal impairment; reduce the dose of ${f.drug}.`,
    });
  }
  if (f.otherCnsDepressants.length > 0) {
    findings.push({
      code: 'co_active_cns_depressant',
      message: `Active orders of other CNS depressants (${f.otherCnsDepressants.join(', ')}) add to ${f.drug}'s sedation and respiratory depression.`,
    });
  }
  if (f.alcoholUseDisorder) {
    findings.push({
      code: 'alcohol_use_disorder',
      message: `The patient has an alcohol use disorder diagnosis; alcohol adds to ${f.drug}'s CNS depression.`,
    });
  }
  if (f.openOverdoseAlert) {
    findings.push({
      code: 'open_overdose_alert',
      message: `A CNS-depressant overdose alert is open for the patient; ${f.drug} deepens CNS depression.`,
    });
  }
  return findings;
}
