import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Page } from '../common/http/pagination';
import { DomainError, NotFound } from '../common/problem/domain-error';
import { type PatientAccess, PatientAccessService } from '../patients/access/patient-access.service';
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
  ) {}

  create(access: PatientAccess, dto: CreateDiagnosisDto): Promise<Diagnosis> {
    const { user, patientId } = access;
    return this.dataSource.transaction(async (manager) => {
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
  confirm(access: PatientAccess, diagnosisId: string): Promise<Diagnosis> {
    const { user, patientId } = access;
    return this.dataSource.transaction(async (manager) => {
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
