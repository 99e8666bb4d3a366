/**
 * An in-process cache kept correct by invalidations (a database NOTIFY after
 * each committed change). A value loaded while an invalidation arrived may be
 * stale, so it is returned but not kept: every invalidation bumps a
 * generation, and a load stores its value only if no invalidation happened
 * since it started. While `enabled` is false (no listener connection, so
 * invalidations could be missed) every read goes to the loader.
 */
export class InvalidatedCache<K, V> {
  private readonly values = new Map<K, V>();
  private generation = 0;

  constructor(
    private readonly enabled: () => boolean,
    private readonly maxEntries = 10_000,
  ) {}

  /** The cached value, or the loaded one (kept unless `keep` says otherwise). */
  async get(key: K, load: () => Promise<V>, keep: (value: V) => boolean = () => true): Promise<V> {
    if (this.enabled() && this.values.has(key)) return this.values.get(key) as V;
    const startedAt = this.generation;
    const value = await load();
    if (this.enabled() && startedAt === this.generation && keep(value)) {
      if (this.values.size >= this.maxEntries) this.values.clear();
      this.values.set(key, value);
    }
    return value;
  }

  invalidate(key: K): void {
    this.generation += 1;
    this.values.delete(key);
  }

  /** Forgets everything, e.g. after a lost listener connection (notifications may have been missed). */
  clear(): void {
    this.generation += 1;
    this.values.clear();
  }

  get size(): number {
    return this.values.size;
  }
}
