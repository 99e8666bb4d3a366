import { hiddenCounts } from './complementary-suppression';

/**
 * Whether a proportion part / whole may be shown: not when the part, the
 * whole or the rest (whole - part) is a small count, since any one of them
 * with the rate gives the others. 15 of 16 bookings attended shows as 93.8%,
 * which says 1 was not. The same complementary rule as the tabular reports:
 * the whole is the total of a partition into the part and the rest.
 */
export function rateShown(part: number, whole: number, threshold: number): boolean {
  if (whole <= 0) return false;
  const { small, complementary } = hiddenCounts(
    { whole, part, rest: whole - part }, [{ total: 'whole', parts: ['part', 'rest'] }], threshold);
  return !['whole', 'part'].some((name) => small.has(name) || complementary.has(name));
}
