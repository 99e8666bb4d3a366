import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { ValidationFailed } from '../problem/domain-error';

interface RouteArgument {
  data?: unknown;
}

/**
 * Which query parameters a handler reads: `all` when it takes a whole query
 * DTO (whose validation refuses unknown members), else the named ones.
 */
function acceptedQuery(context: ExecutionContext): 'all' | Set<string> {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), context.getHandler().name) ?? {}) as Record<
    string,
    RouteArgument
  >;
  const names = new Set<string>();
  for (const [key, argument] of Object.entries(args)) {
    if (Number(key.split(':')[0]) !== RouteParamtypes.QUERY) continue;
    if (typeof argument.data !== 'string') return 'all';
    names.add(argument.data);
  }
  return names;
}

/**
 * Unknown query parameters are a 400 on every route, as unknown body fields
 * are: a route without query parameters refuses any, so a typo in a filter
 * never silently returns unfiltered data.
 */
@Injectable()
export class KnownQueryInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const accepted = acceptedQuery(context);
    if (accepted !== 'all') {
      const query = context.switchToHttp().getRequest<Request>().query as Record<string, unknown>;
      const unknown = Object.keys(query).filter((name) => !accepted.has(name));
      if (unknown.length > 0) {
        throw new ValidationFailed(
          unknown.map((name, index) => ({
            field: /^[\w.-]{1,64}$/.test(name) ? name : `query parameter ${index + 1}`,
            message: 'unknown query parameter',
          })),
          'The query string has unknown parameters.',
        );
      }
    }
    return next.handle();
  }
}
