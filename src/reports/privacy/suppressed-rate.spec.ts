import { rateShown } from './suppressed-rate';

describe('rateShown', () => {
  it('shows a rate whose part, whole and rest are all zero or at least the threshold', () => {
    expect(rateShown(15, 30, 11)).toBe(true);
    expect(rateShown(16, 16, 11)).toBe(true);
    expect(rateShown(0, 16, 11)).toBe(true);
  });
  it('hides a rate whose part or whole is a small count', () => {
    expect(rateShown(3, 40, 11)).toBe(false);
    expect(rateShown(3, 5, 11)).toBe(false);
  });
  it('hides a rate whose rest is a small count: 15 of 16 (93.8%) would give away the 1 not attended', () => {
    expect(rateShown(15, 16, 11)).toBe(false);
    expect(rateShown(30, 40, 11)).toBe(false);
    expect(rateShown(29, 40, 11)).toBe(true);
  });
  it('has no rate of nothing, and hides nothing at threshold 1', () => {
    expect(rateShown(0, 0, 11)).toBe(false);
    expect(rateShown(15, 16, 1)).toBe(true);
  });
});
