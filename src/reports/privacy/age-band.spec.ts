import { ageBand } from './age-band';

describe('ageBand', () => {
  it.each([
    [0, 'under 18'], [17, 'under 18'], [18, '18-24'], [24, '18-24'], [25, '25-34'], [34, '25-34'],
    [35, '35-44'], [44, '35-44'], [45, '45-54'], [54, '45-54'], [55, '55-64'], [64, '55-64'],
    [65, '65-89'], [89, '65-89'], [90, '90+'], [104, '90+'],
  ])('puts age %i in band %s', (age, band) => {
    expect(ageBand(age)).toBe(band);
  });

  it('has no band for a missing, negative or fractional age', () => {
    expect(ageBand(null)).toBeNull();
    expect(ageBand(-1)).toBeNull();
    expect(ageBand(30.5)).toBeNull();
  });
});
