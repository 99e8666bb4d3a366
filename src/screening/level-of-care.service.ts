import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Page } from '../common/http/pagination';
import type { PageQuery } from '../common/http/pagination';
import { type PatientAccess, PatientAccessService } from '../patients/access/patient-access.service';
import { validatedOrThrow } from './answer-validation';
import { levelOfCareOutcome, validateAsamRatings } from './asam';
import type { CreateLevelOfCareDto } from './dto/level-of-care.dto';
import { LevelOfCareAssessment } from './entities/level-of-care-assessment.entity';

/** ASAM level-of-care assessments; the program accepts levels 1 and 2.1 and refers the rest out. */
@Injectable()
export class LevelOfCareService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
  ) {}

  create(access: PatientAccess, dto: CreateLevelOfCareDto): Promise<LevelOfCareAssessment> {
    const { user, patientId } = access;
    return this.dataSource.transaction(async (manager) => {
      const detail = 'The ASAM dimension ratings are invalid; nothing was stored.';
      const r = validatedOrThrow(() => validateAsamRatings(dto.ratings), detail);
      const outcome = levelOfCareOutcome(dto.recommendedLevel);
      const inserted = await manager.insert(LevelOfCareAssessment, {
        patientId,
        d1IntoxicationWithdrawal: r.d1_intoxication_withdrawal,
        d2Biomedical: r.d2_biomedical,
        d3EmotionalBehavioral: r.d3_emotional_behavioral,
        d4ReadinessToChange: r.d4_readiness_to_change,
        d5RelapsePotential: r.d5_relapse_potential,
        d6RecoveryEnvironment: r.d6_recovery_environment,
        recommendedLevel: dto.recommendedLevel,
        outcome,
        recordedBy: user.id,
      });
      const id = (inserted.identifiers[0] as { id: string }).id;
      await this.access.record(access, 'level-of-care.create', 'level_of_care_assessment', id, manager, {
        recommendedLevel: dto.recommendedLevel,
        outcome,
      });
      return manager.findOneByOrFail(LevelOfCareAssessment, { id });
    });
  }

  /** Newest first: the first item is the assessment the treatment gate looks at. */
  async list(access: PatientAccess, query: PageQuery): Promise<Page<LevelOfCareAssessment>> {
    const { patientId } = access;
    const [items, total] = await this.dataSource.manager.findAndCount(LevelOfCareAssessment, {
      where: { patientId },
      order: { recordedAt: 'DESC', id: 'DESC' },
      take: query.limit,
      skip: query.offset,
    });
    await this.access.record(access, 'level-of-care.read', 'level_of_care_assessment', null, undefined, {
      assessmentIds: items.map((a) => a.id),
    });
    return { items, total, limit: query.limit, offset: query.offset };
  }
}
