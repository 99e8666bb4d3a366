import type { FieldError } from '../field-error';
import type { DomainErrorCode } from './problem-types';

export type { DomainErrorCode } from './problem-types';

/**
 * An error a use case raises on purpose. Its code names the rule that was
 * broken; the problem filter maps it to a stable problem `type` URI, status
 * and title in one exhaustive table (problem-types.ts).
 */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    readonly detail: string,
    /** Extra members of the problem document (e.g. `conflicts`, `limit`). */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

export class ValidationFailed extends DomainError {
  constructor(readonly errors: FieldError[], detail = 'The request has invalid fields.') {
    super('validation', detail, { errors });
  }
}

export class NotFound extends DomainError {
  constructor(what: string) {
    super('not_found', `${what} was not found.`);
  }
}

export class StaleVersion extends DomainError {
  constructor(currentVersion: number) {
    super('stale_version', 'The record was changed by someone else since you read it; read it again.', {
      currentEtag: `"${currentVersion}"`,
    });
  }
}
