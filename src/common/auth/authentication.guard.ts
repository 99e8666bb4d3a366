import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { fromDatabaseError } from '../problem/database-errors';
import { DomainError } from '../problem/domain-error';
import { IS_PUBLIC } from './decorators';

/** Global guard: every route needs a valid access token unless it is @Public(). */
@Injectable()
export class AuthenticationGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    return super.canActivate(context);
  }

  override handleRequest<T>(error: unknown, user: T | false): T {
    // The token could not be checked because the database is down: retry later (503), not "log in again" (401).
    const unavailable = fromDatabaseError(error);
    if (unavailable?.code === 'service_unavailable') throw unavailable;
    if (error || !user) {
      throw new DomainError('unauthenticated', 'A valid access token is required (Authorization: Bearer ...).');
    }
    return user;
  }
}
