import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../common/auth/auth-user';
import type { Page } from '../common/http/pagination';
import { DomainError, NotFound } from '../common/problem/domain-error';
import { PatientAccessService } from '../patients/patient-access.service';
import { validatedOrThrow } from './answer-validation';
import type { CreateDiagnosisDto, DiagnosisQuery } from './dto/diagnosis.dto';
import { sudSeverity, validateSudCriteria } from './dsm5-sud';
import { Diagnosis } from './entities/diagnosis.entity';

/** DSM-5 SUD diagnoses: severity computed by the server, confirmed once by a care-team clinician. */
@Injectable()
export class DiagnosesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
    private readonly audit: AuditService,
  ) {}

  create(user: AuthUser, patientId: string, dto: CreateDiagnosisDto): Promise<Diagnosis> {
    return this.dataSource.transaction(async (manager) => {
      const access = await this.access.require(user, patientId, manager);
      const detail = 'The DSM-5 criteria are invalid; nothing was stored.';
      const criteria = validatedOrThrow(() => validateSudCriteria(dto.criteria), detail);
      const { count, severity } = sudSeverity(criteria);
      const inserted = await manager.insert(Diagnosis, {
        patientId,
        substance: dto.substance,
        criteria,
        criteriaCount: count,
        severity,
        icd10Code: dto.icd10Code ?? null,
        recordedBy: user.id,
      });
      const id = (inserted.identifiers[0] as { id: string }).id;
      await this.access.record(access, 'diagnosis.create', 'diagnosis', id, manager, { severity });
      return manager.findOneByOrFail(Diagnosis, { id });
    });
  }

  async list(user: AuthUser, patientId: string, query: DiagnosisQuery): Promise<Page<Diagnosis>> {
    const access = await this.access.require(user, patientId);
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
   * emergency ("break the glass") access is for reading, and the refusal is audited.
   */
  confirm(user: AuthUser, patientId: string, diagnosisId: string): Promise<Diagnosis> {
    return this.dataSource.transaction(async (manager) => {
      const access = await this.access.require(user, patientId, manager);
      if (access.emergencyAccess) {
        // Outside the transaction, so the refusal stays in the audit trail when it rolls back.
        await this.audit.record({
          actor: user, action: 'diagnosis.confirm', resourceType: 'diagnosis', resourceId: diagnosisId,
          patientId, outcome: 'denied', emergencyAccess: true, details: { reason: 'not_on_care_team' },
        });
        throw new DomainError(
          'forbidden',
          "Only a clinician on the patient's care team can confirm a diagnosis; emergency access allows reading only.",
        );
      }
      const diagnosis = await manager.findOne(Diagnosis, {
        where: { id: diagnosisId, patientId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!diagnosis) throw new NotFound('Diagnosis');
      if (diagnosis.confirmedAt) {
        throw new DomainError('conflict', 'The diagnosis is already confirmed.', {
          confirmedBy: diagnosis.confirmedBy, confirmedAt: diagnosis.confirmedAt,
        });
      }
      await manager
        .createQueryBuilder()
        .update(Diagnosis)
        .set({ confirmedBy: user.id, confirmedAt: () => 'now()' })
        .where('id = :id', { id: diagnosisId })
        .execute();
      await this.access.record(access, 'diagnosis.confirm', 'diagnosis', diagnosisId, manager, {
        severity: diagnosis.severity,
      });
      return manager.findOneByOrFail(Diagnosis, { id: diagnosisId });
    });
  }
}
