import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { AppConfig } from '../../config/app-config';
import type { AuthUser } from '../../common/auth/auth-user';
import { DomainError } from '../../common/problem/domain-error';
import { FixedWindowCounter } from '../../common/http/fixed-window-counter';
import { EXPORT_ROUTE } from './export-route.decorator';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const MINUTE = 60_000;

/**
 * Per-user rate limits (after authentication): writes, and exports (routes
 * marked @ExportRoute) under a tighter limit of their own.
 * Counted in memory per instance: no database round trip per request, at the
 * price that N instances allow up to N times the limit (DESIGN: stateless
 * API behind a load balancer; logins are limited in PostgreSQL instead).
 * Over the limit: 429 problem+json with Retry-After.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly writes: FixedWindowCounter;
  private readonly exports: FixedWindowCounter;

  constructor(
    private readonly reflector: Reflector,
    config: AppConfig,
  ) {
    this.writes = new FixedWindowCounter(config.WRITE_RATE_LIMIT_PER_MINUTE, MINUTE);
    this.exports = new FixedWindowCounter(config.EXPORT_RATE_LIMIT_PER_MINUTE, MINUTE);
  }

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    if (!request.user) return true;
    const isExport = this.reflector.getAllAndOverride<boolean | undefined>(EXPORT_ROUTE, [
      context.getHandler(),
      context.getClass(),
    ]);
    const counter = isExport === true ? this.exports : WRITE_METHODS.has(request.method) ? this.writes : undefined;
    if (!counter) return true;
    const verdict = counter.hit(request.user.id, Date.now());
    if (verdict.allowed) return true;
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(verdict.retryAfterSeconds));
    throw new DomainError('rate_limited', `Too many requests; try again in ${verdict.retryAfterSeconds} s.`, {
      retryAfterSeconds: verdict.retryAfterSeconds,
    });
  }
}
