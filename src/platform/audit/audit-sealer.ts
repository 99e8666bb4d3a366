import type { EntityManager } from 'typeorm';
import { type AuditEventContent, eventHash, GENESIS_HASH } from './audit-chain';
import { AUDIT_EVENT_CONTENT } from './audit-event-content.sql';

/** Events chained per run at most; the rest wait for the next run. */
const BATCH = 5000;

export interface SealResult {
  sealed: number;
  checkpoint: { chainSeq: string; hash: string } | null;
}

/**
 * Chains committed audit events, in id order, onto the end of `audit_chain`.
 *
 * Business transactions never wait for this: they only INSERT their event.
 * The caller holds the job's advisory lock, so one sealer runs at a time
 * across instances. Only events whose writing transaction has ended are
 * chained (transaction id below the snapshot's xmin), so an event that
 * commits late is chained by a later run rather than skipped; the horizon of
 * each complete run is recorded in a checkpoint, and the next run starts there.
 */
export async function sealAuditEvents(manager: EntityManager): Promise<SealResult> {
  const [state] = (await manager.query(
    `SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS horizon,
       (SELECT horizon FROM audit_checkpoints ORDER BY id DESC LIMIT 1) AS "lastHorizon",
       (SELECT json_build_object('seq', seq::text, 'hash', hash) FROM audit_chain ORDER BY seq DESC LIMIT 1) AS last`,
  )) as { horizon: string; lastHorizon: string | null; last: { seq: string; hash: string } | null }[];
  if (!state) return { sealed: 0, checkpoint: null };
  const events = (await manager.query(
    `SELECT ${AUDIT_EVENT_CONTENT} FROM audit_events e
     WHERE e.transaction_id >= $1 AND e.transaction_id < $2
       AND NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.event_id = e.id)
     ORDER BY e.id LIMIT ${BATCH}`,
    [state.lastHorizon ?? '0', state.horizon],
  )) as AuditEventContent[];
  let seq = BigInt(state.last?.seq ?? '0');
  let prevHash = state.last?.hash ?? GENESIS_HASH;
  for (const event of events) {
    seq += 1n;
    const hash = eventHash(prevHash, event);
    await manager.query(`INSERT INTO audit_chain (seq, event_id, prev_hash, hash) VALUES ($1, $2, $3, $4)`, [
      String(seq),
      event.id,
      prevHash,
      hash,
    ]);
    prevHash = hash;
  }
  if (events.length === 0) return { sealed: 0, checkpoint: null };
  // A cut-short run keeps the old horizon, so the next run looks at the remainder again.
  const complete = events.length < BATCH;
  await manager.query(`INSERT INTO audit_checkpoints (chain_seq, hash, horizon) VALUES ($1, $2, $3)`, [
    String(seq),
    prevHash,
    complete ? state.horizon : (state.lastHorizon ?? '0'),
  ]);
  return { sealed: events.length, checkpoint: { chainSeq: String(seq), hash: prevHash } };
}
