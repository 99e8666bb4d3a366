import { QueryFailedError } from 'typeorm';
import { DomainError } from './domain-error';

/** The PostgreSQL error behind a failed query: its SQLSTATE and, for constraint violations, the constraint. */
export interface PgError {
  code?: string;
  constraint?: string;
}

/** SQLSTATE codes the services react to (https://www.postgresql.org/docs/current/errcodes-appendix.html). */
export const PG_UNIQUE_VIOLATION = '23505';
export const PG_EXCLUSION_VIOLATION = '23P01';
export const PG_DEADLOCK = '40P01';
/** Raised by the program's own triggers (migration DischargeClosesCare) for a discharged or deceased patient. */
export const PG_PATIENT_DISCHARGED = 'PD001';

/** The one way to read a PostgreSQL error: undefined when the error did not come from a query. */
export function pgErrorOf(error: unknown): PgError | undefined {
  return error instanceof QueryFailedError ? (error.driverError as PgError) : undefined;
}

/** The unique or exclusion constraint a failed insert/update violated, if that is why it failed. */
export function violatedKey(error: unknown): string | undefined {
  const pg = pgErrorOf(error);
  return pg?.code === PG_UNIQUE_VIOLATION || pg?.code === PG_EXCLUSION_VIOLATION ? pg.constraint : undefined;
}

const CONNECTION_FAILURE = /Connection terminated|connection error|not queryable|timeout exceeded when trying to connect|ECONNREFUSED|ECONNRESET/i;

/*
 * TypeORM releases a transaction's connection when the server drops it; what runs next in that
 * transaction then fails with one of these (a query on the runner, or on a manager bound to it).
 */
const RELEASED_CONNECTION = new Set(['QueryRunnerAlreadyReleasedError', 'QueryRunnerProviderAlreadyReleasedError']);

/**
 * The database cannot be reached (outage, restart, failover): retryable, so 503 rather than 500.
 * Looks through wrappers too (`driverError`, `cause`, an AggregateError's `errors`).
 */
export function isConnectionFailure(error: unknown, depth = 0): boolean {
  if (error === null || typeof error !== 'object' || depth > 5) return false;
  const { code, message, name, driverError, cause, errors } = error as Record<string, unknown>;
  if (typeof name === 'string' && RELEASED_CONNECTION.has(name)) return true;
  if (typeof code === 'string' && (/^(08|57P0|53300)/.test(code) || /^E(CONN|PIPE|TIMEDOUT)/.test(code))) return true;
  if (typeof message === 'string' && CONNECTION_FAILURE.test(message)) return true;
  const inner = [driverError, cause, ...(Array.isArray(errors) ? (errors as unknown[]) : [])];
  return inner.some((e) => e !== error && isConnectionFailure(e, depth + 1));
}

/**
 * Turns a constraint violation that user input can cause into a domain error
 * (409/422/400), so the database's guarantees never surface as a 500.
 * Returns undefined for anything that is a genuine server fault.
 */
export function fromDatabaseError(error: unknown): DomainError | undefined {
  if (isConnectionFailure(error)) {
    return new DomainError('service_unavailable', 'The database is unreachable at the moment; try again shortly.');
  }
  const pg = pgErrorOf(error);
  if (!pg) return undefined;
  const constraint = pg.constraint ? ` (${pg.constraint})` : '';
  switch (pg.code) {
    case PG_UNIQUE_VIOLATION:
      return new DomainError('duplicate', `A record with the same unique value already exists${constraint}.`);
    case PG_EXCLUSION_VIOLATION:
      return new DomainError('overlap', `The record overlaps an existing one${constraint}.`);
    case '23514':
      return new DomainError('constraint_violated', `The record breaks a rule of the program${constraint}.`);
    case '23503':
      return new DomainError('reference_missing', `The record refers to something that does not exist${constraint}.`);
    case '23502':
      return new DomainError('value_missing', `A required value is missing${constraint}.`);
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
      return new DomainError('validation', 'A value has the wrong format or is out of range.');
    case PG_PATIENT_DISCHARGED:
      return new DomainError('patient_discharged', 'The patient is discharged: no new care is recorded until they are re-admitted to screening.');
    case '40001':
    case PG_DEADLOCK:
      return new DomainError('concurrent_change', 'The request collided with a concurrent change; try again.');
    default:
      return undefined;
  }
}
