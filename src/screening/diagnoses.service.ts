import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import type { Page } from '../common/http/pagination';
import { DomainError, NotFound, ValidationFailed } from '../common/problem/domain-error';
import { AppConfig } from '../config/app-config';
import { type PatientAccess, PatientAccessService } from '../patients/access/patient-access.service';
import { SettingsService } from '../platform/settings/settings.service';
import { validatedOrThrow } from './answer-validation';
import type { CreateDiagnosisDto, DiagnosisQuery } from './dto/diagnosis.dto';
import { DIAGNOSIS_CONFIRMATION } from './diagnosis-settings';
import { countedSeverity, criteriaPeriod, remissionFor, specifierErrors } from './dsm5-specifiers';
import { validateSudCriteria } from './dsm5-sud';
import { Diagnosis } from './entities/diagnosis.entity';

/**
 * DSM-5 SUD diagnoses: severity computed by the server (tolerance and withdrawal not counted under
 * medical supervision, so prescribed use alone never opens the treatment gate), specifiers, and
 * confirmation once by a care-team clinician: another one, or the recording one with an attestation
 * when the program setting allows it.
 */
@Injectable()
export class DiagnosesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
    private readonly settings: SettingsService,
    private readonly config: AppConfig,
  ) {}

  create(access: PatientAccess, dto: CreateDiagnosisDto): Promise<Diagnosis> {
    const { user, patientId } = access;
    return this.dataSource.transaction(async (manager) => {
      const detail = 'The DSM-5 criteria are invalid; nothing was stored.';
      const criteria = validatedOrThrow(() => validateSudCriteria(dto.criteria), detail);
      const medicallySupervised = dto.medicallySupervised === true;
      const { count, severity } = countedSeverity(criteria, medicallySupervised);
      const today = DateTime.now().setZone(this.config.PROGRAM_TIMEZONE).toISODate() as string;
      const noCriteriaSince = dto.remission?.noCriteriaSince ?? null;
      if (noCriteriaSince !== null && !DateTime.fromISO(noCriteriaSince).isValid) {
        throw new ValidationFailed([{ field: 'remission.noCriteriaSince', message: 'must be a real calendar date' }]);
      }
      const errors = specifierErrors({
        substance: dto.substance, medicallySupervised, noCriteriaSince, count, today,
        controlledEnvironment: dto.remission?.controlledEnvironment === true, maintenanceTherapy: dto.maintenanceTherapy === true,
        withdrawalPresent: criteria.withdrawal,
      });
      if (errors.length > 0) throw new ValidationFailed(errors, detail);
      const period = criteriaPeriod(noCriteriaSince ?? today);
      const inserted = await manager.insert(Diagnosis, {
        patientId,
        substance: dto.substance,
        criteria,
        criteriaCount: count,
        severity,
        icd10Code: dto.icd10Code ?? null,
        recordedBy: user.id,
        medicallySupervised,
        criteriaPeriodStart: period.start,
        criteriaPeriodEnd: period.end,
        remission: noCriteriaSince === null ? null : remissionFor(noCriteriaSince, today),
        noCriteriaSince,
        controlledEnvironment: dto.remission?.controlledEnvironment === true,
        maintenanceTherapy: dto.maintenanceTherapy === true,
      });
      const id = (inserted.identifiers[0] as { id: string }).id;
      await this.access.record(access, 'diagnosis.create', 'diagnosis', id, manager, { severity, medicallySupervised });
      return manager.findOneByOrFail(Diagnosis, { id });
    });
  }

  async list(access: PatientAccess, query: DiagnosisQuery): Promise<Page<Diagnosis>> {
    const { patientId } = access;
    const [items, total] = await this.dataSource.manager.findAndCount(Diagnosis, {
      where: { patientId, ...(query.substance ? { substance: query.substance } : {}) },
      order: { recordedAt: 'DESC', id: 'DESC' },
      take: query.limit,
      skip: query.offset,
    });
    await this.access.record(access, 'diagnosis.read', 'diagnosis', null, undefined, {
      diagnosisIds: items.map((d) => d.id),
    });
    return { items, total, limit: query.limit, offset: query.offset };
  }

  /**
   * Records the confirming clinician and time. Only a clinician on the care team may confirm:
   * the access guard refuses emergency access for `diagnoses.confirm` (see EMERGENCY_ACCESS_NOT_ENOUGH).
   */
  confirm(access: PatientAccess, diagnosisId: string, attestation: string | undefined): Promise<Diagnosis> {
    const { user, patientId } = access;
    return this.dataSource.transaction(async (manager) => {
      const diagnosis = await manager.findOne(Diagnosis, {
        where: { id: diagnosisId, patientId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!diagnosis) throw new NotFound('Diagnosis');
      if (diagnosis.confirmedAt) {
        throw new DomainError('diagnosis_already_confirmed', 'The diagnosis is already confirmed.', {
          confirmedBy: diagnosis.confirmedBy, confirmedAt: diagnosis.confirmedAt,
        });
      }
      if (diagnosis.recordedBy === user.id) {
        const { sameClinicianWithAttestation } = await this.settings.get(DIAGNOSIS_CONFIRMATION, manager);
        if (!sameClinicianWithAttestation) {
          throw new DomainError('forbidden', 'A clinician other than the one who recorded the diagnosis must confirm it.');
        }
        if (attestation === undefined) {
          throw new ValidationFailed([
            { field: 'attestation', message: 'is required to confirm a diagnosis you recorded yourself' },
          ]);
        }
      }
      await manager
        .createQueryBuilder()
        .update(Diagnosis)
        .set({ confirmedBy: user.id, confirmedAt: () => 'now()', confirmationAttestation: attestation ?? null })
        .where('id = :id', { id: diagnosisId })
        .execute();
      await this.access.record(access, 'diagnosis.confirm', 'diagnosis', diagnosisId, manager, {
        severity: diagnosis.severity, selfConfirmed: diagnosis.recordedBy === user.id,
      });
      return manager.findOneByOrFail(Diagnosis, { id: diagnosisId });
    });
  }
}
