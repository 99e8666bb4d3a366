import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '../problem/domain-error';
import { problemFromDomainError, sendProblem } from '../problem/problem.filter';

const isEventStream = (res: Response) => String(res.getHeader('content-type') ?? '').startsWith('text/event-stream');

/**
 * Tracks requests in flight so a shutdown can let them finish, and answers
 * requests that arrive once the drain has begun with a 503 (a load balancer
 * retries them on another instance). Open event streams are not waited for:
 * the shutdown ends them.
 */
@Injectable()
export class Drain {
  private draining = false;
  private readonly inFlight = new Set<Response>();
  private idleWaiters: (() => void)[] = [];

  get active(): boolean {
    return this.draining;
  }

  readonly middleware = (_req: Request, res: Response, next: NextFunction): void => {
    if (this.draining) {
      res.setHeader('Connection', 'close');
      res.setHeader('Retry-After', '1');
      sendProblem(
        res,
        problemFromDomainError(new DomainError('service_unavailable', 'This instance is shutting down; send the request again.')),
      );
      return;
    }
    this.inFlight.add(res);
    const finish = () => {
      this.inFlight.delete(res);
      if (this.idle()) for (const wake of this.idleWaiters.splice(0)) wake();
    };
    res.once('finish', finish);
    res.once('close', finish);
    next();
  };

  /** Starts refusing new requests; resolves true once none is in flight, false when `timeoutMs` passes first. */
  start(timeoutMs: number): Promise<boolean> {
    this.draining = true;
    if (this.idle()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  private idle(): boolean {
    return [...this.inFlight].every(isEventStream);
  }
}
