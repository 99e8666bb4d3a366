import { DomainError } from '../problem/domain-error';
import { etagOf, ifMatchFrom } from './etag';

const code = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    return error instanceof DomainError ? error.code : 'other';
  }
  return 'none';
};

describe('ifMatchFrom', () => {
  it('requires the header (428)', () => {
    expect(code(() => ifMatchFrom(undefined))).toBe('precondition_required');
    expect(code(() => ifMatchFrom('  '))).toBe('precondition_required');
  });

  it('matches a strong tag by its version only', () => {
    const condition = ifMatchFrom(etagOf(3));
    expect(condition.matches(3)).toBe(true);
    expect(condition.matches(4)).toBe(false);
  });

  it('never matches a weak tag (strong comparison, RFC 9110 13.1.1)', () => {
    expect(code(() => ifMatchFrom('W/"3"'))).toBe('stale_version');
    expect(code(() => ifMatchFrom('W/"3", W/"4"'))).toBe('stale_version');
    const mixed = ifMatchFrom('W/"3", "4"');
    expect(mixed.matches(3)).toBe(false);
    expect(mixed.matches(4)).toBe(true);
  });

  it('matches any tag of a list, in either list syntax, ignoring empty elements', () => {
    for (const header of ['"1", "2"', '"1","2"', ' "1" ,\t"2" ', '"1",,"2",', ', "1", "2"']) {
      const condition = ifMatchFrom(header);
      expect([condition.matches(1), condition.matches(2), condition.matches(3)]).toEqual([true, true, false]);
    }
  });

  it('matches any version with *', () => {
    const condition = ifMatchFrom('*');
    expect(condition.matches(1)).toBe(true);
    expect(condition.matches(99)).toBe(true);
    expect(condition.sqlCondition()[0]).toBe('true');
  });

  it('refuses a malformed header or tags that are not ours (412)', () => {
    for (const header of ['nonsense', '1', '"1" "2"', '"1', '"a"', '"1,2"', '"1", *', 'W/1', '"1234567890"', ',']) {
      expect(code(() => ifMatchFrom(header))).toBe('stale_version');
    }
    // A foreign tag in a list does not spoil the rest.
    expect(ifMatchFrom('"abc", "2"').matches(2)).toBe(true);
  });

  it('gives the SQL condition of the listed versions', () => {
    expect(ifMatchFrom('"1", "2", "1"').sqlCondition('v')).toEqual(['v = ANY(:ifMatchVersions)', { ifMatchVersions: [1, 2] }]);
  });
});
