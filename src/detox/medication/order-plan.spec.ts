import { DomainError, ValidationFailed } from '../../common/problem/domain-error';
import { type OrderRequest, peakDailyTotal, planOrder, type ResolvedDrug } from './order-plan';

const NY = 'America/New_York';
// Baclofen: labelled maximum 80 mg per 24 hours (FDA label for oral baclofen tablets).
const BACLOFEN: ResolvedDrug = {
  drug: { generic: 'baclofen', defaultMaxPer24h: 80, doseStep: 5, minTaperDays: null, abruptStopDangerous: true },
  fromDrugUnit: (amount) => amount,
};
const UNLABELLED: ResolvedDrug = {
  drug: { generic: 'gabapentin', defaultMaxPer24h: null, doseStep: null, minTaperDays: null, abruptStopDangerous: false },
  fromDrugUnit: (amount) => amount,
};
const order = (overrides: Partial<OrderRequest> = {}): OrderRequest => ({
  drug: 'Baclofen', unit: 'mg', dose: 20, timesOfDay: ['06:00', '12:00', '18:00', '22:00'], startDate: '2026-03-02', ...overrides,
});
const plan = (request: OrderRequest, drug: ResolvedDrug = BACLOFEN, maxDropPercent = 100) =>
  planOrder(request, drug, maxDropPercent, NY);

