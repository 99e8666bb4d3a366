import { convertDose, convertMeasure } from './dose-units';

describe('convertDose', () => {
  it('keeps a value in its own unit, whatever the unit', () => {
    expect(convertDose(7.5, 'mg', 'mg')).toBe(7.5);
    expect(convertDose(10, 'mL', 'mL')).toBe(10);
    expect(convertDose(4, 'units', 'units')).toBe(4);
  });

  it('converts between mcg, mg and g exactly', () => {
    expect(convertDose(1, 'g', 'mg')).toBe(1000);
    expect(convertDose(500, 'mcg', 'mg')).toBe(0.5);
    expect(convertDose(0.18, 'mg', 'mcg')).toBe(180);
    expect(convertDose(250, 'mg', 'g')).toBe(0.25);
    expect(convertDose(0.1, 'g', 'mcg')).toBe(100000);
  });

  it('refuses to convert volume or units into mass, or into each other', () => {
    expect(convertDose(5, 'mL', 'mg')).toBeNull();
    expect(convertDose(5, 'mg', 'mL')).toBeNull();
    expect(convertDose(5, 'units', 'mL')).toBeNull();
    expect(convertDose(5, 'units', 'g')).toBeNull();
  });
});

describe('convertMeasure', () => {
  const mg = { unit: 'mg' as const, concentrationMgPerMl: null };
  const suspension = { unit: 'mL' as const, concentrationMgPerMl: 5 };
  const solution = { unit: 'mL' as const, concentrationMgPerMl: 1 };

  it('converts mL of a liquid to mg through its concentration and back', () => {
    expect(convertMeasure(4, suspension, mg)).toBe(20);
    expect(convertMeasure(20, mg, suspension)).toBe(4);
  });

  it('converts between two liquids of different concentrations', () => {
    expect(convertMeasure(2, suspension, solution)).toBe(10);
  });

  it('returns null for mL without a concentration or for units', () => {
    expect(convertMeasure(4, { unit: 'mL', concentrationMgPerMl: null }, mg)).toBeNull();
    expect(convertMeasure(4, { unit: 'units', concentrationMgPerMl: null }, mg)).toBeNull();
  });

  it('keeps a value in the same measure', () => {
    expect(convertMeasure(3, suspension, suspension)).toBe(3);
    expect(convertMeasure(3, { unit: 'units', concentrationMgPerMl: null }, { unit: 'units', concentrationMgPerMl: null })).toBe(3);
  });
});
