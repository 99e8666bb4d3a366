import { concentrations, hasStrength, parseStrength } from './strengths';

describe('strengths', () => {
  it('reads amounts and concentrations written the table\'s ways', () => {
    expect(parseStrength('Lioresal 10 mg')).toEqual({ kind: 'amount', mg: 10 });
    expect(parseStrength('baclofen 20mg tablets')).toEqual({ kind: 'amount', mg: 20 });
    expect(parseStrength('Ozobax 5 mg/5 mL')).toEqual({ kind: 'concentration', mgPerMl: 1 });
    expect(parseStrength('10 mg/5 mL')).toEqual({ kind: 'concentration', mgPerMl: 2 });
    expect(parseStrength('Fleqsuvy 5 mg/mL')).toEqual({ kind: 'concentration', mgPerMl: 5 });
    expect(parseStrength('500 mcg/mL')).toEqual({ kind: 'concentration', mgPerMl: 0.5 });
    expect(parseStrength('0,18 mg')).toEqual({ kind: 'amount', mg: 0.18 });
    expect(parseStrength('Ozobax DS')).toBeNull();
  });

  it('matches a strength however it is written, and never an amount for a concentration', () => {
    expect(hasStrength(['5 mg', '5 mg/5 mL'], { kind: 'concentration', mgPerMl: 1 })).toBe(true);
    expect(hasStrength(['5 mg', '5 mg/5 mL'], { kind: 'amount', mg: 1 })).toBe(false);
    expect(hasStrength(['0.5 g'], { kind: 'amount', mg: 500 })).toBe(true);
    expect(hasStrength(['10 mg'], { kind: 'amount', mg: 25 })).toBe(false);
  });

  it('lists the concentrations among the strengths', () => {
    expect(concentrations(['5 mg', '10 mg/5 mL', '5 mg/5 mL', '1 mg/mL', '5 mg/mL'])).toEqual([1, 2, 5]);
    expect(concentrations(['5 mg'])).toEqual([]);
  });
});
