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
 * Rows of a table (by index) whose counts add up, column by column, to the
 * same margin: e.g. session-attendance's kind rows and its clinician rows
 * both count the same bookings.
 */
export type RowGroup = readonly number[];

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
  return hiddenTableCounts([counts], partitions, [], threshold)[0] as HiddenCounts;
}

/**
 * The same across rows. Rows that add up to one margin are a partition of it
 * column by column, and the margin is known whenever another group of rows
 * (another dimension) adding up to it is shown in full, or another report
 * shows it: clinician X's 13 bookings, 12 of them individual, give the
 * family row's suppressed 1 by subtraction. So in each column, within each
 * group, a lone hidden cell gets a companion too: the smallest other non-zero
 * cell of that column in the group. Both rules (within a row, within a group)
 * are applied in turn until neither finds a lone hidden cell, since a cell
 * hidden for one can leave another alone in the other.
 */
export function hiddenTableCounts(
  rows: readonly Readonly<Record<string, number>>[],
  partitions: readonly CountPartition[],
  groups: readonly RowGroup[],
  threshold: number,
): HiddenCounts[] {
  const small = rows.map((counts) => new Set(Object.keys(counts).filter((name) => isSmallCount(counts[name] ?? 0, threshold))));
  const complementary = rows.map(() => new Set<string>());
  const hidden = (row: number, name: string) => Boolean(small[row]?.has(name) || complementary[row]?.has(name));
  const count = (row: number, name: string) => rows[row]?.[name] ?? 0;
  for (let changed = true; changed; ) {
    changed = false;
    rows.forEach((_counts, row) => {
      for (let inRow = true; inRow; ) {
        inRow = false;
        for (const { total, parts } of partitions) {
          const cells = [...parts, total];
          if (cells.filter((name) => hidden(row, name)).length !== 1) continue;
          const [next] = cells
            .filter((name) => !hidden(row, name) && count(row, name) > 0)
            .sort((a, b) => Number(a === total) - Number(b === total) || count(row, a) - count(row, b));
          if (next === undefined) continue;
          complementary[row]?.add(next);
          inRow = true;
          changed = true;
        }
      }
    });
    for (const group of groups) {
      for (const name of Object.keys(rows[group[0] ?? -1] ?? {})) {
        if (group.filter((row) => hidden(row, name)).length !== 1) continue;
        const [next] = group
          .filter((row) => !hidden(row, name) && count(row, name) > 0)
          .sort((a, b) => count(a, name) - count(b, name));
        if (next === undefined) continue;
        complementary[next]?.add(name);
        changed = true;
      }
    }
  }
  return rows.map((_counts, row) => ({ small: small[row] as Set<string>, complementary: complementary[row] as Set<string> }));
}
