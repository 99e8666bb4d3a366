import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Remission } from '../dsm5-specifiers';
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

  /** Taken solely under appropriate medical supervision: tolerance and withdrawal are not counted (DSM-5). */
  @Column('boolean')
  medicallySupervised: boolean;

  /** The 12 months the criteria describe. */
  @Column('date', { nullable: true })
  criteriaPeriodStart: string | null;

  @Column('date', { nullable: true })
  criteriaPeriodEnd: string | null;

  @Column('text', { nullable: true })
  remission: Remission | null;

  /** The last day a criterion other than craving was met, for a diagnosis in remission. */
  @Column('date', { nullable: true })
  noCriteriaSince: string | null;

  @Column('boolean')
  controlledEnvironment: boolean;

  @Column('boolean')
  maintenanceTherapy: boolean;

  /** Recorded when the clinician who recorded the diagnosis confirms it. */
  @Column('text', { nullable: true })
  confirmationAttestation: string | null;

  @Column('uuid', { nullable: true })
  confirmedBy: string | null;

  @Column('timestamptz', { nullable: true })
  confirmedAt: Date | null;
}
