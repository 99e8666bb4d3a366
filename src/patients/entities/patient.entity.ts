import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DischargeReason, Phase, SexAtBirth } from '../phase-transitions';

@Entity('patients')
export class Patient {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', insert: false, update: false })
  mrn: string;

  @Column('text')
  givenName: string;

  @Column('text')
  familyName: string;

  @Column('date')
  dateOfBirth: string;

  @Column('text')
  sexAtBirth: SexAtBirth;

  @Column('text', { nullable: true })
  genderIdentity: string | null;

  @Column('text', { nullable: true })
  pronouns: string | null;

  @Column('text', { nullable: true })
  phone: string | null;

  @Column('text', { nullable: true })
  email: string | null;

  @Column('text', { nullable: true })
  address: string | null;

  @Column('text')
  preferredLanguage: string;

  @Column('text', { array: true })
  primarySubstances: string[];

  @Column('text', { nullable: true })
  referralSource: string | null;

  @Column('text')
  phase: Phase;

  @Column('text', { nullable: true })
  dischargeReason: DischargeReason | null;

  @Column('integer')
  version: number;

  @Column('uuid', { nullable: true })
  createdBy: string | null;

  @Column('timestamptz')
  createdAt: Date;

  @Column('timestamptz')
  updatedAt: Date;
}
