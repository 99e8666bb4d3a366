import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { FieldError } from '../../../common/field-error';
import { ValidationFailed } from '../../../common/problem/domain-error';
import { type PatientAccess, PatientAccessService } from '../../../patients/access/patient-access.service';
import { checkNotInFuture } from '../../../common/recorded-time';
import type { RecordClinicalStatusDto } from './dto/clinical-status.dto';
import { ClinicalStatus } from './entities/clinical-status.entity';

/** Pregnancy, breastfeeding and renal function as a clinician records them (read by the order checks). */
@Injectable()
export class ClinicalStatusesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
  ) {}

  record(access: PatientAccess, dto: RecordClinicalStatusDto): Promise<ClinicalStatus> {
    const { user, patientId } = access;
    const observedAt = new Date(dto.observedAt);
    const errors: FieldError[] = [];
    const future = checkNotInFuture('observedAt', observedAt, new Date());
    if (future) errors.push(future);
    const flag = dto.kind === 'pregnancy' || dto.kind === 'breastfeeding';
    if (flag && dto.present === undefined) errors.push({ field: 'kind', message: `${dto.kind} needs present (true or false)` });
    if (flag && dto.value !== undefined) errors.push({ field: 'value', message: `is not used for ${dto.kind}` });
    if (!flag && dto.value === undefined) errors.push({ field: 'kind', message: `${dto.kind} needs value (mL/min)` });
    if (!flag && dto.present !== undefined) errors.push({ field: 'present', message: `is not used for ${dto.kind}` });
    if (errors.length > 0) throw new ValidationFailed(errors);
    return this.dataSource.transaction(async (manager) => {
      const inserted = await manager.insert(ClinicalStatus, {
        patientId, kind: dto.kind, present: flag ? (dto.present ?? null) : null, value: flag ? null : (dto.value ?? null),
        observedAt, recordedBy: user.id,
      });
      const id = (inserted.identifiers[0] as { id: string }).id;
      await this.access.record(access, 'clinical-status.create', 'clinical-status', id, manager, { kind: dto.kind });
      return manager.findOneByOrFail(ClinicalStatus, { id });
    });
  }

  async list(access: PatientAccess): Promise<ClinicalStatus[]> {
    return this.dataSource.transaction(async (manager) => {
      const items = await manager.find(ClinicalStatus, { where: { patientId: access.patientId }, order: { observedAt: 'DESC', id: 'DESC' } });
      await this.access.record(access, 'clinical-status.read', 'clinical-status', null, manager, { count: items.length });
      return items;
    });
  }
}
