import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A clinician's choice of NEWS2 SpO2 scale for one patient; append-only, the latest is in force. */
@Entity('spo2_scale_prescriptions')
export class Spo2ScalePrescription {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  patientId: string;

  @Column('smallint')
  scale: 1 | 2;

  @Column('integer')
  targetMin: number;

  @Column('integer')
  targetMax: number;

  /** Required for scale 2, e.g. hypercapnic respiratory failure. */
  @Column('text', { nullable: true })
  reason: string | null;

  @Column('uuid')
  prescribedBy: string;

  @Column('timestamptz')
  prescribedAt: Date;
}
