import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../../common/problem/domain-error';
import type { PatientAccess } from '../../patients/access/patient-access';
import { PatientAccessService } from '../../patients/access/patient-access.service';
import { PatientPhaseService } from '../../patients/patient-phase.service';
import { reEntryRefusal } from '../re-entry-rules';
import type { ReEngageDto, ReEngageResponse } from './dto/re-engage.dto';
import { FOLLOW_UPS } from '../follow-ups/follow-up-closure.service';
import { DIAGNOSIS_REQUIRED, hasCurrentConfirmedDiagnosis, reEntryDiagnosisGate } from './re-entry.gate';

const REFUSALS = {
  clinician_required: 'Only a clinician on the care team can send a patient straight back to detox or outpatient treatment; re-open screening instead.',
  diagnosis_required: DIAGNOSIS_REQUIRED,
} as const;

/** Re-entry from aftercare: the patient moves back, open follow-ups close as re_engaged, the plan and history stay. */
@Injectable()
export class ReEntryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
    private readonly phases: PatientPhaseService,
  ) {}

  reEngage(access: PatientAccess, dto: ReEngageDto): Promise<ReEngageResponse> {
    const to = dto.to ?? 'screening';
    return this.dataSource.transaction(async (manager) => {
      const { user, patientId } = access;
      const [patient] = (await manager.query(`SELECT phase FROM patients WHERE id = $1 FOR UPDATE`, [patientId])) as {
        phase: string;
      }[];
      if (patient?.phase !== 'aftercare') {
        throw new DomainError('invalid_transition', `Re-entry is from aftercare; the patient is in ${patient?.phase ?? 'no phase'}.`);
      }
      const currentDiagnosis = await hasCurrentConfirmedDiagnosis(manager, patientId);
      const refusal = reEntryRefusal(to, user.role === 'clinician' && !access.emergencyAccess, currentDiagnosis);
      if (refusal === 'clinician_required') throw new DomainError('forbidden', REFUSALS[refusal]);
      if (refusal) throw new DomainError('gate_not_met', REFUSALS[refusal], { gate: reEntryDiagnosisGate.name });
      // The move closes the open follow-ups as re_engaged (FollowUpClosure).
      const { closed } = await this.phases.change(access, { to, reason: dto.reason }, manager);
      const closedFollowUpIds = closed.find((c) => c.effect === FOLLOW_UPS)?.ids ?? [];
      await this.access.record(access, 'aftercare.re-engage', 'patient', patientId, manager, { to, closedFollowUpIds });
      return { patientId, phase: to, closedFollowUpIds };
    });
  }
}
