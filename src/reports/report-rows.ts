import { IDENTITY_COLUMNS, type ReportColumn, type ReportDefinition } from './catalogue/report-definition';
import { ageBand } from './privacy/age-band';
import { type CountPartition, hiddenCounts, type HiddenCounts, hiddenTableCounts } from './privacy/complementary-suppression';
import { patientKey } from './privacy/pseudonym';
import { suppressSmallCount } from './privacy/small-cell';

/** One output cell: text, number, boolean, an instant, or empty. */
export type Cell = string | number | boolean | Date | null;

export interface RowShaping {
  /** Secret of the pseudonymous patient key. */
  secret: string;
  /** Smallest patient count shown as is (setting reports.small-cell). */
  threshold: number;
}

/**
 * The columns of a report's output: those of its kind (de-identified or
 * identified); an identified row export adds who each row is about instead
 * of the pseudonymous key.
 */
export function outputColumns(report: ReportDefinition, identified: boolean): readonly ReportColumn[] {
  const kind = identified ? 'identified' : 'de-identified';
  const columns = report.columns.filter((c) => c.only === undefined || c.only === kind);
  return identified ? [...columns, ...IDENTITY_COLUMNS] : columns;
}

const asCount = (value: unknown): number => (typeof value === 'number' ? value : Number(value ?? 0));

const countsOf = (columns: readonly ReportColumn[], row: Record<string, unknown>): Record<string, number> =>
  Object.fromEntries(columns.filter((c) => c.type === 'count').map((c) => [c.name, asCount(row[c.name])]));

/**
 * Turns one database row into the output cells of `columns`: the patient id
 * becomes its pseudonym, age in years becomes a band, small counts are shown
 * as `<threshold`, a count hidden so that a small one cannot be worked back
 * from its `partitions` is empty, and so is every figure computed from a
 * hidden count (rates, medians). Anything not named by a column is dropped.
 */
export function shapeRow(
  columns: readonly ReportColumn[],
  row: Record<string, unknown>,
  shaping: RowShaping,
  partitions: readonly CountPartition[] = [],
  hiddenInTable?: HiddenCounts,
): Cell[] {
  const { small, complementary } = hiddenInTable ?? hiddenCounts(countsOf(columns, row), partitions, shaping.threshold);
  const hidden = (name: string) => small.has(name) || complementary.has(name);
  return columns.map((column): Cell => {
    const value = row[column.name];
    if (column.dependsOn?.some(hidden)) return null;
    switch (column.type) {
      case 'patient_key':
        return patientKey(String(row.patient_id), shaping.secret);
      case 'age_band':
        return ageBand(typeof row.age_years === 'number' ? row.age_years : null);
      case 'count':
        return complementary.has(column.name) ? null : suppressSmallCount(asCount(value), shaping.threshold);
      case 'rate':
      case 'integer':
      case 'decimal':
        return value === null || value === undefined ? null : Number(value);
      case 'datetime':
        return value instanceof Date ? value : null;
      case 'boolean':
        return typeof value === 'boolean' ? value : null;
      case 'text':
      case 'date':
        return value === null || value === undefined ? null : String(value);
    }
  });
}

/**
 * Shapes a whole table whose rows with the same `groupBy` value add up to one
 * margin: the cells hidden are decided over all rows (hiddenTableCounts), then
 * each row is shaped as shapeRow does.
 */
export function shapeTable(
  columns: readonly ReportColumn[],
  rows: readonly Record<string, unknown>[],
  shaping: RowShaping,
  partitions: readonly CountPartition[],
  groupBy: string,
): Cell[][] {
  const groups = new Map<string, number[]>();
  rows.forEach((row, i) => {
    const key = String(row[groupBy]);
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const hidden = hiddenTableCounts(rows.map((row) => countsOf(columns, row)), partitions, [...groups.values()], shaping.threshold);
  return rows.map((row, i) => shapeRow(columns, row, shaping, partitions, hidden[i]));
}
