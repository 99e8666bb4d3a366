import { createHash } from 'node:crypto';
import { canonicalJson } from '../idempotency/idempotency';

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

export type ChainProblemKind = 'altered' | 'removed' | 'inserted';

export interface ChainProblem {
  kind: ChainProblemKind;
  /** The event named as the first break; null when a chain link itself is missing. */
  eventId: string | null;
  seq: string | null;
  detail: string;
}

/**
 * Walks the chain link by link, in `seq` order, and names the first break.
 * `checkpoints` maps a seq to the hash recorded for it when it was sealed, so
 * a chain rewritten wholesale after an edit is caught too.
 */
export class ChainWalker {
  private expectedSeq = 1n;
  private prevHash = GENESIS_HASH;

  constructor(private readonly checkpoints: ReadonlyMap<string, string> = new Map()) {}

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
    this.expectedSeq += 1n;
    this.prevHash = link.hash;
    return undefined;
  }
}

/** An event that committed before the last seal but is not in the chain was slipped in afterwards. */
export function unsealedEventProblem(eventId: string): ChainProblem {
  return { kind: 'inserted', eventId, seq: null, detail: `event ${eventId} was inserted out of order (not in the chain)` };
}
