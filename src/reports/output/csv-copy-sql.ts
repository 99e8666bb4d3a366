import type { ReportColumn } from '../catalogue/report-definition';

/**
 * The database writes a row export's CSV itself (`COPY ... TO STDOUT`), cell
 * for cell as csvField would: the same text for numbers, booleans and
 * instants, formulas neutralised, empty for null. Only the patient key is
 * left to the server (the HMAC secret never goes to the database): the first
 * field of every record is the patient id, which CsvCopyRecords replaces.
 */

/** Text as csvField writes it: empty when null, a leading ' before a formula start (= + - @ TAB CR). */
const neutralised = (value: string): string =>
  `CASE WHEN left(${value}, 1) IN ('=', '+', '-', '@', chr(9), chr(13)) THEN '''' || ${value} ELSE ${value} END`;

/** The age band SQL of ageBand (age-band.ts): same bands, none for a missing, negative or fractional age. */
const ageBandSql = (age: string): string => `CASE
    WHEN ${age} IS NULL OR ${age} < 0 OR ${age} <> trunc(${age}) THEN NULL
    WHEN ${age} >= 90 THEN '90+' WHEN ${age} >= 65 THEN '65-89' WHEN ${age} >= 55 THEN '55-64'
    WHEN ${age} >= 45 THEN '45-54' WHEN ${age} >= 35 THEN '35-44' WHEN ${age} >= 25 THEN '25-34'
    WHEN ${age} >= 18 THEN '18-24' ELSE 'under 18' END`;

/**
 * An instant as instantText writes it (ISO 8601 in the session's time zone,
 * which the caller sets to the program zone; milliseconds only when not zero;
 * `Z` for UTC itself, else the offset).
 */
function instantSql(value: string, zoneIsUtc: boolean): string {
  // '.000' can only be the milliseconds: every other part is separated by - T or :.
  const offset = zoneIsUtc ? `"Z"` : 'TZH:TZM';
  return `replace(to_char(${value}, 'YYYY-MM-DD"T"HH24:MI:SS.MS${offset}'), '.000', '')`;
}

function cellSql(column: ReportColumn, zoneIsUtc: boolean): string | null {
  const value = `r.${column.name}`;
  switch (column.type) {
    case 'patient_key':
      return 'r.patient_id::text';
    case 'age_band':
      return ageBandSql('r.age_years');
    case 'datetime':
      return instantSql(value, zoneIsUtc);
    case 'integer':
      // An integer prints as JavaScript prints the same number (catalogue integers are SQL integers).
      return value;
    case 'decimal':
      // float8 prints the shortest text that reads back the same, as JavaScript's String(Number) does.
      return `${value}::float8`;
    case 'boolean':
      return `${value}::text`;
    case 'text':
    case 'date':
      return neutralised(`NULLIF(${value}::text, '')`);
    case 'count':
    case 'rate':
      // Suppression of small cells is decided per row by the server: not for COPY.
      return null;
  }
}

/**
 * `COPY (the report's rows as CSV cells) TO STDOUT` for a de-identified row
 * export, or null when its columns cannot all be written by the database (the
 * patient key must come first, so CsvCopyRecords finds it at each record's start).
 * `reportSql` has its parameters already inlined as literals (COPY takes none).
 */
export function csvCopySql(columns: readonly ReportColumn[], reportSql: string, zoneIsUtc: boolean): string | null {
  if (columns[0]?.type !== 'patient_key') return null;
  const cells = columns.map((c) => cellSql(c, zoneIsUtc));
  if (cells.some((c) => c === null)) return null;
  return `COPY (SELECT ${cells.join(', ')} FROM (${reportSql}) r) TO STDOUT WITH (FORMAT csv)`;
}

/** Replaces `$1`..`$n` by the given SQL literals; a parameter with no literal is an error. */
export function inlineParameters(sql: string, literals: readonly string[]): string {
  return sql.replace(/\$(\d+)\b/g, (_match, n: string) => {
    const literal = literals[Number(n) - 1];
    if (literal === undefined) throw new Error(`no literal for parameter $${n}`);
    return literal;
  });
}
