import { isSmallCount } from './small-cell';

/** Count columns of one row that add up exactly: `total` = the sum of `parts` (e.g. episodes ended by outcome). */
export interface CountPartition {
  total: string;
  parts: readonly string[];
}

export interface HiddenCounts {
  /** Small cells (1 to threshold - 1), shown as `<threshold`. */
  small: ReadonlySet<string>;
  /** Cells hidden so that no small cell can be worked back by subtraction, shown empty. */
  complementary: ReadonlySet<string>;
}

/**
 * Complementary (secondary) cell suppression within a row. Hiding a small
 * cell is not enough when its partition shows every other cell: 12 episodes
 * ended, 9 completed, 0 transferred, 0 other leaves "left against advice" = 3
 * by subtraction. Wherever a partition has exactly one hidden cell, the
 * smallest other non-zero cell (a part before the total) is hidden too, and
 * the rule is applied again until no partition has a lone hidden cell (NCHS /
 * CMS practice of secondary suppression). Zeros stay shown: they identify no one.
 */
export function hiddenCounts(
  counts: Readonly<Record<string, number>>,
  partitions: readonly CountPartition[],
  threshold: number,
): HiddenCounts {
  const small = new Set(Object.keys(counts).filter((name) => isSmallCount(counts[name] ?? 0, threshold)));
  const complementary = new Set<string>();
  const hidden = (name: string) => small.has(name) || complementary.has(name);
  for (let changed = true; changed; ) {
    changed = false;
    for (const { total, parts } of partitions) {
      const cells = [...parts, total];
      if (cells.filter(hidden).length !== 1) continue;
      const [next] = cells
        .filter((name) => !hidden(name) && (counts[name] ?? 0) > 0)
        .sort((a, b) => Number(a === total) - Number(b === total) || (counts[a] ?? 0) - (counts[b] ?? 0));
      if (next === undefined) continue;
      complementary.add(next);
      changed = true;
    }
  }
  return { small, complementary };
}
