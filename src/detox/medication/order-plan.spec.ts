import { InvalidFields } from '../../common/field-error';
import { DomainError } from '../../common/problem/domain-error';
import { type OrderRequest, planOrder } from './order-plan';

const NY = 'America/New_York';
const baclofen = (overrides: Partial<OrderRequest> = {}): OrderRequest => ({
  drug: 'Baclofen', unit: 'mg', dose: 20, timesOfDay: ['08:00', '14:00', '20:00'], startDate: '2026-03-02', ...overrides,
});

function fieldsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidFields) return error.errors.map((e) => e.field);
    throw error;
  }
  throw new Error('expected InvalidFields');
}

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  throw new Error('expected DomainError');
}

describe('planOrder', () => {
  it('uses the documented 80 mg/24 h default for baclofen and accepts a day of exactly 80 mg', () => {
    const plan = planOrder(baclofen({ dose: 20, timesOfDay: ['06:00', '12:00', '18:00', '22:00'] }), NY);
    expect(plan).toMatchObject({ asNeeded: false, dose: 20, max: 80, schedule: [] });
  });

  it('refuses a scheduled day one step above the maximum (dose_limit_exceeded)', () => {
    expect(codeOf(() => planOrder(baclofen({ dose: 20.5, timesOfDay: ['06:00', '12:00', '18:00', '22:00'] }), NY)))
      .toBe('dose_limit_exceeded');
  });

  it('refuses a single dose above the maximum even when as-needed', () => {
    expect(codeOf(() => planOrder(baclofen({ asNeeded: true, timesOfDay: [], dose: 81 }), NY))).toBe('dose_limit_exceeded');
    expect(planOrder(baclofen({ asNeeded: true, timesOfDay: [], dose: 80 }), NY).max).toBe(80);
  });

  it('requires an explicit maximum for a drug without a documented default', () => {
    expect(fieldsOf(() => planOrder(baclofen({ drug: 'Gabapentin' }), NY))).toEqual(['maxDosePer24h']);
    expect(planOrder(baclofen({ drug: 'Gabapentin', maxDosePer24h: 900 }), NY).max).toBe(900);
  });

  it('names every inconsistent field at once', () => {
    expect(fieldsOf(() => planOrder(baclofen({ timesOfDay: ['08:00', '08:00'], endDate: '2026-03-01' }), NY)))
      .toEqual(['timesOfDay[1]', 'endDate']);
    expect(fieldsOf(() => planOrder(baclofen({ asNeeded: true }), NY))).toEqual(['timesOfDay']);
    expect(fieldsOf(() => planOrder(baclofen({ timesOfDay: [] }), NY))).toEqual(['timesOfDay']);
    expect(fieldsOf(() => planOrder(baclofen({ dose: undefined }), NY))).toEqual(['dose']);
    expect(fieldsOf(() => planOrder(baclofen({ startDate: '2026-02-30' }), NY))).toEqual(['startDate']);
  });

  it('takes the taper start dose as the dose and generates the dated schedule', () => {
    const plan = planOrder(
      baclofen({ dose: undefined, timesOfDay: ['08:00'], taper: { startDose: 20, stepDown: 10, everyDays: 1, floor: 0 } }),
      NY,
    );
    expect(plan.dose).toBe(20);
    expect(plan.schedule.map((d) => d.dose)).toEqual([20, 10]);
    expect(fieldsOf(() => planOrder(baclofen({ dose: 15, taper: { startDose: 20, stepDown: 10, everyDays: 1, floor: 0 } }), NY)))
      .toEqual(['dose']);
  });

  it('schedules a fixed dose through an end date and none for an open-ended order', () => {
    expect(planOrder(baclofen({ timesOfDay: ['08:00'], endDate: '2026-03-04' }), NY).schedule).toHaveLength(3);
    expect(planOrder(baclofen(), NY).schedule).toEqual([]);
  });
});
