export interface WindowVerdict {
  allowed: boolean;
  /** Whole seconds until the current window ends (for Retry-After). */
  retryAfterSeconds: number;
}

/**
 * Counts hits per key in fixed windows (e.g. one minute) and refuses those
 * over the limit. Kept in memory, per instance; windows that have ended are
 * dropped once the map grows, so memory stays bounded by active keys.
 */
export class FixedWindowCounter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly pruneAbove = 10_000,
  ) {}

  hit(key: string, nowMs: number): WindowVerdict {
    let window = this.windows.get(key);
    if (!window || nowMs - window.start >= this.windowMs) {
      window = { start: nowMs, count: 0 };
      this.windows.set(key, window);
      if (this.windows.size > this.pruneAbove) this.prune(nowMs);
    }
    const retryAfterSeconds = Math.max(1, Math.ceil((window.start + this.windowMs - nowMs) / 1000));
    if (window.count >= this.limit) return { allowed: false, retryAfterSeconds };
    window.count += 1;
    return { allowed: true, retryAfterSeconds };
  }

  get size(): number {
    return this.windows.size;
  }

  private prune(nowMs: number): void {
    for (const [key, window] of this.windows) {
      if (nowMs - window.start >= this.windowMs) this.windows.delete(key);
    }
  }
}
