import type { NextFunction, Request, Response } from 'express';
import { ValidationFailed } from '../problem/domain-error';
import { problemFromDomainError, sendProblem } from '../problem/problem.filter';
import { queryStringProblems } from './query-string-text';

/**
 * Query strings get the same text rules as bodies: invalid UTF-8 (silently
 * turned into U+FFFD by the query parser) and NUL characters (refused by
 * PostgreSQL) are a 400 before any handler runs.
 */
export function queryTextMiddleware(req: Request, res: Response, next: NextFunction): void {
  const errors = queryStringProblems(req.originalUrl);
  if (errors.length > 0) {
    sendProblem(res, problemFromDomainError(new ValidationFailed(errors, 'The query string has invalid parameters.')));
    return;
  }
  next();
}
