import { type PlannedDose, replacementDropFindings, roundSchedule, roundToStep, taperFindings, type TaperRules } from './taper-safety';

const at = new Date('2026-03-01T13:00:00Z');
/** One dose a day with the given amounts on days 1, 2, ... */
const daily = (...doses: number[]): PlannedDose[] => doses.map((dose, i) => ({ scheduledAt: at, dose, day: i + 1 }));
const rules: TaperRules = { drug: 'baclofen', unit: 'mg', stops: true, minTaperDays: 7, maxDailyDropPercent: 25 };
const codes = (s: PlannedDose[], r: Partial<TaperRules> = {}) => taperFindings(s, { ...rules, ...r }).map((f) => f.code);

describe('roundToStep', () => {
  it('rounds to the nearest multiple of the step, halves up', () => {
    expect(roundToStep(12.4, 5)).toBe(10);
    expect(roundToStep(12.5, 5)).toBe(15);
    expect(roundToStep(7.5, 5)).toBe(10);
    expect(roundToStep(2.4, 5)).toBe(0);
    expect(roundToStep(0.3, 0.25)).toBe(0.25);
  });

  it('keeps the dose without a step', () => {
    expect(roundToStep(12.4, null)).toBe(12.4);
  });

  it('drops doses that round to zero from a schedule', () => {
    expect(roundSchedule(daily(7.5, 2), 5).map((d) => d.dose)).toEqual([10]);
  });
});

describe('taperFindings', () => {
  it('accepts a stop after 8 days with daily drops of at most 25 % of the start', () => {
    expect(codes(daily(20, 20, 15, 15, 10, 10, 5, 5))).toEqual([]);
  });

  it('refuses a stop after fewer days than the minimum taper length, and accepts exactly the minimum', () => {
    expect(codes(daily(20, 15, 15, 10, 10, 5), { maxDailyDropPercent: 100 })).toEqual(['taper_shorter_than_minimum']);
    expect(codes(daily(20, 15, 15, 10, 10, 5, 5), { maxDailyDropPercent: 100 })).toEqual([]);
  });

  it('does not apply the minimum length to a taper that does not stop the drug', () => {
    expect(codes(daily(20, 15), { stops: false })).toEqual([]);
  });

  it('refuses a daily drop above the share of the starting total, the final stop included', () => {
    expect(codes(daily(20, 14, 14, 14, 14, 14, 14, 14), { maxDailyDropPercent: 25 })).toEqual(['taper_daily_drop_too_large']);
    expect(codes(daily(20, 15, 15, 15, 15, 15, 15, 10), { maxDailyDropPercent: 25 })).toEqual(['taper_daily_drop_too_large']);
    expect(codes(daily(20, 15, 15, 15, 15, 15, 10, 5), { maxDailyDropPercent: 25 })).toEqual([]);
  });

  it('sums several doses a day', () => {
    const twice = [...daily(10, 10), ...daily(10, 5)];
    expect(codes(twice, { minTaperDays: null, maxDailyDropPercent: 100 })).toEqual([]);
    expect(codes(twice, { minTaperDays: null, maxDailyDropPercent: 20 })).toEqual(['taper_daily_drop_too_large']);
  });

  it('finds nothing in an empty schedule', () => {
    expect(codes([])).toEqual([]);
  });
});

describe('replacementDropFindings', () => {
  const baclofen = { generic: 'baclofen', unit: 'mg' };
  it('allows a replacement within the daily share and refuses a steeper cut', () => {
    expect(replacementDropFindings(baclofen, 60, 45, 25)).toEqual([]);
    expect(replacementDropFindings(baclofen, 60, 80, 25)).toEqual([]);
    expect(replacementDropFindings(baclofen, 60, 44.5, 25)).toEqual([expect.objectContaining({ code: 'replacement_drop_too_large' })]);
    expect(replacementDropFindings(baclofen, 60, 0, 25)).toHaveLength(1);
  });
});
