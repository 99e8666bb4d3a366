import { ageInYears } from './age';

describe('ageInYears', () => {
  it('counts a birthday on the day itself', () => {
    expect(ageInYears('2014-03-10', '2026-03-10')).toBe(12);
    expect(ageInYears('2014-03-10', '2026-03-09')).toBe(11);
    expect(ageInYears('2014-03-10', '2026-02-28')).toBe(11);
  });

  it('counts a 29 February birthday from 1 March in other years', () => {
    expect(ageInYears('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageInYears('2008-02-29', '2026-03-01')).toBe(18);
  });
});