function refusal(run: () => unknown): { code: string; fields: string[] } {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationFailed) return { code: error.code, fields: error.errors.map((e) => e.field) };
    if (error instanceof DomainError) return { code: error.code, fields: [] };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('planOrder', () => {
  it('accepts a scheduled day of exactly the labelled 80 mg maximum', () => {
    expect(plan(order())).toMatchObject({ asNeeded: false, dose: 20, max: 80, defaultMax: 80, schedule: [] });
  });

  it('refuses a scheduled order that stops a drug dangerous to stop abruptly at full dose, unless knowingly overridden', () => {
    expect(refusal(() => plan(order({ endDate: '2026-03-03' })))).toEqual({ code: 'unsafe_taper', fields: [] });
    const overridden = plan(order({ endDate: '2026-03-03', taperOverrideReason: 'Switching to intrathecal baclofen tomorrow' }));
    expect(overridden.taperFindings.map((f) => f.code)).toEqual(['abrupt_stop']);
    expect(plan(order({ endDate: '2026-03-03', asNeeded: true, timesOfDay: [] })).taperFindings).toEqual([]);
    expect(plan(order({ endDate: '2026-03-03', maxDosePer24h: 3600 }), UNLABELLED).taperFindings).toEqual([]);
  });

  it('refuses a scheduled day just above the maximum (dose-limit-exceeded)', () => {
    expect(refusal(() => plan(order({ dose: 20.5 })))).toEqual({ code: 'dose_limit_exceeded', fields: [] });
  });

  it('refuses a single as-needed dose above the maximum, and accepts one at it', () => {
    expect(refusal(() => plan(order({ asNeeded: true, timesOfDay: [], dose: 81 })))).toEqual({ code: 'dose_limit_exceeded', fields: [] });
    expect(plan(order({ asNeeded: true, timesOfDay: [], dose: 80 })).max).toBe(80);
  });

  it('needs a reason for a maximum above the labelled one, and refuses a reason when it is not above', () => {
    expect(refusal(() => plan(order({ maxDosePer24h: 81 })))).toEqual({ code: 'max_dose_above_label', fields: [] });
    expect(plan(order({ maxDosePer24h: 81, maxDoseOverrideReason: 'specialist advice' })).max).toBe(81);
    expect(refusal(() => plan(order({ maxDosePer24h: 80, maxDoseOverrideReason: 'not needed' }))).fields)
      .toEqual(['maxDoseOverrideReason']);
  });

  it('requires an explicit maximum for a drug the table gives none', () => {
    expect(refusal(() => plan(order(), UNLABELLED)).fields).toEqual(['maxDosePer24h']);
    expect(plan(order({ maxDosePer24h: 900 }), UNLABELLED).max).toBe(900);
  });

  it('names every inconsistent field at once', () => {
    expect(refusal(() => plan(order({ timesOfDay: ['08:00', '08:00'], endDate: '2026-03-01' }))).fields)
      .toEqual(['timesOfDay[1]', 'endDate']);
    expect(refusal(() => plan(order({ asNeeded: true }))).fields).toEqual(['timesOfDay']);
    expect(refusal(() => plan(order({ timesOfDay: [] }))).fields).toEqual(['timesOfDay']);
    expect(refusal(() => plan(order({ dose: undefined }))).fields).toEqual(['dose']);
    expect(refusal(() => plan(order({ startDate: '2026-02-30' }))).fields).toEqual(['startDate']);
    expect(refusal(() => plan(order({ taperOverrideReason: 'x' }))).fields).toEqual(['taperOverrideReason']);
  });

  it('schedules a fixed dose through its end date and none for an open-ended order', () => {
    expect(plan(order({ timesOfDay: ['08:00'], endDate: '2026-03-04', maxDosePer24h: 3600 }), UNLABELLED).schedule).toHaveLength(3);
    expect(plan(order()).schedule).toEqual([]);
  });

  it('takes the taper start dose as the dose and generates its dated steps', () => {
    const taper = { startDose: 20, stepDown: 10, everyDays: 1, floor: 0 };
    const result = plan(order({ dose: undefined, timesOfDay: ['08:00'], taper }));
    expect(result.dose).toBe(20);
    expect(result.schedule.map((d) => d.dose)).toEqual([20, 10]);
  });

  it('refuses a taper whose doses, rounded up to the 5 mg step, give more than 80 mg in 24 hours', () => {
    // 6 x 12.5 mg = 75 mg as ordered, but each dose rounds to 15 mg: 90 mg a day.
    const taper = { startDose: 12.5, stepDown: 1, everyDays: 7, floor: 12.5 };
    const six = ['04:00', '08:00', '12:00', '16:00', '20:00', '23:00'];
    expect(refusal(() => plan(order({ dose: undefined, timesOfDay: six, taper, endDate: '2026-03-08' })))).toEqual({
      code: 'dose_limit_exceeded', fields: [],
    });
    // 4 x 20 mg stays at exactly 80 mg after rounding.
    const four = plan(order({ dose: undefined, taper: { startDose: 20, stepDown: 5, everyDays: 3, floor: 0 } }));
    expect(four.schedule.slice(0, 4).map((d) => d.dose)).toEqual([20, 20, 20, 20]);
  });

  it('refuses a taper that drops faster than the daily limit unless a reason is given', () => {
    const taper = { startDose: 20, stepDown: 10, everyDays: 1, floor: 0 };
    const fast = order({ dose: undefined, timesOfDay: ['08:00'], taper });
    expect(refusal(() => plan(fast, BACLOFEN, 10))).toEqual({ code: 'unsafe_taper', fields: [] });
    const acknowledged = plan({ ...fast, taperOverrideReason: 'inpatient transfer' }, BACLOFEN, 10);
    expect(acknowledged.taperFindings.length).toBeGreaterThan(0);
  });
});

describe('peakDailyTotal', () => {
  it('is the dose times the times of day for an open-ended order, and 0 for as-needed', () => {
    expect(peakDailyTotal(plan(order()))).toBe(80);
    expect(peakDailyTotal(plan(order({ asNeeded: true, timesOfDay: [] })))).toBe(0);
  });

  it('is the highest day of a taper, its first', () => {
    const taper = plan(order({
      dose: undefined, timesOfDay: ['08:00', '20:00'], taper: { startDose: 30, stepDown: 5, everyDays: 3, floor: 10 },
      taperOverrideReason: 'Synthetic taper',
    }));
    expect(peakDailyTotal(taper)).toBe(60);
  });
});
