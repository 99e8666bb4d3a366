import { convertDose } from './dose-units';

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
