import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../../platform/audit/audit.service';
import type { AuthUser } from '../../../common/auth/auth-user';
import { DomainError, ValidationFailed } from '../../../common/problem/domain-error';
import { normaliseDrugName } from './drug-names';
import type { CreateDrugDto } from './dto/drug.dto';
import { Drug, DrugName } from './entities/drug.entity';

/** A drug as one of its names stands for it. */
export interface DrugProduct {
  drug: Drug;
  name: string;
  forms: string[];
  strengths: string[];
}

/** The drug table: admins extend it; orders resolve their drug name through it. */
@Injectable()
export class DrugsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<Drug[]> {
    return this.dataSource.manager.find(Drug, { order: { generic: 'ASC' } });
  }

  create(user: AuthUser, dto: CreateDrugDto): Promise<Drug> {
    const generic = normaliseDrugName(dto.generic);
    const brands = [...new Set((dto.brands ?? []).map((b) => b.trim()))];
    const names = [generic, ...brands.map((b) => normaliseDrugName(b))];
    const duplicate = names.find((n, i) => names.indexOf(n) !== i);
    if (duplicate !== undefined) throw new ValidationFailed([{ field: 'brands', message: `lists ${duplicate} twice` }]);
    return this.dataSource.transaction(async (manager) => {
      const taken = await manager.findBy(DrugName, names.map((name) => ({ name })));
      if (taken.length > 0) {
        throw new DomainError('drug_name_taken', `The name ${taken[0]?.name} already belongs to a drug in the table.`);
      }
      const inserted = await manager.insert(Drug, {
        generic, brands, forms: dto.forms, strengths: dto.strengths ?? [], unit: dto.unit,
        defaultMaxPer24h: dto.defaultMaxPer24h ?? null, cnsDepressantClass: dto.cnsDepressantClass ?? null,
        abruptStopDangerous: dto.abruptStopDangerous, doseStep: dto.doseStep ?? null,
        minTaperDays: dto.minTaperDays ?? null, createdBy: user.id,
      });
      const id = (inserted.identifiers[0] as { id: string }).id;
      await manager.insert(DrugName, names.map((name) => ({ name, drugId: id })));
      await this.audit.record({ actor: user, action: 'drug.create', resourceType: 'drug', resourceId: id }, manager);
      return manager.findOneByOrFail(Drug, { id });
    });
  }

  /**
   * The drug an order's name stands for (generic or brand, strength suffix
   * ignored) with the product that name is: its forms and strengths, the
   * brand's own where it has them. Null when the table has no such name.
   */
  static async resolve(manager: EntityManager, name: string): Promise<DrugProduct | null> {
    const entry = await manager.findOneBy(DrugName, { name: normaliseDrugName(name) });
    const drug = entry ? await manager.findOneBy(Drug, { id: entry.drugId }) : null;
    if (!entry || !drug) return null;
    return { drug, name: entry.name, forms: entry.forms ?? drug.forms, strengths: entry.strengths ?? drug.strengths };
  }
}
