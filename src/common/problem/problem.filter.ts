import { InvalidFields } from '../field-error';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { fromDatabaseError } from './database-errors';
import { DomainError, ValidationFailed } from './domain-error';
import { type DomainErrorCode, PROBLEM_TYPES, problemTypeUri } from './problem-types';

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  [extension: string]: unknown;
}

const HTTP_CODES: Record<number, DomainErrorCode> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

export function problemFromDomainError(error: DomainError): ProblemDocument {
  const kind = PROBLEM_TYPES[error.code];
  return {
    type: problemTypeUri(error.code),
    title: kind.title,
    status: kind.status,
    detail: error.detail,
    ...error.extensions,
  };
}

function problemFromHttpException(error: HttpException): ProblemDocument {
  const status = error.getStatus();
  const body = error.getResponse();
  const message =
    typeof body === 'object' && body !== null && 'message' in body ? (body as { message: unknown }).message : body;
  const detail = Array.isArray(message) ? message.join('; ') : String(message);
  const code = HTTP_CODES[status] ?? (status >= 500 ? 'server_error' : 'http_error');
  return { type: problemTypeUri(code), title: error.name.replace(/Exception$/, ''), status, detail };
}

const SERVER_ERROR: ProblemDocument = problemFromDomainError(
  new DomainError('server_error', 'The server could not complete the request. It has been logged with the request id.'),
);

/** Converts anything thrown into an RFC 9457 problem document. */
export function toProblem(error: unknown): ProblemDocument {
  if (error instanceof DomainError) return problemFromDomainError(error);
  // Pure domain code (tapers, recurrence, questionnaires) raises this without knowing HTTP.
  if (error instanceof InvalidFields) return problemFromDomainError(new ValidationFailed(error.errors));
  const fromDb = fromDatabaseError(error);
  if (fromDb) return problemFromDomainError(fromDb);
  if (error instanceof HttpException) return problemFromHttpException(error);
  return SERVER_ERROR;
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const problem = toProblem(error);
    if (problem.status >= 500) {
      // The error object can hold SQL parameters; log only its class and message.
      const name = error instanceof Error ? error.name : typeof error;
      const message = error instanceof Error ? error.message : '';
      this.logger.error({ err: { name, message } }, 'request failed');
    }
    sendProblem(response, problem);
  }
}

export function sendProblem(response: Response, problem: ProblemDocument): void {
  if (response.headersSent) {
    // Part of the body is already out: abort the connection so the client sees a failure, never a complete answer.
    response.destroy();
    return;
  }
  response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}
