/**
 * Small-cell suppression: an aggregate counting from 1 to threshold - 1
 * patients is shown as `<threshold`, so a small group cannot be singled out
 * (CMS cell-size suppression policy: no cell of 1 to 10). Zero is shown, as it
 * identifies no one.
 */
export function suppressSmallCount(count: number, threshold: number): number | string {
  return isSmallCount(count, threshold) ? `<${threshold}` : count;
}

/** Whether a count is suppressed: a figure computed from it (a rate, a median) must be left out too. */
export function isSmallCount(count: number, threshold: number): boolean {
  return count > 0 && count < threshold;
}
