import { suppressSmallCount } from './small-cell';

describe('suppressSmallCount', () => {
  it('shows zero as zero', () => expect(suppressSmallCount(0, 11)).toBe(0));
  it('suppresses 1 and 10 under the default threshold 11', () => {
    expect(suppressSmallCount(1, 11)).toBe('<11');
    expect(suppressSmallCount(10, 11)).toBe('<11');
  });
  it('shows 11 and more', () => {
    expect(suppressSmallCount(11, 11)).toBe(11);
    expect(suppressSmallCount(250, 11)).toBe(250);
  });
  it('follows another threshold', () => {
    expect(suppressSmallCount(4, 5)).toBe('<5');
    expect(suppressSmallCount(5, 5)).toBe(5);
  });
  it('suppresses nothing at threshold 1', () => expect(suppressSmallCount(1, 1)).toBe(1));
});
