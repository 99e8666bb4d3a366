export interface FieldError {
  field: string;
  message: string;
}

/**
 * Every error a use case can raise on purpose. The exception filter maps each
 * code to its HTTP status and problem type in one exhaustive table.
 */
export type DomainErrorCode =
  | 'validation'
  | 'not_found'
  | 'unauthenticated'
  | 'forbidden'
  | 'conflict'
  | 'stale_version'
  | 'precondition_required'
  | 'invalid_transition'
  | 'gate_not_met'
  | 'rule_violation'
  | 'dose_limit_exceeded'
  | 'slot_taken'
  | 'capacity_reached'
  | 'invalid_credentials'
  | 'rate_limited'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'malformed_json'
  | 'service_unavailable';

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
