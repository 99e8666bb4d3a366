import type { Readable } from 'node:stream';
import type { ReportColumn } from '../catalogue/report-definition';

/** What every output states besides its rows. */
export interface ReportMeta {
  id: string;
  title: string;
  period: { from: string; to: string; timeZone: string };
  generatedAt: Date;
  /** The request's parameters as given (purpose and recipient of a disclosure included). */
  parameters: Record<string, string>;
  columns: readonly ReportColumn[];
  /** Set when the export is identified: a disclosure under 42 CFR Part 2. */
  disclosure: { id: string; patientsIncluded: number; patientsExcluded: number } | null;
  /** The redisclosure notice an identified export must carry. */
  notice: string | null;
}

/**
 * A running report: its description, and its rows, either as a stream of
 * cell arrays (object mode) or, for a CSV row export the database encodes
 * itself, as the bytes of its CSV records.
 */
export interface ReportOutput {
  meta: ReportMeta;
  rows: Readable;
  rowsEncoding: 'cells' | 'csv';
}
