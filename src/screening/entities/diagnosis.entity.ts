import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { SudCriteria, SudSeverity } from '../dsm5-sud';

/** A DSM-5 substance use disorder assessment for one substance; treatment needs a confirmed one. */
@Entity('diagnoses')
export class Diagnosis {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  patientId: string;

  @Column('text')
  substance: string;

  @Column('jsonb')
  criteria: SudCriteria;

  @Column('integer')
  criteriaCount: number;

  @Column('text')
  severity: SudSeverity;

  @Column('text', { nullable: true })
  icd10Code: string | null;

  @Column('uuid')
  recordedBy: string;

  @Column('timestamptz')
  recordedAt: Date;

  @Column('uuid', { nullable: true })
  confirmedBy: string | null;

  @Column('timestamptz', { nullable: true })
  confirmedAt: Date | null;
}
