import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A 42 CFR Part 2 consent to disclose: who may receive what, for what purpose, until when. */
@Entity('consents')
export class Consent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  patientId: string;

  @Column('text')
  recipient: string;

  @Column('text')
  purpose: string;

  @Column('text')
  informationToDisclose: string;

  @Column('date')
  signedOn: string;

  @Column('date', { nullable: true })
  expiresOn: string | null;

  @Column('timestamptz', { nullable: true })
  revokedAt: Date | null;

  @Column('uuid', { nullable: true })
  revokedBy: string | null;

  @Column('text', { nullable: true })
  revocationReason: string | null;

  @Column('uuid', { nullable: true })
  createdBy: string | null;

  @Column('timestamptz')
  createdAt: Date;
}
