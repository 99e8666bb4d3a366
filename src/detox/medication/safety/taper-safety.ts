/*
 * Safe tapers.
 *
 * - Doses are rounded to what can be given: the nearest multiple of the drug's
 *   dose step (baclofen 5 mg, half a scored 10 mg tablet; halves round up), in
 *   integer micro-units. A dose that rounds to 0 is not scheduled.
 * - A taper that stops the drug (floor 0) must take at least the drug's
 *   minimum taper length from day 1 to the last dose day (baclofen 7 days:
 *   the labels warn that abrupt discontinuation causes hallucinations and
 *   seizures and tell prescribers to reduce the dose slowly, over at least
 *   1-2 weeks; DailyMed, Lioresal and Ozobax, Warnings).
 * - No day's total may fall below the previous day's by more than a set share
 *   of the starting daily total (setting, default 25 %); the stop after the last
 *   dose day counts as a drop to 0.
 * Either finding refuses the order unless the clinician overrides with a reason.
 */

export interface PlannedDose {
  scheduledAt: Date;
  dose: number;
  day: number;
}

export interface TaperFinding {
  code: 'taper_shorter_than_minimum' | 'taper_daily_drop_too_large' | 'abrupt_stop' | 'replacement_drop_too_large';
  message: string;
}

/**
 * A scheduled order of a drug whose abrupt stop is dangerous (baclofen,
 * benzodiazepines: withdrawal seizures, hallucinations) that ends on a date
 * at its full dose: the stop must be a taper, or be ordered knowingly.
 */
export function abruptStopFindings(drug: { generic: string; abruptStopDangerous: boolean }, endDate: string): TaperFinding[] {
  if (!drug.abruptStopDangerous) return [];
  return [{
    code: 'abrupt_stop',
    message: `The order stops ${drug.generic} at its full dose after ${endDate}, and stopping ${drug.generic} abruptly is ` +
      'dangerous (withdrawal); order a taper instead.',
  }];
}

const MICRO = 1_000_000;
const toMicro = (x: number) => Math.round(x * MICRO);
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A replacement order of a drug dangerous to stop abruptly is the next day of
 * a taper: its first day may not fall below what the replaced order gives a
 * day by more than the same share (60 mg a day replaced by 5 mg is an abrupt
 * stop by another name). Both totals are in the drug's unit.
 */
export function replacementDropFindings(
  drug: { generic: string; unit: string },
  replacedDaily: number,
  replacementDaily: number,
  maxDailyDropPercent: number,
): TaperFinding[] {
  const drop = toMicro(replacedDaily) - toMicro(replacementDaily);
  if (drop <= (toMicro(replacedDaily) * maxDailyDropPercent) / 100) return [];
  return [{
    code: 'replacement_drop_too_large',
    message: `The replacement lowers ${drug.generic} from ${replacedDaily} to ${replacementDaily} ${drug.unit} a day, ` +
      `more than ${maxDailyDropPercent} % at once, and stopping ${drug.generic} abruptly is dangerous (withdrawal); order a taper.`,
  }];
}

/** Rounds to the nearest multiple of `step` (halves up); without a step the dose is kept. */
export function roundToStep(dose: number, step: number | null): number {
  if (step === null) return dose;
  const s = toMicro(step);
  return (Math.floor((toMicro(dose) + s / 2) / s) * s) / MICRO;
}

/**
 * The most the schedule gives in any rolling 24 hours, the window the
 * administration check uses: (t - 24 h, t] ending at each dose.
 */
export function peakRolling24h(schedule: readonly PlannedDose[]): number {
  const doses = [...schedule].sort((a, b) => a.scheduledAt.getTime() - b.scheduledAt.getTime());
  let peak = 0;
  let window = 0;
  let first = 0;
  for (const dose of doses) {
    window += toMicro(dose.dose);
    while (dose.scheduledAt.getTime() - (doses[first] as PlannedDose).scheduledAt.getTime() >= DAY_MS) {
      window -= toMicro((doses[first] as PlannedDose).dose);
      first += 1;
    }
    peak = Math.max(peak, window);
  }
  return peak / MICRO;
}

export function roundSchedule(schedule: readonly PlannedDose[], step: number | null): PlannedDose[] {
  return schedule.map((d) => ({ ...d, dose: roundToStep(d.dose, step) })).filter((d) => d.dose > 0);
}

export interface TaperRules {
  drug: string;
  unit: string;
  /** Whether the taper ends the drug (floor 0). */
  stops: boolean;
  minTaperDays: number | null;
  maxDailyDropPercent: number;
}

export function taperFindings(schedule: readonly PlannedDose[], rules: TaperRules): TaperFinding[] {
  const totals = new Map<number, number>();
  for (const d of schedule) totals.set(d.day, (totals.get(d.day) ?? 0) + toMicro(d.dose));
  const days = [...totals.keys()].sort((a, b) => a - b);
  const first = days[0];
  if (first === undefined) return [];
  const last = days[days.length - 1] as number;
  const findings: TaperFinding[] = [];
  if (rules.stops && rules.minTaperDays !== null && last < rules.minTaperDays) {
    findings.push({
      code: 'taper_shorter_than_minimum',
      message: `The taper stops ${rules.drug} after ${last} days; its minimum taper length is ${rules.minTaperDays} days.`,
    });
  }
  const start = totals.get(first) as number;
  const allowed = (start * rules.maxDailyDropPercent) / 100;
  const series = days.map((day) => ({ day, micro: totals.get(day) as number }));
  if (rules.stops) series.push({ day: last + 1, micro: 0 });
  for (let i = 1; i < series.length; i++) {
    const prev = series[i - 1] as { day: number; micro: number };
    const cur = series[i] as { day: number; micro: number };
    const drop = prev.micro - cur.micro;
    if (drop > allowed) {
      findings.push({
        code: 'taper_daily_drop_too_large',
        message:
          `On day ${cur.day} the daily total of ${rules.drug} falls from ${prev.micro / MICRO} to ${cur.micro / MICRO} ` +
          `${rules.unit}, more than ${rules.maxDailyDropPercent} % of the starting ${start / MICRO} ${rules.unit}.`,
      });
      break;
    }
  }
  return findings;
}
