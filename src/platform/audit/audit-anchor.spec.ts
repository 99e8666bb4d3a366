import { anchorProblem, parseChainAnchor } from './audit-anchor';
import { type AuditEventContent, type ChainLink, ChainWalker, eventHash, GENESIS_HASH } from './audit-chain';

const event = (id: string): AuditEventContent => ({
  id,
  occurredAt: '2026-03-01T08:00:00.123456Z',
  userId: null,
  userRole: null,
  action: 'patient.read',
  resourceType: 'patient',
  resourceId: null,
  patientId: null,
  outcome: 'success',
  emergencyAccess: false,
  clientAddress: null,
  requestId: null,
  details: {},
  transactionId: '900',
});

function seal(ids: string[], first = GENESIS_HASH): ChainLink[] {
  let prev = first;
  return ids.map((id, index) => {
    const hash = eventHash(prev, event(id));
    const link = { seq: String(index + 1), eventId: id, prevHash: prev, hash, event: event(id) };
    prev = hash;
    return link;
  });
}

/** Walks the links and finishes, as the verifier does. */
function walk(links: ChainLink[], anchors: { seq: string; hash: string }[]) {
  const walker = new ChainWalker(new Map(), anchors);
  for (const link of links) {
    const problem = walker.next(link);
    if (problem) return problem;
  }
  return walker.finish();
}

describe('parseChainAnchor', () => {
  it('reads <seq>:<hash> as logged, and nothing else', () => {
    const hash = 'a'.repeat(64);
    expect(parseChainAnchor(`532:${hash}`)).toEqual({ seq: '532', hash });
    expect(parseChainAnchor(` 532:${hash}\n`)).toEqual({ seq: '532', hash });
    for (const bad of ['', '532', `0:${hash}`, `-1:${hash}`, `532:${'a'.repeat(63)}`, `532:${'A'.repeat(64)}`, `532:${hash}:1`, `x:${hash}`]) {
      expect(parseChainAnchor(bad)).toBeUndefined();
    }
  });
});

describe('ChainWalker with outside anchors', () => {
  const links = seal(['1', '2', '3', '4']);
  const anchorAt = (seq: number) => ({ seq: String(seq), hash: (links[seq - 1] as ChainLink).hash });

  it('accepts a chain that reaches each anchor with its hash, and one that has grown past it', () => {
    expect(walk(links, [anchorAt(4)])).toBeUndefined();
    expect(walk(links, [anchorAt(2), anchorAt(3)])).toBeUndefined();
  });

  it('finds a tail removed together with its checkpoints: the chain ends short of the anchor', () => {
    expect(walk(links.slice(0, 2), [anchorAt(4)])).toEqual({
      kind: 'removed',
      eventId: null,
      seq: '3',
      detail: `the chain ends at link 2, short of the outside anchor 4:${anchorAt(4).hash}: links 3 to 4 were removed`,
    });
    expect(walk(links.slice(0, 3), [anchorAt(4)])).toMatchObject({ detail: expect.stringContaining(': link 4 was removed') });
    expect(walk([], [anchorAt(1)])).toMatchObject({ kind: 'removed', seq: '1' });
  });

  it('finds a tail removed and sealed anew (same seq, another hash), naming the link', () => {
    const regrown = [...links.slice(0, 2), ...seal(['1', '2', '7', '8']).slice(2)];
    expect(walk(regrown.slice(0, 2), [])).toBeUndefined();
    expect(walk(regrown, [anchorAt(4)])).toMatchObject({ kind: 'altered', seq: '4', eventId: '8', detail: expect.stringContaining('outside anchor 4:') });
  });

  it('finds a chain rewritten wholesale from the genesis after an edit (every link consistent)', () => {
    const rewritten = seal(['1', '9', '3', '4']);
    expect(walk(rewritten, [])).toBeUndefined();
    expect(walk(rewritten, [anchorAt(4)])).toMatchObject({ kind: 'altered', seq: '4', eventId: '4' });
  });
});

describe('anchorProblem (one lookup of the link at the anchor)', () => {
  const hash = 'b'.repeat(64);
  const anchor = { seq: '5', hash };
  it('holds when the link at the seq has the hash', () => {
    expect(anchorProblem(anchor, { seq: '5', eventId: '40', hash }, 9n)).toBeUndefined();
  });
  it('names a rewritten link, a chain ending short of it, and a missing link below the end', () => {
    expect(anchorProblem(anchor, { seq: '5', eventId: '40', hash: 'c'.repeat(64) }, 9n)).toMatchObject({ kind: 'altered', eventId: '40' });
    expect(anchorProblem(anchor, undefined, 3n)).toMatchObject({ kind: 'removed', seq: '4', detail: expect.stringContaining('ends at link 3') });
    expect(anchorProblem(anchor, undefined, 9n)).toMatchObject({ kind: 'removed', seq: '5', detail: expect.stringContaining('chain link 5 of the outside anchor') });
  });
});
