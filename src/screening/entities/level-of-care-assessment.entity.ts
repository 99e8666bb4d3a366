import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AsamLevel, AsamRating } from '../asam';

/** The six ASAM dimension risk ratings and the level of care the clinician recommends. */
@Entity('level_of_care_assessments')
export class LevelOfCareAssessment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  patientId: string;

  @Column('smallint')
  d1IntoxicationWithdrawal: AsamRating;

  @Column('smallint')
  d2Biomedical: AsamRating;

  @Column('smallint')
  d3EmotionalBehavioral: AsamRating;

  @Column('smallint')
  d4ReadinessToChange: AsamRating;

  @Column('smallint')
  d5RelapsePotential: AsamRating;

  @Column('smallint')
  d6RecoveryEnvironment: AsamRating;

  @Column('text')
  recommendedLevel: AsamLevel;

  /** `accepted` for the levels the program treats (1, 2.1), otherwise `refer_out`. */
  @Column('text')
  outcome: 'accepted' | 'refer_out';

  @Column('uuid')
  recordedBy: string;

  @Column('timestamptz')
  recordedAt: Date;
}
