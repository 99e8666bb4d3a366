import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { IsDefined, IsIn } from 'class-validator';
import { ASAM_DIMENSIONS, ASAM_LEVELS, PROGRAM_LEVELS, type AsamLevel, type AsamRatings } from '../asam';
import type { LevelOfCareAssessment } from '../entities/level-of-care-assessment.entity';
import { PageOf } from '../../common/http/pagination';

const RATINGS_SCHEMA: ApiPropertyOptions = {
  type: 'object',
  description: 'Risk rating 0-4 for each of the six ASAM dimensions; all are required.',
  properties: Object.fromEntries(
    ASAM_DIMENSIONS.map((d) => [d.key, { type: 'integer' as const, minimum: 0, maximum: 4, description: d.label }]),
  ),
  required: ASAM_DIMENSIONS.map((d) => d.key),
  additionalProperties: false,
};

export class CreateLevelOfCareDto {
  /** Validated by the server (a missing or out-of-range rating is a 400 naming `ratings.<key>`). */
  @ApiProperty({
    ...RATINGS_SCHEMA,
    selfRequired: true,
    example: Object.fromEntries(ASAM_DIMENSIONS.map((d, i) => [d.key, [1, 0, 2, 1, 2, 1][i]])),
  })
  @IsDefined({ message: 'ratings is required' })
  ratings: unknown;

  /** The level the clinician recommends. The program treats 1 and 2.1; the others are referred out. */
  @ApiProperty({ enum: ASAM_LEVELS, example: '2.1' })
  @IsIn(ASAM_LEVELS, { message: `recommendedLevel must be one of: ${ASAM_LEVELS.join(', ')} (a string)` })
  recommendedLevel: AsamLevel;
}

export class LevelOfCareResponse {
  id: string;
  patientId: string;
  @ApiProperty(RATINGS_SCHEMA)
  ratings: AsamRatings;
  @ApiProperty({ enum: ASAM_LEVELS })
  recommendedLevel: AsamLevel;
  /** `accepted` when the program treats the level (1, 2.1), otherwise `refer_out`. */
  @ApiProperty({ enum: ['accepted', 'refer_out'], description: `accepted for levels ${PROGRAM_LEVELS.join(' and ')}` })
  outcome: 'accepted' | 'refer_out';
  recordedBy: string;
  recordedAt: Date;

  static of(a: LevelOfCareAssessment): LevelOfCareResponse {
    return Object.assign(new LevelOfCareResponse(), {
      id: a.id,
      patientId: a.patientId,
      ratings: {
        d1_intoxication_withdrawal: a.d1IntoxicationWithdrawal,
        d2_biomedical: a.d2Biomedical,
        d3_emotional_behavioral: a.d3EmotionalBehavioral,
        d4_readiness_to_change: a.d4ReadinessToChange,
        d5_relapse_potential: a.d5RelapsePotential,
        d6_recovery_environment: a.d6RecoveryEnvironment,
      },
      recommendedLevel: a.recommendedLevel,
      outcome: a.outcome,
      recordedBy: a.recordedBy,
      recordedAt: a.recordedAt,
    });
  }
}

export class LevelOfCarePage extends PageOf(LevelOfCareResponse) {}
