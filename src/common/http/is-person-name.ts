import { ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';

/**
 * Characters a name never holds: control characters (C0, DEL, C1: tabs,
 * newlines, escapes) and invisible formatting that makes two names look alike
 * or reorders what is shown: soft hyphen, zero-width space, word joiner and
 * invisible operators, byte-order mark, and the bidirectional marks,
 * overrides and isolates. The zero-width joiner and non-joiner stay allowed:
 * Persian and Indic names need them.
 */
const NOT_IN_NAMES = /[\p{Cc}\u00AD\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/u;
const LETTER = /\p{L}/u;

function problem(value: unknown): string | null {
  if (typeof value !== 'string') return null; // @IsString reports it
  if (NOT_IN_NAMES.test(value)) return 'must not contain control characters or invisible formatting characters';
  if (!LETTER.test(value)) return 'must contain a letter';
  return null;
}

/** A person's name: printable text with at least one letter (see NOT_IN_NAMES). */
export const IsPersonName = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy({
    name: 'isPersonName',
    validator: {
      validate: (value: unknown) => problem(value) === null,
      defaultMessage: (args?: ValidationArguments) => `${args?.property ?? 'name'} ${problem(args?.value) ?? 'is not a valid name'}`,
    },
  }, options);
