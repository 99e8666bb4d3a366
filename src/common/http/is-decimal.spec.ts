import { isDecimal } from './is-decimal';

describe('isDecimal', () => {
  it('accepts numbers with up to the given decimal places, despite binary rounding', () => {
    for (const value of [0, 1, 12.5, 0.1, 0.3, 7.3, 2.0005, 99999.9999, -1.25]) expect(isDecimal(value, 4)).toBe(true);
  });

  it('refuses more places, exponent forms below the last place, and what is not a finite number', () => {
    for (const value of [0.00001, 1e-7, 5e-324, 1e-300, 1.23456, Number.NaN, Number.POSITIVE_INFINITY, '1', null]) {
      expect(isDecimal(value, 4)).toBe(false);
    }
    expect(isDecimal(1.5, 0)).toBe(false);
    expect(isDecimal(2, 0)).toBe(true);
  });
});
