/**
 * RFC 4180 CSV: fields separated by commas, records ended by CRLF, a field
 * holding a comma, quote, CR or LF quoted with inner quotes doubled.
 * Spreadsheet formula injection (OWASP "CSV Injection"): a text cell that
 * starts with = + - @ TAB or CR is prefixed with ' so it is shown, not run.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** The UTF-8 byte order mark, so spreadsheet programs read the file as UTF-8. */
export const UTF8_BOM = '\uFEFF';

export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRecord(values: readonly (string | number | boolean | null)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
