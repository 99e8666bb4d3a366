import { type AuditEventContent, type ChainLink, ChainWalker, eventHash, GENESIS_HASH, unsealedEventProblem } from './audit-chain';

const event = (id: string, overrides: Partial<AuditEventContent> = {}): AuditEventContent => ({
  id,
  occurredAt: '2026-03-01T08:00:00.123456Z',
  userId: '00000000-0000-4000-8000-000000000001',
  userRole: 'clinician',
  action: 'patient.read',
  resourceType: 'patient',
  resourceId: null,
  patientId: '00000000-0000-4000-8000-000000000002',
  outcome: 'success',
  emergencyAccess: false,
  clientAddress: '127.0.0.1',
  requestId: 'r1',
  details: { b: 1, a: 2 },
  transactionId: '900',
  ...overrides,
});

/** A correctly sealed chain over the given events. */
function seal(events: AuditEventContent[]): ChainLink[] {
  let prev = GENESIS_HASH;
  return events.map((e, index) => {
    const hash = eventHash(prev, e);
    const link = { seq: String(index + 1), eventId: e.id, prevHash: prev, hash, event: e };
    prev = hash;
    return link;
  });
}

const walk = (links: ChainLink[], checkpoints = new Map<string, string>()) => {
  const walker = new ChainWalker(checkpoints);
  for (const link of links) {
    const problem = walker.next(link);
    if (problem) return problem;
  }
  return undefined;
};

describe('eventHash', () => {
  it('depends on the previous hash and on every field, not on key order', () => {
    const base = eventHash(GENESIS_HASH, event('1'));
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(eventHash(GENESIS_HASH, event('1', { details: { a: 2, b: 1 } }))).toBe(base);
    expect(eventHash('1'.repeat(64), event('1'))).not.toBe(base);
    expect(eventHash(GENESIS_HASH, event('1', { occurredAt: '2026-03-01T08:00:00.123457Z' }))).not.toBe(base);
    expect(eventHash(GENESIS_HASH, event('1', { outcome: 'denied' }))).not.toBe(base);
    expect(eventHash(GENESIS_HASH, event('1', { emergencyAccess: true }))).not.toBe(base);
  });
});

describe('ChainWalker', () => {
  it('accepts an intact chain and counts its links', () => {
    const links = seal([event('1'), event('2'), event('5')]);
    const walker = new ChainWalker();
    expect(links.map((l) => walker.next(l))).toEqual([undefined, undefined, undefined]);
    expect(walker.linksChecked).toBe(3n);
  });

  it('names the first altered event, even when later ones are altered too', () => {
    const links = seal([event('1'), event('2'), event('3')]);
    (links[1] as ChainLink).event = event('2', { action: 'patient.update' });
    (links[2] as ChainLink).event = event('3', { outcome: 'denied' });
    expect(walk(links)).toMatchObject({ kind: 'altered', eventId: '2', seq: '2' });
  });

  it('names a removed event whose link remains', () => {
    const links = seal([event('1'), event('2'), event('3')]);
    (links[1] as ChainLink).event = null;
    expect(walk(links)).toMatchObject({ kind: 'removed', eventId: '2' });
  });

  it('finds a removed link (a gap in seq), even when the next link was re-pointed', () => {
    const links = seal([event('1'), event('2'), event('3')]);
    expect(walk([links[0] as ChainLink, links[2] as ChainLink])).toMatchObject({ kind: 'removed', seq: '2', eventId: null });
  });

  it('finds a chain rewritten after an edit through the recorded checkpoint', () => {
    const original = seal([event('1'), event('2')]);
    const rewritten = seal([event('1'), event('2', { action: 'forged' })]);
    const checkpoints = new Map([['2', (original[1] as ChainLink).hash]]);
    expect(walk(rewritten)).toBeUndefined();
    expect(walk(rewritten, checkpoints)).toMatchObject({ kind: 'altered', eventId: '2' });
    expect(walk(original, checkpoints)).toBeUndefined();
  });

  it('finds a link whose prev_hash does not follow the one before', () => {
    const links = seal([event('1'), event('2')]);
    (links[1] as ChainLink).prevHash = GENESIS_HASH;
    expect(walk(links)).toMatchObject({ kind: 'altered', eventId: '2' });
  });
});

describe('unsealedEventProblem', () => {
  it('names the event as inserted out of order', () => {
    expect(unsealedEventProblem('7')).toMatchObject({ kind: 'inserted', eventId: '7' });
  });
});
