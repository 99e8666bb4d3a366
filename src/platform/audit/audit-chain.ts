import { createHash } from 'node:crypto';
import { canonicalJson } from '../idempotency/idempotency';
import { anchorBeyondChain, anchorMismatch, type ChainAnchor } from './audit-anchor';
import type { ChainProblem } from './audit-chain-problem';

export type { ChainProblem, ChainProblemKind } from './audit-chain-problem';

/*
 * Tamper evidence for the audit trail (HIPAA 45 CFR 164.312(b) audit controls
 * and (c)(1) integrity): each sealed event's hash covers its canonical content
 * and the previous hash, so altering, removing or slipping in an event breaks
 * the chain from that point on.
 */

/** The `prev_hash` of the first link. */
export const GENESIS_HASH = '0'.repeat(64);

/** Every column of an audit event as stored, with the timestamp at full (microsecond) precision. */
export interface AuditEventContent {
  id: string;
  occurredAt: string;
  userId: string | null;
  userRole: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  patientId: string | null;
  outcome: string;
  emergencyAccess: boolean;
  clientAddress: string | null;
  requestId: string | null;
  details: unknown;
  transactionId: string;
}

export function eventHash(prevHash: string, content: AuditEventContent): string {
  return createHash('sha256').update(`${prevHash}\n${canonicalJson(content)}`).digest('hex');
}

/** One link of the chain as stored, with the event it seals (null when the event row is gone). */
export interface ChainLink {
  seq: string;
  eventId: string;
  prevHash: string;
  hash: string;
  event: AuditEventContent | null;
}

/**
 * Walks the chain link by link, in `seq` order, and names the first break.
 * `checkpoints` maps a seq to the hash recorded for it when it was sealed, so
 * a chain rewritten wholesale after an edit is caught too; `anchors` are
 * checkpoints kept outside the database (the log), which also catch a chain
 * whose tail was removed together with its checkpoints (see `finish`).
 */
export class ChainWalker {
  private expectedSeq = 1n;
  private prevHash = GENESIS_HASH;

  constructor(
    private readonly checkpoints: ReadonlyMap<string, string> = new Map(),
    private readonly anchors: readonly ChainAnchor[] = [],
  ) {}

  get linksChecked(): bigint {
    return this.expectedSeq - 1n;
  }

  next(link: ChainLink): ChainProblem | undefined {
    if (BigInt(link.seq) !== this.expectedSeq) {
      return { kind: 'removed', eventId: null, seq: String(this.expectedSeq), detail: `chain link ${this.expectedSeq} is missing` };
    }
    if (!link.event) {
      return { kind: 'removed', eventId: link.eventId, seq: link.seq, detail: `event ${link.eventId} was removed` };
    }
    const recomputed = eventHash(this.prevHash, link.event);
    if (link.prevHash !== this.prevHash || recomputed !== link.hash) {
      return { kind: 'altered', eventId: link.eventId, seq: link.seq, detail: `event ${link.eventId} was altered` };
    }
    const checkpoint = this.checkpoints.get(link.seq);
    if (checkpoint !== undefined && checkpoint !== link.hash) {
      return { kind: 'altered', eventId: link.eventId, seq: link.seq, detail: `the chain was rewritten at event ${link.eventId}` };
    }
    for (const anchor of this.anchors) {
      const problem = anchorMismatch(anchor, link);
      if (problem) return problem;
    }
    this.expectedSeq += 1n;
    this.prevHash = link.hash;
    return undefined;
  }

  /** After the last link: the chain must reach every outside anchor. */
  finish(): ChainProblem | undefined {
    for (const anchor of this.anchors) {
      const problem = anchorBeyondChain(anchor, this.linksChecked);
      if (problem) return problem;
    }
    return undefined;
  }
}

/** An event that committed before the last seal but is not in the chain was slipped in afterwards. */
export function unsealedEventProblem(eventId: string): ChainProblem {
  return { kind: 'inserted', eventId, seq: null, detail: `event ${eventId} was inserted out of order (not in the chain)` };
}
