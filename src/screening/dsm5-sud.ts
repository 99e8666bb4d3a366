// DSM-5 substance use disorder: 11 criteria checked present/absent for one substance over a
// 12-month period. Source: American Psychiatric Association. Diagnostic and Statistical Manual
// of Mental Disorders, 5th ed. (DSM-5), 2013. Severity: 2-3 mild, 4-5 moderate, 6+ severe;
// fewer than 2 is no disorder. Medical supervision, remission and the other specifiers: dsm5-specifiers.ts.
import type { FieldError } from '../common/field-error';
import { QuestionnaireAnswerError, isPlainObject } from '../common/questionnaire';

export const DSM5_SUD_CRITERIA = [
  { key: 'larger_amounts_or_longer', label: 'Taken in larger amounts or over a longer period than intended' },
  { key: 'unsuccessful_efforts_to_cut_down', label: 'Persistent desire or unsuccessful efforts to cut down or control use' },
  { key: 'time_spent', label: 'Much time spent obtaining, using or recovering from the substance' },
  { key: 'craving', label: 'Craving, or a strong desire or urge to use' },
  { key: 'role_failure', label: 'Recurrent use resulting in failure to fulfil major obligations' },
  { key: 'social_problems', label: 'Continued use despite persistent social or interpersonal problems' },
  { key: 'activities_given_up', label: 'Important activities given up or reduced because of use' },
  { key: 'hazardous_use', label: 'Recurrent use in physically hazardous situations' },
  { key: 'continued_despite_problems', label: 'Continued use despite a physical or psychological problem caused or worsened by it' },
  { key: 'tolerance', label: 'Tolerance' },
  { key: 'withdrawal', label: 'Withdrawal' },
] as const;

export type SudCriterion = (typeof DSM5_SUD_CRITERIA)[number]['key'];
export type SudCriteria = Record<SudCriterion, boolean>;
export type SudSeverity = 'none' | 'mild' | 'moderate' | 'severe';

/** Requires all 11 criteria as booleans and nothing else; throws naming `criteria.<key>`. */
export function validateSudCriteria(input: unknown): SudCriteria {
  if (!isPlainObject(input)) {
    throw new QuestionnaireAnswerError([{ field: 'criteria', message: 'must be an object keyed by criterion' }]);
  }
  const errors: FieldError[] = [];
  const known = new Set<string>(DSM5_SUD_CRITERIA.map((c) => c.key));
  const result: Partial<SudCriteria> = {};
  for (const { key } of DSM5_SUD_CRITERIA) {
    const value = input[key];
    if (value === undefined) errors.push({ field: `criteria.${key}`, message: 'is required' });
    else if (typeof value !== 'boolean') errors.push({ field: `criteria.${key}`, message: 'must be true or false' });
    else result[key] = value;
  }
  for (const key of Object.keys(input)) {
    if (!known.has(key)) errors.push({ field: `criteria.${key}`, message: 'is not a DSM-5 SUD criterion' });
  }
  if (errors.length > 0) throw new QuestionnaireAnswerError(errors);
  return result as SudCriteria;
}

export function severityForCount(count: number): SudSeverity {
  if (count >= 6) return 'severe';
  if (count >= 4) return 'moderate';
  if (count >= 2) return 'mild';
  return 'none';
}

export function sudSeverity(criteria: unknown): { count: number; severity: SudSeverity } {
  const valid = validateSudCriteria(criteria);
  const count = DSM5_SUD_CRITERIA.filter((c) => valid[c.key]).length;
  return { count, severity: severityForCount(count) };
}
