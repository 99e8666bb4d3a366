import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata, type Type } from '@nestjs/common';
import { ApiExtension, ApiParam } from '@nestjs/swagger';
import type { Request } from 'express';
import type { PatientAccess } from './patient-access';

export const PATIENT_SCOPE = 'access:patient-scope';

/**
 * Finds the patients a request touches when its path does not carry the
 * patient id (a session note, an attendance record, an alert): [] when the
 * record does not exist (the guard answers 404 `resource` was not found, the
 * same answer a caller out of scope gets), undefined when the request names
 * no record it can read (a malformed id: validation answers).
 */
export interface PatientResolver {
  readonly resource: string;
  patientsOf(request: Request): Promise<string[] | undefined>;
}

export type PatientScope = { param: string } | { resolver: Type<PatientResolver> };

/**
 * Declares a route patient-scoped: before the handler runs, the patient-access
 * guard checks the caller reaches the patient named by the path parameter
 * (`@PatientScoped('id')`), or every patient a resolver finds for the record
 * (`@PatientScoped({ resolver: SessionNotePatients })`), and hands the proof to
 * `@Patient()` / `@Patients()`.
 */
export function PatientScoped(scope: string | { resolver: Type<PatientResolver> }) {
  const value: PatientScope = typeof scope === 'string' ? { param: scope } : scope;
  return applyDecorators(
    SetMetadata(PATIENT_SCOPE, value),
    ...('param' in value ? [ApiParam({ name: value.param, type: String, required: true })] : []),
    ApiExtension('x-patient-scoped', 'param' in value ? `path:${value.param}` : `record:${value.resolver.name}`),
  );
}

const granted = new WeakMap<object, readonly PatientAccess[]>();

/** Called by the guard only: the accesses it resolved for this request. */
export function attachAccesses(request: object, accesses: readonly PatientAccess[]): void {
  granted.set(request, accesses);
}

export function accessesOf(request: object): readonly PatientAccess[] | undefined {
  return granted.get(request);
}

function resolved(context: ExecutionContext): readonly PatientAccess[] {
  const accesses = accessesOf(context.switchToHttp().getRequest<object>());
  // A programming error (the route lacks @PatientScoped), never user input.
  if (!accesses) throw new Error('@Patient()/@Patients() used on a route that is not @PatientScoped');
  return accesses;
}

/** The proof of access to the one patient of a `@PatientScoped('param')` route. */
export const Patient = createParamDecorator((_data: unknown, context: ExecutionContext): PatientAccess => {
  const [access] = resolved(context);
  if (!access) throw new Error('@Patient() used on a route whose resolver found no patient');
  return access;
});

/** The proofs of access to every patient a resolver found (possibly none). */
export const Patients = createParamDecorator(
  (_data: unknown, context: ExecutionContext): readonly PatientAccess[] => resolved(context),
);
