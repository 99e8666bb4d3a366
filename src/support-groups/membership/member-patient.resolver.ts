import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { PatientResolver } from '../../patients/access/patient-scoped.decorator';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The patient joining a group (named in the body; the group itself is checked by the service). */
@Injectable()
export class MemberPatient implements PatientResolver {
  readonly resource = 'Patient';

  patientsOf(request: Request): Promise<string[] | undefined> {
    const patientId = (request.body as { patientId?: unknown } | undefined)?.patientId;
    return Promise.resolve(typeof patientId === 'string' && UUID.test(patientId) ? [patientId] : undefined);
  }
}
