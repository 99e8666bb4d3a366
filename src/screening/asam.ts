// ASAM Criteria: six assessment dimensions, each risk-rated 0-4 by a clinician, and the level
// of care the clinician recommends. Source: Mee-Lee D, ed. The ASAM Criteria: Treatment
// Criteria for Addictive, Substance-Related, and Co-Occurring Conditions, 3rd ed. American
// Society of Addiction Medicine, 2013. This outpatient program accepts levels 1 (outpatient)
// and 2.1 (intensive outpatient) and refers the other levels out.
import type { FieldError } from '../common/field-error';
import { QuestionnaireAnswerError, isPlainObject } from '../common/questionnaire';

export const ASAM_DIMENSIONS = [
  { key: 'd1_intoxication_withdrawal', label: 'Acute intoxication and/or withdrawal potential' },
  { key: 'd2_biomedical', label: 'Biomedical conditions and complications' },
  { key: 'd3_emotional_behavioral', label: 'Emotional, behavioral or cognitive conditions and complications' },
  { key: 'd4_readiness_to_change', label: 'Readiness to change' },
  { key: 'd5_relapse_potential', label: 'Relapse, continued use or continued problem potential' },
  { key: 'd6_recovery_environment', label: 'Recovery/living environment' },
] as const;

export type AsamDimension = (typeof ASAM_DIMENSIONS)[number]['key'];
export const ASAM_RATINGS = [0, 1, 2, 3, 4] as const;
export type AsamRating = (typeof ASAM_RATINGS)[number];
export type AsamRatings = Record<AsamDimension, AsamRating>;

// The levels of the ASAM Criteria, 3rd edition (2013), that a clinician may recommend.
export const ASAM_LEVELS = ['0.5', '1', '2.1', '2.5', '3.1', '3.3', '3.5', '3.7', '4'] as const;
export type AsamLevel = (typeof ASAM_LEVELS)[number];
export const PROGRAM_LEVELS: readonly AsamLevel[] = ['1', '2.1'];

export function isAsamLevel(value: unknown): value is AsamLevel {
  return typeof value === 'string' && (ASAM_LEVELS as readonly string[]).includes(value);
}

/** Throws QuestionnaireAnswerError naming `field` unless value is one of ASAM_LEVELS. */
export function validateAsamLevel(value: unknown, field = 'level'): AsamLevel {
  if (isAsamLevel(value)) return value;
  throw new QuestionnaireAnswerError([{ field, message: `must be one of ${ASAM_LEVELS.join(', ')}` }]);
}

export function levelOfCareOutcome(level: AsamLevel): 'accepted' | 'refer_out' {
  return PROGRAM_LEVELS.includes(level) ? 'accepted' : 'refer_out';
}

const isRating = (value: unknown): value is AsamRating =>
  (ASAM_RATINGS as readonly unknown[]).includes(value);

/** Requires a 0-4 integer for each of the six dimensions; throws naming `ratings.<key>`. */
export function validateAsamRatings(input: unknown): AsamRatings {
  if (!isPlainObject(input)) {
    throw new QuestionnaireAnswerError([{ field: 'ratings', message: 'must be an object keyed by dimension' }]);
  }
  const errors: FieldError[] = [];
  const known = new Set<string>(ASAM_DIMENSIONS.map((d) => d.key));
  const result: Partial<AsamRatings> = {};
  for (const { key } of ASAM_DIMENSIONS) {
    const value = input[key];
    if (value === undefined) errors.push({ field: `ratings.${key}`, message: 'is required' });
    else if (!isRating(value)) errors.push({ field: `ratings.${key}`, message: 'must be an integer 0, 1, 2, 3 or 4' });
    else result[key] = value;
  }
  for (const key of Object.keys(input)) {
    if (!known.has(key)) errors.push({ field: `ratings.${key}`, message: 'is not an ASAM dimension' });
  }
  if (errors.length > 0) throw new QuestionnaireAnswerError(errors);
  return result as AsamRatings;
}
