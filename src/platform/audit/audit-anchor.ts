import type { ChainProblem } from './audit-chain-problem';

/*
 * An outside anchor: a checkpoint (`<seq>:<hash>`) the seal job wrote to the
 * log, kept where the database's users cannot reach it. A chain cut short or
 * rewritten in the database no longer reaches that seq with that hash.
 */

export interface ChainAnchor {
  seq: string;
  hash: string;
}

/** `<seq>:<hash>` as the seal job logs it (`auditAnchor`). */
export const ANCHOR_PATTERN = /^[1-9]\d{0,18}:[0-9a-f]{64}$/;

/** The anchor written as `<seq>:<hash>`, or undefined when the text is not one. */
export function parseChainAnchor(text: string): ChainAnchor | undefined {
  const trimmed = text.trim();
  if (!ANCHOR_PATTERN.test(trimmed)) return undefined;
  const [seq, hash] = trimmed.split(':') as [string, string];
  return { seq, hash };
}

export const formatChainAnchor = (anchor: ChainAnchor): string => `${anchor.seq}:${anchor.hash}`;

/** The link at the anchor's seq no longer has the anchored hash: the chain was rewritten up to there. */
export function anchorMismatch(anchor: ChainAnchor, link: { seq: string; eventId: string; hash: string }): ChainProblem | undefined {
  if (link.seq !== anchor.seq || link.hash === anchor.hash) return undefined;
  return {
    kind: 'altered',
    eventId: link.eventId,
    seq: link.seq,
    detail: `the chain was rewritten: link ${link.seq} (event ${link.eventId}) no longer has the hash of the outside anchor ${formatChainAnchor(anchor)}`,
  };
}

/** The chain ends before the anchor's seq: its tail was removed. `lastSeq` is the last link there is (0: none). */
export function anchorBeyondChain(anchor: ChainAnchor, lastSeq: bigint): ChainProblem | undefined {
  if (BigInt(anchor.seq) <= lastSeq) return undefined;
  const first = lastSeq + 1n;
  const removed = first === BigInt(anchor.seq) ? `link ${first} was` : `links ${first} to ${anchor.seq} were`;
  return {
    kind: 'removed',
    eventId: null,
    seq: String(first),
    detail: `the chain ends at link ${lastSeq}, short of the outside anchor ${formatChainAnchor(anchor)}: ${removed} removed`,
  };
}

/** The stored chain checked against an anchor by one lookup: `link` is the link at the anchor's seq, if any. */
export function anchorProblem(
  anchor: ChainAnchor, link: { seq: string; eventId: string; hash: string } | undefined, lastSeq: bigint,
): ChainProblem | undefined {
  if (link) return anchorMismatch(anchor, link);
  return anchorBeyondChain(anchor, lastSeq) ?? {
    kind: 'removed',
    eventId: null,
    seq: anchor.seq,
    detail: `chain link ${anchor.seq} of the outside anchor ${formatChainAnchor(anchor)} is missing`,
  };
}
