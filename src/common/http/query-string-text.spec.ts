import { queryStringProblems } from './query-string-text';

describe('queryStringProblems', () => {
  it('accepts ordinary, encoded and plus-encoded parameters', () => {
    expect(queryStringProblems('/p?mrn=A-1&from=2026-03-01T08:00:00%2B01:00&q=a+b&name=Zo%C3%AB')).toEqual([]);
    expect(queryStringProblems('/p')).toEqual([]);
    expect(queryStringProblems('/p?')).toEqual([]);
  });

  it('refuses a NUL character in a value, naming the parameter', () => {
    expect(queryStringProblems('/p?mrn=a%00b')).toEqual([{ field: 'mrn', message: expect.stringMatching(/NUL/) }]);
  });

  it('refuses a NUL character in a name without echoing it', () => {
    expect(queryStringProblems('/p?a%00=1')).toEqual([{ field: 'query parameter 1', message: expect.any(String) }]);
  });

  it('refuses bytes that are not UTF-8 and malformed escapes', () => {
    expect(queryStringProblems('/p?mrn=%ff')).toEqual([{ field: 'mrn', message: expect.stringMatching(/UTF-8/) }]);
    expect(queryStringProblems('/p?mrn=%E0%A4')).toHaveLength(1);
    expect(queryStringProblems('/p?mrn=%zz')).toHaveLength(1);
    expect(queryStringProblems('/p?ok=1&%ff=2')).toEqual([{ field: 'query parameter 2', message: expect.any(String) }]);
  });

  it('refuses parameters named like Object.prototype members, which query DTOs never see', () => {
    for (const name of ['constructor', 'prototype', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf']) {
      expect(queryStringProblems(`/p?limit=5&${name}=1`)).toEqual([{ field: name, message: 'unknown query parameter' }]);
    }
    expect(queryStringProblems('/p?%5F%5Fproto%5F%5F=1')).toEqual([{ field: '__proto__', message: 'unknown query parameter' }]);
    expect(queryStringProblems('/p?q=constructor')).toEqual([]);
  });

  it('refuses encoded lone surrogates (CESU-style bytes)', () => {
    expect(queryStringProblems('/p?x=%ED%A0%80')).toHaveLength(1);
  });
});
