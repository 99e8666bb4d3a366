import type { EntityManager } from 'typeorm';
import { type AuditEventContent, type ChainLink, type ChainProblem, ChainWalker, unsealedEventProblem } from './audit-chain';
import type { ChainAnchor } from './audit-anchor';
import { AUDIT_EVENT_CONTENT } from './audit-event-content.sql';

const PAGE = 2000;

export interface VerificationResult {
  startedAt: Date;
  intact: boolean;
  linksChecked: string;
  problem: ChainProblem | null;
}

type Query = EntityManager['query'];

async function checkpoints(query: Query): Promise<Map<string, string>> {
  const rows = (await query(`SELECT chain_seq::text AS seq, hash FROM audit_checkpoints`)) as { seq: string; hash: string }[];
  return new Map(rows.map((r) => [r.seq, r.hash]));
}

/** The chain links after `afterSeq`, with their events (null where the event row is gone). */
async function links(query: Query, afterSeq: string): Promise<ChainLink[]> {
  const rows = (await query(
    `SELECT c.seq::text AS seq, c.event_id::text AS "eventId", c.prev_hash AS "prevHash", c.hash, ${AUDIT_EVENT_CONTENT}
     FROM audit_chain c LEFT JOIN audit_events e ON e.id = c.event_id
     WHERE c.seq > $1 ORDER BY c.seq LIMIT ${PAGE}`,
    [afterSeq],
  )) as (Omit<ChainLink, 'event'> & AuditEventContent)[];
  // The event's columns are all NULL when the LEFT JOIN found no event row.
  return rows.map(({ seq, eventId, prevHash, hash, ...event }) => ({
    seq,
    eventId,
    prevHash,
    hash,
    event: event.id === null ? null : event,
  }));
}

/** The first event committed before the last seal that is not in the chain. */
async function firstUnsealed(query: Query): Promise<string | undefined> {
  const [row] = (await query(
    `SELECT e.id::text AS id FROM audit_events e
     WHERE e.transaction_id < (SELECT coalesce(max(horizon), 0) FROM audit_checkpoints)
       AND NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.event_id = e.id)
     ORDER BY e.id LIMIT 1`,
  )) as { id: string }[];
  return row?.id;
}

/**
 * Walks the whole chain from the first link, checks that it still reaches
 * each outside anchor (a logged checkpoint) with the anchored hash, then
 * looks for events slipped in behind it, and records the outcome in
 * `audit_verifications`. Reads only committed, sealed data, so it can run
 * beside live traffic.
 */
export async function verifyAuditTrail(manager: EntityManager, anchors: readonly ChainAnchor[] = []): Promise<VerificationResult> {
  const startedAt = new Date();
  const query: Query = (sql, params) => manager.query(sql, params);
  const walker = new ChainWalker(await checkpoints(query), anchors);
  let problem: ChainProblem | null = null;
  let afterSeq = '0';
  for (;;) {
    const page = await links(query, afterSeq);
    for (const link of page) {
      problem = walker.next(link) ?? null;
      if (problem) break;
    }
    if (problem || page.length < PAGE) break;
    afterSeq = (page[page.length - 1] as ChainLink).seq;
  }
  if (!problem) problem = walker.finish() ?? null;
  if (!problem) {
    const unsealed = await firstUnsealed(query);
    if (unsealed) problem = unsealedEventProblem(unsealed);
  }
  const result = { startedAt, intact: problem === null, linksChecked: String(walker.linksChecked), problem };
  await manager.query(
    `INSERT INTO audit_verifications (started_at, intact, links_checked, problem_kind, problem_event_id, problem_detail)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [startedAt, result.intact, result.linksChecked, problem?.kind ?? null, problem?.eventId ?? null, problem?.detail ?? null],
  );
  return result;
}
