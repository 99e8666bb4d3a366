import { ValidationFailed } from '../../common/problem/domain-error';
import { canonicalJson, parseIdempotencyKey } from './idempotency';

describe('parseIdempotencyKey', () => {
  it('is undefined without the header', () => {
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
  });

  it('accepts a bare token or a quoted string (IETF draft form)', () => {
    expect(parseIdempotencyKey('8e03978e-40d5-43e8-bc93-6894a57f9324')).toBe('8e03978e-40d5-43e8-bc93-6894a57f9324');
    expect(parseIdempotencyKey('"abc-123"')).toBe('abc-123');
    expect(parseIdempotencyKey('  k1  ')).toBe('k1');
  });

  it('refuses empty, over-long, spaced or non-ASCII keys, naming the header', () => {
    for (const bad of ['', '""', 'x'.repeat(256), 'a b', 'clé', '"a"b"']) {
      expect(() => parseIdempotencyKey(bad)).toThrow(ValidationFailed);
    }
    try {
      parseIdempotencyKey('a b');
    } catch (error) {
      expect((error as ValidationFailed).errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
    }
    expect(parseIdempotencyKey('x'.repeat(255))).toHaveLength(255);
  });
});

describe('canonicalJson', () => {
  it('is the same whatever the key order, so equal requests hash equally', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: 'x' } })).toBe(canonicalJson({ a: { c: 'x', d: [1, { x: 1, y: 2 }] }, b: 1 }));
  });

  it('drops undefined members, keeps null, and writes dates as ISO strings', () => {
    expect(canonicalJson({ a: undefined, b: null, c: new Date('2026-03-01T00:00:00Z') })).toBe('{"b":null,"c":"2026-03-01T00:00:00.000Z"}');
  });

  it('tells different requests apart', () => {
    expect(canonicalJson({ dose: 10 })).not.toBe(canonicalJson({ dose: 10.5 }));
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });
});
