import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { ValidationFailed } from '../problem/domain-error';

function namesNoField(body: unknown): boolean {
  return body === undefined || (typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).length === 0);
}

/**
 * A PATCH must name at least one field to change: a missing or empty body
 * would otherwise pass every DTO (all its fields are optional) and bump the
 * record's version while changing nothing. Runs after the guards, so an
 * unauthenticated or out-of-scope caller still gets 401/403/404 first.
 */
@Injectable()
export class PatchChangesInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<Request>();
    if (req.method === 'PATCH' && namesNoField(req.body)) {
      throw new ValidationFailed(
        [{ field: 'body', message: 'must be a JSON object naming at least one field to change' }],
        'A PATCH must change at least one field.',
      );
    }
    return next.handle();
  }
}
