import { createHash } from 'node:crypto';
import type { Response } from 'express';
import type { EntityManager } from 'typeorm';
import { DomainError, ValidationFailed } from '../../common/problem/domain-error';

/*
 * Idempotency-Key for POSTs that create records (DESIGN.md, HTTP conventions).
 *
 * - The key is per user: (user_id, key) is the primary key of
 *   `idempotency_keys`, so two concurrent requests with the same key cannot
 *   both write. The claim is an INSERT inside the request's own transaction:
 *   a concurrent retry waits on it, and once the first commits it finds the
 *   stored answer and replays it (same status, same body,
 *   `Idempotent-Replayed: true`) without writing anything.
 * - Only successful answers are kept. A refused request (4xx) rolls back with
 *   its claim, so the same key may be retried and is evaluated afresh; nothing
 *   of a refused request is stored.
 * - The same key with a different request (other path or other body) is a 422:
 *   a key names one request.
 * - Keys are kept IDEMPOTENCY_RETENTION_HOURS, then purged by a job.
 * - The header may be a bare token or a quoted string (the IETF
 *   draft-ietf-httpapi-idempotency-key-header form): 1-255 visible ASCII chars.
 */

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const IDEMPOTENCY_RETENTION_HOURS = 72;

const KEY = /^[\x21-\x7e]{1,255}$/;

/** The key from the header, or undefined when absent; 400 when malformed. */
export function parseIdempotencyKey(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  const raw = (Array.isArray(header) ? header.join(',') : header).trim();
  const value = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
  if (!KEY.test(value) || value.includes('"')) {
    throw new ValidationFailed([{ field: IDEMPOTENCY_HEADER, message: 'must be 1 to 255 visible ASCII characters' }]);
  }
  return value;
}

/** JSON with object keys sorted, so equal requests hash equally whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export interface IdempotentRequest {
  userId: string;
  /** From parseIdempotencyKey; undefined runs the work without idempotency. */
  key: string | undefined;
  /** What the request addresses, e.g. `POST /patients/{id}/vitals` with the real id. */
  scope: string;
  /** The validated request body. */
  payload: unknown;
  /** Called when a stored answer is sent again, e.g. to audit that patient data was read. */
  onReplay?: () => Promise<void>;
}

export interface IdempotentOutcome<T> {
  status: number;
  /** The live answer, or on replay the JSON form of the first one. */
  body: T;
  replayed: boolean;
}

/**
 * Runs `work` once per (user, key) inside the caller's transaction and stores
 * its answer with `status`; a retry gets that answer back. Call it after the
 * record-level access check, before anything is written.
 */
export async function runIdempotent<T>(
  manager: EntityManager,
  request: IdempotentRequest,
  status: number,
  work: () => Promise<T>,
): Promise<IdempotentOutcome<T>> {
  if (request.key === undefined) return { status, body: await work(), replayed: false };
  const hash = createHash('sha256').update(canonicalJson({ scope: request.scope, payload: request.payload })).digest('hex');
  const claimed = (await manager.query(
    `INSERT INTO idempotency_keys (user_id, key, scope, request_hash) VALUES ($1, $2, $3, $4)
     ON CONFLICT (user_id, key) DO NOTHING RETURNING key`,
    [request.userId, request.key, request.scope, hash],
  )) as unknown[];
  if (claimed.length === 0) {
    const [stored] = (await manager.query(
      `SELECT request_hash, response_status, response_body::text AS body FROM idempotency_keys
       WHERE user_id = $1 AND key = $2`,
      [request.userId, request.key],
    )) as { request_hash: string; response_status: number | null; body: string | null }[];
    if (!stored || stored.response_status === null || stored.body === null) {
      throw new DomainError('idempotency_key_in_progress', 'A request with this Idempotency-Key is being processed; try again.');
    }
    if (stored.request_hash !== hash) {
      throw new DomainError('idempotency_key_reused', 'This Idempotency-Key was already used for a different request.', {
        errors: [{ field: IDEMPOTENCY_HEADER, message: 'was already used for a different request' }],
      });
    }
    await request.onReplay?.();
    return { status: stored.response_status, body: JSON.parse(stored.body) as T, replayed: true };
  }
  const body = await work();
  await manager.query(
    `UPDATE idempotency_keys SET response_status = $3, response_body = $4::json WHERE user_id = $1 AND key = $2`,
    [request.userId, request.key, status, JSON.stringify(body)],
  );
  return { status, body, replayed: false };
}

/** Sets the status (and the replay marker) on a passthrough response and returns the body. */
export function sendIdempotent<T>(res: Response, outcome: IdempotentOutcome<T>): T {
  res.status(outcome.status);
  if (outcome.replayed) res.setHeader('Idempotent-Replayed', 'true');
  return outcome.body;
}

/** Deletes keys older than the retention period; returns how many. */
export async function purgeIdempotencyKeys(manager: EntityManager, now: Date): Promise<number> {
  // For DELETE the pg driver answers [rows, rowCount].
  const [, count] = (await manager.query(
    `DELETE FROM idempotency_keys WHERE created_at < $1::timestamptz - make_interval(hours => $2)`,
    [now.toISOString(), IDEMPOTENCY_RETENTION_HOURS],
  )) as [unknown[], number];
  return count;
}
