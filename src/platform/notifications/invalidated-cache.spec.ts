import { InvalidatedCache } from './invalidated-cache';

describe('InvalidatedCache', () => {
  let enabled: boolean;
  let cache: InvalidatedCache<string, number>;
  let loads: number;
  const load = (value: number) => () => {
    loads += 1;
    return Promise.resolve(value);
  };

  beforeEach(() => {
    enabled = true;
    loads = 0;
    cache = new InvalidatedCache(() => enabled, 3);
  });

  it('loads a key once and serves it from memory afterwards', async () => {
    expect(await cache.get('a', load(1))).toBe(1);
    expect(await cache.get('a', load(2))).toBe(1);
    expect(loads).toBe(1);
  });

  it('reloads a key after its invalidation, and keeps other keys', async () => {
    await cache.get('a', load(1));
    await cache.get('b', load(5));
    cache.invalidate('a');
    expect(await cache.get('a', load(2))).toBe(2);
    expect(await cache.get('b', load(6))).toBe(5);
  });

  it('does not keep a value whose load overlapped an invalidation (it may predate the change)', async () => {
    let finish: (value: number) => void = () => undefined;
    const pending = cache.get('a', () => new Promise<number>((resolve) => { finish = resolve; }));
    cache.invalidate('a');
    finish(1);
    expect(await pending).toBe(1);
    expect(await cache.get('a', load(2))).toBe(2);
  });

  it('reloads everything after clear()', async () => {
    await cache.get('a', load(1));
    cache.clear();
    expect(await cache.get('a', load(2))).toBe(2);
  });

  it('reads through and keeps nothing while disabled (no listener: changes could be missed)', async () => {
    enabled = false;
    await cache.get('a', load(1));
    expect(await cache.get('a', load(2))).toBe(2);
    expect(cache.size).toBe(0);
  });

  it('starts over when full instead of growing without bound', async () => {
    for (const key of ['a', 'b', 'c']) await cache.get(key, load(1));
    expect(cache.size).toBe(3);
    await cache.get('d', load(1));
    expect(cache.size).toBe(1);
  });

  it('does not keep a value the caller says not to keep (e.g. a record not found yet)', async () => {
    expect(await cache.get('a', load(0), (v) => v !== 0)).toBe(0);
    expect(await cache.get('a', load(1), (v) => v !== 0)).toBe(1);
    expect(await cache.get('a', load(2), (v) => v !== 0)).toBe(1);
    expect(loads).toBe(2);
  });
});
