// Answer builders for the screening-instrument unit tests (src/screening/instruments/*.spec.ts).
import type { FieldError } from '../../src/common/field-error';
import { type AnswerValue, QuestionnaireAnswerError, type QuestionnaireDefinition } from '../../src/common/questionnaire';
import type { ScreeningContext } from '../../src/screening/instruments';

export const MALE: ScreeningContext = { sexAtBirth: 'male' };
export const FEMALE: ScreeningContext = { sexAtBirth: 'female' };
export const UNKNOWN: ScreeningContext = { sexAtBirth: 'unknown' };

/** Numeric answers in item order that add up to `total`, filling the earliest items first. */
export function answersTotalling(def: QuestionnaireDefinition, total: number): number[] {
  let remaining = total;
  const answers = def.items.map((item) => {
    const pick = Math.max(...item.allowed.filter((v): v is number => typeof v === 'number' && v <= remaining));
    remaining -= pick;
    return pick;
  });
  if (remaining !== 0) throw new Error(`cannot build ${def.id} answers totalling ${total}`);
  return answers;
}

/** Yes/no answers in which the first `points` items score 1 (reverse items answered "no"). */
export function yesNoTotalling(def: QuestionnaireDefinition, points: number): string[] {
  return def.items.map((item, index) => {
    const scoring = item.score?.('yes') === 1 ? 'yes' : 'no';
    const other = scoring === 'yes' ? 'no' : 'yes';
    return index < points ? scoring : other;
  });
}

export function keyed(def: QuestionnaireDefinition, values: readonly AnswerValue[]): Record<string, AnswerValue> {
  return Object.fromEntries(def.items.map((item, i) => [item.key, values[i] as AnswerValue]));
}

export function errorsOf(run: () => unknown): FieldError[] {
  try {
    run();
  } catch (e) {
    if (e instanceof QuestionnaireAnswerError) return e.errors;
    throw e;
  }
  throw new Error('expected a QuestionnaireAnswerError');
}
