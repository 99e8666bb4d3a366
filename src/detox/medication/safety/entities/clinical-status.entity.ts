import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { numeric } from '../../../entities/numeric.transformer';

export const CLINICAL_STATUS_KINDS = ['pregnancy', 'breastfeeding', 'egfr', 'creatinine_clearance'] as const;
export type ClinicalStatusKind = (typeof CLINICAL_STATUS_KINDS)[number];

/** A status a clinician records for the contraindication check; append-only, the latest of each kind applies. */
@Entity('patient_clinical_statuses')
export class ClinicalStatus {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  patientId: string;

  @Column('text')
  kind: ClinicalStatusKind;

  /** Pregnancy and breastfeeding: whether it applies from observedAt. */
  @Column('boolean', { nullable: true })
  present: boolean | null;

  /** eGFR (mL/min/1.73 m²) or creatinine clearance (mL/min). */
  @Column('numeric', { precision: 8, scale: 2, nullable: true, transformer: numeric })
  value: number | null;

  @Column('timestamptz')
  observedAt: Date;

  @Column('uuid')
  recordedBy: string;

  @Column('timestamptz')
  recordedAt: Date;
}
