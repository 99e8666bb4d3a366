/**
 * One SQL statement with its parameters, as the app runs it. Query builders
 * return this so the benchmark can EXPLAIN exactly the app's SQL.
 */
export interface SqlQuery {
  sql: string;
  params: unknown[];
}
