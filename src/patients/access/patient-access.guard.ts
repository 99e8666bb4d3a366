import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AuditedError } from '../../platform/audit/audited-error';
import type { AuthUser } from '../../common/auth/auth-user';
import { REQUIRED_PERMISSION } from '../../common/auth/decorators';
import { requireUuidParameter } from '../../common/http/path-id.pipe';
import { NotFound } from '../../common/problem/domain-error';
import type { Permission } from '../../common/auth/permissions';
import { PatientAccessService } from './patient-access.service';
import { attachAccesses, PATIENT_SCOPE, type PatientScope } from './patient-scoped.decorator';

/**
 * Global guard, after authentication and the permission check: on a
 * @PatientScoped route it resolves access to the patient(s) before the handler
 * runs (404 and a refused-access audit event when out of scope) and attaches
 * the proof the handler receives through @Patient() / @Patients().
 */
@Injectable()
export class PatientAccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly moduleRef: ModuleRef,
    private readonly access: PatientAccessService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const scope = this.reflector.get<PatientScope | undefined>(PATIENT_SCOPE, context.getHandler());
    if (!scope) return true;
    const request = context.switchToHttp().getRequest<Request & { user: AuthUser }>();
    const permission = this.reflector.getAllAndOverride<Permission>(REQUIRED_PERMISSION, [context.getHandler(), context.getClass()]);
    if ('param' in scope) {
      const patientId = requireUuidParameter(scope.param, request.params[scope.param]);
      attachAccesses(request, await this.access.requireMany(request.user, [patientId], permission));
      return true;
    }
    const resolver = this.moduleRef.get(scope.resolver, { strict: false });
    const patientIds = await resolver.patientsOf(request);
    if (patientIds === undefined) {
      attachAccesses(request, []);
      return true;
    }
    if (patientIds.length === 0) throw new NotFound(resolver.resource);
    const accesses = await this.access.requireMany(request.user, patientIds, permission).catch((error: unknown) => {
      // Out of scope looks exactly like a record that does not exist.
      if (error instanceof AuditedError && error.code === 'not_found') throw new AuditedError('not_found', `${resolver.resource} was not found.`);
      throw error;
    });
    attachAccesses(request, accesses);
    return true;
  }
}
