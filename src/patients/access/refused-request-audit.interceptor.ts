import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { catchError, Observable, throwError } from 'rxjs';
import { AuditedError } from '../../platform/audit/audited-error';
import { toProblem } from '../../common/problem/problem.filter';
import { PatientAccessService } from './patient-access.service';
import { accessesOf } from './patient-scoped.decorator';

/**
 * A refused write rolls back with its audit event, so the attempt itself is
 * recorded here, outside that transaction: who tried what on which patient,
 * and the answer they got. Every @PatientScoped route, whatever its path
 * (refusals by the access guard itself are audited by the guard).
 */
@Injectable()
export class RefusedRequestAuditInterceptor implements NestInterceptor {
  constructor(private readonly access: PatientAccessService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const accesses = accessesOf(request);
    if (!accesses || accesses.length === 0) return next.handle();
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (error instanceof AuditedError) return throwError(() => error);
        const problem = toProblem(error);
        const recorded = this.access
          .recordAll(accesses, `${request.method} ${request.route?.path as string}`, 'request', null, undefined,
            { status: problem.status, problem: problem.type.split('/').pop() },
            problem.status < 500 ? 'denied' : 'failure')
          .catch(() => undefined);
        return new Observable<never>((subscriber) => {
          void recorded.then(() => subscriber.error(error));
        });
      }),
    );
  }
}
