/**
 * SQL that builds an answer's JSON in PostgreSQL, so a hot read path sends
 * the text as it comes instead of parsing rows and serialising objects in
 * Node. The JSON is the one Nest would write for the same values: instants
 * as Date#toISOString writes them (UTC, milliseconds truncated, as the pg
 * driver's Date keeps them), numbers and strings as JSON.stringify does.
 *
 * Objects are rows of aliased columns, which PostgreSQL writes as JSON with
 * those keys in order; that is about twice as fast as json_build_object,
 * which works out the type of every argument on every call.
 */

/** [key, SQL expression] pairs, keys in the answer's order (code constants, never input). */
export type JsonFields = readonly (readonly [string, string])[];

/** A timestamptz expression as Date#toISOString text (NULL stays null). */
export const isoInstantSql = (expression: string): string =>
  `to_char(${expression} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** A record that is written as the JSON object of these fields (nest it in another, or pass it to row_to_json). */
export const jsonRecordSql = (fields: JsonFields): string =>
  `(SELECT o FROM (SELECT ${fields.map(([key, expression]) => `${expression} AS "${key}"`).join(', ')}) o)`;

/**
 * The JSON array of `item` (e.g. a jsonRecordSql) per row of `from`, in
 * `orderBy` order; [] when there is none.
 */
export const jsonArraySql = (item: string, from: string, orderBy: readonly string[]): string =>
  `COALESCE((SELECT json_agg(a.item ORDER BY ${orderBy.map((_, i) => `a.k${i}`).join(', ')}) FROM (
      SELECT ${item} AS item, ${orderBy.map((expression, i) => `${expression} AS k${i}`).join(', ')}
      FROM ${from}) a), '[]')`;
