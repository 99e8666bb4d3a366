import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ValidationFailed } from '../../common/problem/domain-error';
import { type PatientAccess, PatientAccessService } from '../../patients/access/patient-access.service';
import type { PrescribeSpo2ScaleDto } from './dto/spo2-scale.dto';
import { Spo2ScalePrescription } from './entities/spo2-scale-prescription.entity';
import { SPO2_SCALE_TARGETS } from './news2';

/**
 * The NEWS2 SpO2 scale is decided per patient by a clinician (RCP 2017:
 * scale 2 only for a prescribed 88-92 % target), never per reading, so a
 * reading of 88 % on air cannot be scored 0 by choosing scale 2 at the bedside.
 */
@Injectable()
export class Spo2ScaleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
  ) {}

  /** The prescription in force, or null (scale 1). */
  static async current(manager: EntityManager, patientId: string): Promise<Spo2ScalePrescription | null> {
    return manager.findOne(Spo2ScalePrescription, {
      where: { patientId }, order: { prescribedAt: 'DESC', id: 'DESC' },
    });
  }

  prescribe(access: PatientAccess, dto: PrescribeSpo2ScaleDto): Promise<Spo2ScalePrescription> {
    const { user, patientId } = access;
    const reason = dto.reason?.trim() || null;
    if (dto.scale === 2 && !reason) {
      throw new ValidationFailed([{ field: 'reason', message: 'is required for SpO2 scale 2 (e.g. hypercapnic respiratory failure)' }]);
    }
    return this.dataSource.transaction(async (manager) => {
      const target = SPO2_SCALE_TARGETS[dto.scale];
      const inserted = await manager.insert(Spo2ScalePrescription, {
        patientId, scale: dto.scale, targetMin: target.min, targetMax: target.max, reason, prescribedBy: user.id,
      });
      const id = (inserted.identifiers[0] as { id: string }).id;
      await this.access.record(access, 'spo2-scale.prescribe', 'spo2-scale', id, manager, { scale: dto.scale });
      return manager.findOneByOrFail(Spo2ScalePrescription, { id });
    });
  }

  async read(access: PatientAccess): Promise<Spo2ScalePrescription | null> {
    const current = await Spo2ScaleService.current(this.dataSource.manager, access.patientId);
    await this.access.record(access, 'spo2-scale.read', 'spo2-scale', current?.id ?? null);
    return current;
  }
}
