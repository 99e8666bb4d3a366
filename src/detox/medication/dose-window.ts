/*
 * Rolling 24-hour maximum dose.
 *
 * A 24-hour window is 24 × 3600 s of real elapsed time, whatever the clock
 * does (midnight, daylight-saving changes). Convention: the window ending at
 * instant e is half-open, (e − 24 h, e]: a dose given exactly 24 h before e no
 * longer counts, a dose given at e does.
 *
 * Because administrations may be recorded late (givenAt in the past), the
 * proposed dose is checked against every window that contains it, not only
 * the one ending at its own time: windows ending at any dose time in
 * [proposed, proposed + 24 h). The worst of those windows is reported.
 *
 * Doses are summed in integer micro-units (dose × 10^6, rounded), so 2.5 mg
 * steps add up exactly.
 */

export const ROLLING_WINDOW_MS = 24 * 3600 * 1000;

export interface DoseRecord {
  dose: number;
  givenAt: Date;
}

export interface RollingDoseCheck {
  maxPer24h: number;
  given: readonly DoseRecord[];
  proposed: DoseRecord;
}

export interface RollingDoseResult {
  /** True when no 24-hour window containing the proposed dose would exceed the maximum. */
  allowed: boolean;
  /** Already-recorded doses inside the worst window (the proposed dose excluded). */
  alreadyGiven: number;
  /** The worst window, (windowStart, windowEnd]: windowStart excluded, windowEnd included. */
  windowStart: Date;
  windowEnd: Date;
  /** alreadyGiven + the proposed dose. */
  worstWindowTotal: number;
}

const MICRO = 1_000_000;
const toMicro = (mg: number): number => Math.round(mg * MICRO);
const fromMicro = (micro: number): number => micro / MICRO;

function assertDose(dose: number, what: string): void {
  if (!Number.isFinite(dose) || dose < 0) throw new RangeError(`${what} must be a finite number >= 0`);
}

function assertDate(d: Date, what: string): void {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new RangeError(`${what} must be a valid date`);
}

/** Checks a proposed administration against a rolling 24-hour maximum. */
export function checkRollingDose({ maxPer24h, given, proposed }: RollingDoseCheck): RollingDoseResult {
  assertDose(maxPer24h, 'maxPer24h');
  assertDose(proposed.dose, 'proposed dose');
  assertDate(proposed.givenAt, 'proposed givenAt');
  given.forEach((g, i) => {
    assertDose(g.dose, `given[${i}].dose`);
    assertDate(g.givenAt, `given[${i}].givenAt`);
  });

  const p = proposed.givenAt.getTime();
  // Only doses within 24 h either side of the proposed one can share a window with it.
  const near = given
    .map((g) => ({ t: g.givenAt.getTime(), micro: toMicro(g.dose) }))
    .filter(({ t }) => t > p - ROLLING_WINDOW_MS && t < p + ROLLING_WINDOW_MS);

  // Candidate window ends: the proposed time and every later dose time within 24 h,
  // earliest first so that a tie reports the window ending at the proposed dose.
  const ends = [p, ...near.map(({ t }) => t).filter((t) => t > p)].sort((a, b) => a - b);
  let best = { end: p, micro: -1 };
  for (const end of ends) {
    const micro = near
      .filter(({ t }) => t > end - ROLLING_WINDOW_MS && t <= end)
      .reduce((sum, d) => sum + d.micro, 0);
    if (micro > best.micro) best = { end, micro };
  }

  const worst = best.micro + toMicro(proposed.dose);
  return {
    allowed: worst <= toMicro(maxPer24h),
    alreadyGiven: fromMicro(best.micro),
    windowStart: new Date(best.end - ROLLING_WINDOW_MS),
    windowEnd: new Date(best.end),
    worstWindowTotal: fromMicro(worst),
  };
}
