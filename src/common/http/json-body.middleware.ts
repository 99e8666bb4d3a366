import type { NextFunction, Request, Response } from 'express';
import express from 'express';
import { DomainError } from '../problem/domain-error';
import { problemFromDomainError, sendProblem } from '../problem/problem.filter';

const BODY_LIMIT = '256kb';
const jsonParser = express.json({ limit: BODY_LIMIT, strict: true });

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * Accepts only JSON request bodies (415 otherwise) and turns body-parser
 * failures (malformed JSON, oversize) into problem+json instead of HTML.
 */
export function jsonBodyMiddleware(req: Request, res: Response, next: NextFunction): void {
  if (hasBody(req) && !req.is(['application/json', 'application/*+json'])) {
    sendProblem(
      res,
      problemFromDomainError(
        new DomainError('unsupported_media_type', 'Request bodies must be JSON (Content-Type: application/json).'),
      ),
    );
    return;
  }
  jsonParser(req, res, (error?: unknown) => {
    if (!error) return next();
    const type = (error as { type?: string }).type;
    const domainError =
      type === 'entity.too.large'
        ? new DomainError('payload_too_large', `Request bodies are limited to ${BODY_LIMIT}.`)
        : type === 'entity.parse.failed'
          ? new DomainError('malformed_json', 'The request body is not valid JSON.')
          : new DomainError('validation', 'The request body could not be read.');
    sendProblem(res, problemFromDomainError(domainError));
  });
}
