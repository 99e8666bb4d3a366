import { isUtf8 } from 'node:buffer';
import type { NextFunction, Request, Response } from 'express';
import express from 'express';
import { DomainError, ValidationFailed } from '../problem/domain-error';
import { problemFromDomainError, sendProblem } from '../problem/problem.filter';
import { findHostileContent } from './hostile-content';
import { jsonNestsDeeperThan, MAX_JSON_DEPTH } from './json-depth';

/**
 * Request body limits by route (first matching prefix wins): credentials are
 * tiny, so the public auth routes take little; everything else the largest
 * legitimate body (a session note with many parts).
 */
const BODY_LIMITS: readonly { prefix: string; limit: string }[] = [
  { prefix: '/api/v1/auth/', limit: '8kb' },
  { prefix: '/api/v1/settings/', limit: '64kb' },
  { prefix: '/', limit: '256kb' },
];

/** Runs on the raw bytes, before JSON.parse: refuses what the parser would mangle or choke on. */
function checkRawBody(_req: unknown, _res: unknown, raw: Buffer): void {
  if (!isUtf8(raw)) {
    throw new ValidationFailed([{ field: 'body', message: 'must be valid UTF-8' }], 'The request body is not valid UTF-8.');
  }
  if (jsonNestsDeeperThan(raw, MAX_JSON_DEPTH)) {
    throw new ValidationFailed(
      [{ field: 'body', message: `must not nest objects or arrays more than ${MAX_JSON_DEPTH} levels deep` }],
      `JSON bodies may nest at most ${MAX_JSON_DEPTH} levels.`,
    );
  }
}

/** The one request body type: the parser reads exactly what the 415 check lets through. */
const JSON_MEDIA_TYPE = 'application/json';

const parsers = BODY_LIMITS.map(({ prefix, limit }) => ({
  prefix,
  limit,
  parse: express.json({ limit, strict: true, type: JSON_MEDIA_TYPE, verify: checkRawBody }),
}));

function parserFor(path: string): (typeof parsers)[number] {
  return parsers.find((p) => path.startsWith(p.prefix)) ?? (parsers[parsers.length - 1] as (typeof parsers)[number]);
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function parserProblem(error: unknown, limit: string): DomainError {
  if (error instanceof DomainError) return error;
  const type = (error as { type?: string }).type;
  if (type === 'entity.too.large') return new DomainError('payload_too_large', `Request bodies on this route are limited to ${limit}.`);
  if (type === 'entity.parse.failed') return new DomainError('malformed_json', 'The request body is not valid JSON.');
  return new DomainError('validation', 'The request body could not be read.');
}

/**
 * Accepts only `application/json` request bodies (415 otherwise, `+json`
 * types included: no route implements merge-patch, JSON Patch or JSON:API
 * semantics, so such a body must not be read as if it were plain JSON, nor
 * skip the parser and its limits), refuses invalid UTF-8 and
 * over-deep nesting before parsing, and NUL characters, lone surrogates and
 * prototype keys after it; body-parser failures (malformed JSON, oversize)
 * become problem+json instead of HTML.
 */
export function jsonBodyMiddleware(req: Request, res: Response, next: NextFunction): void {
  if (hasBody(req) && !req.is(JSON_MEDIA_TYPE)) {
    sendProblem(
      res,
      problemFromDomainError(
        new DomainError('unsupported_media_type', `Request bodies must be JSON (Content-Type: ${JSON_MEDIA_TYPE}).`),
      ),
    );
    return;
  }
  const { parse, limit } = parserFor(req.path);
  parse(req, res, (error?: unknown) => {
    if (error) return sendProblem(res, problemFromDomainError(parserProblem(error, limit)));
    const errors = findHostileContent(req.body as unknown);
    if (errors.length > 0) return sendProblem(res, problemFromDomainError(new ValidationFailed(errors)));
    next();
  });
}
