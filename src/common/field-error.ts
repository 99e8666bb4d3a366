/** One invalid field of a request: the `errors` member of a validation problem. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * Raised by pure domain code (tapers, recurrence, questionnaires) when its
 * input is invalid, every bad field named. Framework-free; the problem filter
 * answers it as a 400 validation problem, so call sites need not translate it.
 */
export class InvalidFields extends Error {
  constructor(
    readonly errors: FieldError[],
    summary: string,
  ) {
    super(`${summary}: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`);
  }
}
