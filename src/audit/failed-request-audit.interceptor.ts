import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { catchError, Observable, throwError } from 'rxjs';
import type { AuthUser } from '../common/auth/auth-user';
import { DomainError } from '../common/problem/domain-error';
import { toProblem } from '../common/problem/problem.filter';
import { AuditService } from './audit.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Errors that were already audited where they were raised (e.g. an out-of-scope patient). */
export class AuditedError extends DomainError {}

/**
 * A refused write rolls back with its audit event, so the attempt itself is
 * recorded here, outside that transaction: who tried what on which patient,
 * and the answer they got. Only routes under /patients/{id}.
 */
@Injectable()
export class FailedRequestAuditInterceptor implements NestInterceptor {
  constructor(private readonly audit: AuditService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const patientId = request.params.id;
    const isPatientRoute = /\/patients\/:id\b/.test(request.route?.path ?? '');
    if (!isPatientRoute || typeof patientId !== 'string' || !UUID.test(patientId)) return next.handle();
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (!request.user || error instanceof AuditedError) return throwError(() => error);
        const problem = toProblem(error);
        const recorded = this.audit
          .record({
            actor: request.user,
            action: `${request.method} ${request.route?.path as string}`,
            resourceType: 'request',
            patientId,
            outcome: problem.status < 500 ? 'denied' : 'failure',
            details: { status: problem.status, problem: problem.type.split('/').pop() },
          })
          .catch(() => undefined);
        return new Observable<never>((subscriber) => {
          void recorded.then(() => subscriber.error(error));
        });
      }),
    );
  }
}
