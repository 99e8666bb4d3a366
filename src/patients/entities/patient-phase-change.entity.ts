import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DischargeReason, Phase } from '../phase-transitions';

@Entity('patient_phase_changes')
export class PatientPhaseChange {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  patientId: string;

  @Column('text', { nullable: true })
  fromPhase: Phase | null;

  @Column('text')
  toPhase: Phase;

  @Column('text')
  reason: string;

  @Column('text', { nullable: true })
  dischargeReason: DischargeReason | null;

  @Column('uuid', { nullable: true })
  changedBy: string | null;

  @Column('timestamptz')
  changedAt: Date;
}
