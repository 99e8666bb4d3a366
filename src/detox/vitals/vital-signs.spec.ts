import { checkPlausible, PLAUSIBLE_RANGES, VitalSigns } from './vital-signs';

const fields = (v: VitalSigns) => checkPlausible(v).map((e) => e.field);

describe('checkPlausible', () => {
  it('accepts an empty set (absent fields are not errors)', () => {
    expect(checkPlausible({})).toEqual([]);
  });

  it('accepts a typical set of vitals', () => {
    expect(
      checkPlausible({
        heartRate: 88, systolicBp: 128, diastolicBp: 82, respiratoryRate: 16, temperatureC: 37.2,
        spo2: 97, spo2Scale: 1, onSupplementalOxygen: false, consciousness: 'A',
      }),
    ).toEqual([]);
  });

  it.each([
    ['heartRate', 20, 250],
    ['systolicBp', 50, 260],
    ['diastolicBp', 20, 160],
    ['respiratoryRate', 4, 60],
    ['temperatureC', 30, 43.5],
    ['spo2', 50, 100],
  ] as const)('accepts %s from %d to %d inclusive', (field, min, max) => {
    expect(PLAUSIBLE_RANGES[field]).toMatchObject({ min, max });
    expect(fields({ [field]: min })).toEqual([]);
    expect(fields({ [field]: max })).toEqual([]);
  });

  it.each([
    ['heartRate', 19], ['heartRate', 251],
    ['systolicBp', 49], ['systolicBp', 261],
    ['diastolicBp', 19], ['diastolicBp', 161],
    ['respiratoryRate', 3], ['respiratoryRate', 61],
    ['temperatureC', 29.9], ['temperatureC', 43.6],
    ['spo2', 49], ['spo2', 101],
  ] as const)('rejects %s of %d as a typing error', (field, value) => {
    const errors = checkPlausible({ [field]: value });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toEqual({ field, message: expect.stringMatching(/between/) });
  });

  it.each(['heartRate', 'systolicBp', 'diastolicBp', 'respiratoryRate', 'spo2'] as const)(
    'requires %s to be a whole number',
    (field) => {
      expect(checkPlausible({ [field]: 80.5 })).toEqual([{ field, message: 'must be a whole number' }]);
    },
  );

  it('allows one decimal for temperature but not two', () => {
    expect(fields({ temperatureC: 37.5 })).toEqual([]);
    expect(fields({ temperatureC: 36.1 - 0.1 })).toEqual([]); // float noise is still one decimal
    expect(fields({ temperatureC: 37.55 })).toEqual(['temperatureC']);
  });

  it('rejects NaN and infinity', () => {
    expect(fields({ heartRate: Number.NaN, spo2: Infinity })).toEqual(['heartRate', 'spo2']);
  });

  it('requires the diastolic pressure to be below the systolic', () => {
    expect(checkPlausible({ systolicBp: 120, diastolicBp: 120 })).toEqual([
      { field: 'diastolicBp', message: 'must be below the systolic pressure' },
    ]);
    expect(fields({ systolicBp: 120, diastolicBp: 119 })).toEqual([]);
  });

  it('does not compare diastolic with systolic when one of them is out of range', () => {
    expect(fields({ systolicBp: 40, diastolicBp: 60 })).toEqual(['systolicBp']);
  });

  it('does not compare diastolic with systolic when only one is given', () => {
    expect(fields({ diastolicBp: 150 })).toEqual([]);
  });

  it('rejects an unknown SpO2 scale, oxygen flag or consciousness level arriving at run time', () => {
    const bad = { spo2Scale: 3, onSupplementalOxygen: 'yes', consciousness: 'X' } as unknown as VitalSigns;
    expect(fields(bad)).toEqual(['spo2Scale', 'onSupplementalOxygen', 'consciousness']);
  });

  it('reports every implausible field at once', () => {
    expect(fields({ heartRate: 300, respiratoryRate: 0, spo2: 30 })).toEqual(['heartRate', 'respiratoryRate', 'spo2']);
  });
});
