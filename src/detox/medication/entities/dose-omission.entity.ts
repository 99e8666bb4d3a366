import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Omission } from '../scheduled-dose-status';

/** A scheduled dose held (clinical reason) or refused (by the patient); append-only. */
@Entity('medication_dose_omissions')
export class DoseOmission {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  orderId: string;

  @Column('uuid')
  patientId: string;

  /** The stored scheduled dose, for orders with a dated schedule. */
  @Column('uuid', { nullable: true })
  scheduledDoseId: string | null;

  @Column('timestamptz')
  scheduledAt: Date;

  @Column('text')
  outcome: Omission;

  @Column('text')
  reason: string;

  @Column('uuid')
  recordedBy: string;

  @Column('timestamptz')
  recordedAt: Date;
}
