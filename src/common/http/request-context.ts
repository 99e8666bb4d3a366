import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

export interface RequestContext {
  requestId: string;
  clientAddress: string | null;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Where the current request came from, for audit events and logs. */
export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}

/** Runs `work` as part of `context`'s request: later work of a long-lived response (the alert stream) is audited under it. */
export function withinRequest<T>(context: RequestContext | undefined, work: () => T): T {
  return context ? storage.run(context, work) : work();
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function requestIdOf(req: Request): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

export function requestContextMiddleware(req: Request, res: Response, next: NextFunction): void {
  const requestId = requestIdOf(req);
  (req as Request & { id?: string }).id = requestId;
  res.setHeader('X-Request-Id', requestId);
  storage.run({ requestId, clientAddress: req.ip ?? null }, next);
}
