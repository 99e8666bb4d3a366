// Generic engine for fixed-item questionnaires (screening instruments, withdrawal scales):
// validates a whole response (never scores a partial one), scores each item, sums and bands.
import { type FieldError, InvalidFields } from './field-error';

export type AnswerValue = number | string;

export interface QuestionnaireItem {
  key: string;
  label: string;
  allowed: readonly AnswerValue[];
  /** Points for an allowed value; when absent a numeric value is its own score. */
  score?: (value: AnswerValue) => number;
}

export interface QuestionnaireBand {
  id: string;
  min: number;
  max: number;
  label: string;
}

export interface QuestionnaireDefinition {
  id: string;
  version: string;
  title: string;
  items: readonly QuestionnaireItem[];
  bands: readonly QuestionnaireBand[];
}

export interface QuestionnaireScore {
  total: number;
  band: string;
  itemScores: Record<string, number>;
  answers: Record<string, AnswerValue>;
}

/** The response is rejected whole; `errors` names every offending field. */
export class QuestionnaireAnswerError extends InvalidFields {
  constructor(errors: FieldError[]) {
    super(errors, 'Invalid answers');
    this.name = 'QuestionnaireAnswerError';
  }
}

export class UnknownInstrumentError extends Error {
  readonly instrumentId: string;

  constructor(instrumentId: string) {
    super(`Unknown instrument "${instrumentId}"`);
    this.name = 'UnknownInstrumentError';
    this.instrumentId = instrumentId;
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Integers from min to max inclusive, e.g. integerRange(0, 4) -> [0, 1, 2, 3, 4]. */
export function integerRange(min: number, max: number): number[] {
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

/** A yes/no item worth 1 point for "yes", or for "no" when reverse-scored. */
export function yesNoItem(key: string, label: string, reverse = false): QuestionnaireItem {
  const scoring = reverse ? 'no' : 'yes';
  return { key, label, allowed: ['yes', 'no'], score: (value) => (value === scoring ? 1 : 0) };
}

function describeAllowed(allowed: readonly AnswerValue[]): string {
  return allowed.map((v) => JSON.stringify(v)).join(', ');
}

/**
 * Validates answers given EITHER as an array in official item order OR as an object keyed by
 * item key; returns them keyed by item key. Throws QuestionnaireAnswerError listing all errors.
 */
export function normalizeAnswers(
  def: QuestionnaireDefinition,
  answers: unknown,
  field = 'answers',
): Record<string, AnswerValue> {
  const keyed = Array.isArray(answers) ? undefined : isPlainObject(answers) ? answers : null;
  if (keyed === null) {
    const expected = `an array of ${def.items.length} values in item order or an object keyed by item`;
    throw new QuestionnaireAnswerError([{ field, message: `must be ${expected}` }]);
  }
  const list: readonly unknown[] = Array.isArray(answers) ? answers : [];
  const errors: FieldError[] = [];
  const result: Record<string, AnswerValue> = {};

  def.items.forEach((item, index) => {
    const itemField = `${field}.${item.key}`;
    const value: unknown = keyed ? (Object.hasOwn(keyed, item.key) ? keyed[item.key] : undefined) : list[index];
    if (value === undefined) {
      errors.push({ field: itemField, message: 'is required' });
      return;
    }
    const allowedValue = item.allowed.find((a) => a === value);
    if (allowedValue !== undefined) {
      result[item.key] = allowedValue;
      return;
    }
    const types = [...new Set(item.allowed.map((a) => typeof a))];
    const allowedList = describeAllowed(item.allowed);
    const message = types.includes(typeof value)
      ? `must be one of ${allowedList}`
      : `must be a ${types.join(' or ')}, one of ${allowedList}`;
    errors.push({ field: itemField, message });
  });

  if (keyed) {
    const known = new Set(def.items.map((i) => i.key));
    for (const key of Object.keys(keyed)) {
      if (!known.has(key)) errors.push({ field: `${field}.${key}`, message: `is not an item of ${def.id}` });
    }
  } else if (list.length > def.items.length) {
    const extra = list.length - def.items.length;
    errors.push({
      field,
      message: `has ${extra} extra value${extra === 1 ? '' : 's'}; ${def.id} has ${def.items.length} items`,
    });
  }

  if (errors.length > 0) throw new QuestionnaireAnswerError(errors);
  return result;
}

/** The band whose [min, max] contains the total; a gap is a definition bug, not bad input. */
export function findBand(def: QuestionnaireDefinition, total: number): QuestionnaireBand {
  const band = def.bands.find((b) => total >= b.min && total <= b.max);
  if (!band) throw new Error(`${def.id}: no band covers total ${total}`);
  return band;
}

export function scoreQuestionnaire(def: QuestionnaireDefinition, answers: unknown): QuestionnaireScore {
  const normalized = normalizeAnswers(def, answers);
  const itemScores: Record<string, number> = {};
  let total = 0;
  for (const item of def.items) {
    const value = normalized[item.key];
    if (value === undefined) throw new Error(`${def.id}: ${item.key} missing after validation`);
    const points = item.score ? item.score(value) : value;
    if (typeof points !== 'number') throw new Error(`${def.id}: item ${item.key} needs a score function`);
    itemScores[item.key] = points;
    total += points;
  }
  return { total, band: findBand(def, total).id, itemScores, answers: normalized };
}
