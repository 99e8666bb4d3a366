import type { Response } from 'express';

/**
 * Answers with JSON text already built (by PostgreSQL, see json-sql.ts):
 * Nest sends a returned string as it is, so the type is set here.
 */
export function jsonText(res: Response, text: string): string {
  res.type('application/json');
  return text;
}
