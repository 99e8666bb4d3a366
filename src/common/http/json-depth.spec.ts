import { jsonNestsDeeperThan, MAX_JSON_DEPTH } from './json-depth';

const bytes = (text: string) => Buffer.from(text, 'utf8');
const nested = (levels: number, open = '[', close = ']') => `${open.repeat(levels)}${close.repeat(levels)}`;

describe('jsonNestsDeeperThan', () => {
  it('accepts nesting up to the limit and refuses one level more', () => {
    expect(jsonNestsDeeperThan(bytes(nested(MAX_JSON_DEPTH)), MAX_JSON_DEPTH)).toBe(false);
    expect(jsonNestsDeeperThan(bytes(nested(MAX_JSON_DEPTH + 1)), MAX_JSON_DEPTH)).toBe(true);
  });

  it('counts objects and arrays alike, mixed', () => {
    expect(jsonNestsDeeperThan(bytes('{"a":[{"b":[1]}]}'), 4)).toBe(false);
    expect(jsonNestsDeeperThan(bytes('{"a":[{"b":[1]}]}'), 3)).toBe(true);
  });

  it('measures depth, not the number of siblings', () => {
    expect(jsonNestsDeeperThan(bytes(`[${'[1],'.repeat(1000)}[2]]`), 2)).toBe(false);
  });

  it('ignores brackets inside strings, including after escaped quotes', () => {
    expect(jsonNestsDeeperThan(bytes(JSON.stringify({ a: '[[[[{{{{' })), 1)).toBe(false);
    expect(jsonNestsDeeperThan(bytes(JSON.stringify({ a: 'x\\"[[[[' })), 1)).toBe(false);
    expect(jsonNestsDeeperThan(bytes(JSON.stringify({ a: '\\' , b: [[1]] })), 2)).toBe(true);
  });

  it('finds the 10,000-level bodies that used to overflow the stack', () => {
    expect(jsonNestsDeeperThan(bytes('{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000)), MAX_JSON_DEPTH)).toBe(true);
  });

  it('treats scalars and empty text as depth 0', () => {
    expect(jsonNestsDeeperThan(bytes('"x"'), 0)).toBe(false);
    expect(jsonNestsDeeperThan(bytes(''), 0)).toBe(false);
    expect(jsonNestsDeeperThan(bytes('[]'), 0)).toBe(true);
  });
});
