import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { WithdrawalScaleId } from '../withdrawal-scales';

/** A scored CIWA-Ar or COWS assessment and when the next one is due; append-only. */
@Entity('withdrawal_assessments')
export class WithdrawalAssessment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  patientId: string;

  @Column('uuid')
  episodeId: string;

  @Column('text')
  scale: WithdrawalScaleId;

  @Column('text')
  scaleVersion: string;

  @Column('jsonb')
  answers: Record<string, number | string>;

  @Column('jsonb')
  itemScores: Record<string, number>;

  @Column('integer')
  total: number;

  @Column('text')
  band: string;

  @Column('timestamptz')
  assessedAt: Date;

  /** Null once monitoring on this scale is complete (CIWA-Ar: 24 hours under 10). */
  @Column('timestamptz', { nullable: true })
  nextDueAt: Date | null;

  @Column('boolean')
  monitoringComplete: boolean;

  @Column('uuid')
  assessedBy: string;

  @Column('timestamptz')
  recordedAt: Date;
}
