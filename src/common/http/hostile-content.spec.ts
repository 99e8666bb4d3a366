import { findHostileContent } from './hostile-content';

describe('findHostileContent', () => {
  it('accepts ordinary text, numbers, nulls, nested objects and arrays', () => {
    expect(findHostileContent({ a: 'Zoë 😀', b: [1, null, { c: 'x\ty' }], d: true })).toEqual([]);
  });

  it('refuses a NUL character anywhere, naming the field path', () => {
    expect(findHostileContent({ reason: 'a\u0000b' })).toEqual([{ field: 'reason', message: expect.stringMatching(/NUL/) }]);
    expect(findHostileContent({ parts: [{ body: 'ok' }, { body: '\u0000' }] })).toEqual([
      { field: 'parts[1].body', message: expect.stringMatching(/NUL/) },
    ]);
  });

  it('refuses lone high and low surrogates but accepts surrogate pairs', () => {
    expect(findHostileContent({ email: 'a\ud800@example.org' })).toHaveLength(1);
    expect(findHostileContent({ email: '\udc00' })).toHaveLength(1);
    expect(findHostileContent({ note: '\ud83d\ude00' })).toEqual([]);
  });

  it('refuses __proto__, constructor and prototype keys at any depth', () => {
    const body = JSON.parse('{"__proto__":{"x":1},"a":{"constructor":1},"b":[{"prototype":2}]}') as unknown;
    expect(findHostileContent(body).map((e) => e.field)).toEqual(['__proto__', 'a.constructor', 'b[0].prototype']);
  });

  it('refuses every Object.prototype member name as a key, at any depth', () => {
    const names = ['toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', '__defineGetter__', 'toLocaleString', 'propertyIsEnumerable'];
    for (const name of names) {
      expect(findHostileContent(JSON.parse(`{"a":[{"${name}":1}]}`) as unknown)).toEqual([
        { field: `a[0].${name}`, message: 'unknown field; this key is not allowed' },
      ]);
    }
    expect(findHostileContent({ toStringy: 1, value: 'toString' })).toEqual([]);
  });

  it('refuses keys with NUL or lone surrogates without echoing them', () => {
    const errors = findHostileContent({ 'a\u0000': 1, '\ud800': 2 });
    expect(errors).toHaveLength(2);
    expect(JSON.stringify(errors)).not.toMatch(/\\u0000|\\ud800/);
  });

  it('checks a bare string body too', () => {
    expect(findHostileContent('\u0000')).toEqual([{ field: 'body', message: expect.any(String) }]);
  });
});
