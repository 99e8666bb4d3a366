import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ConsentExport, RecipientKind } from '../consent-elements';

/** A 42 CFR Part 2 consent to disclose: who may receive what, for what purpose, until when. */
@Entity('consents')
export class Consent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  patientId: string;

  @Column('text')
  recipient: string;

  /** Required on new consents (a CHECK, NOT VALID for older rows); null on consents recorded before. */
  @Column('text', { nullable: true })
  recipientKind: RecipientKind | null;

  @Column('text')
  purpose: string;

  @Column('text')
  informationToDisclose: string;

  /** The identified row exports the consent covers; empty on consents recorded before this was kept. */
  @Column('text', { array: true })
  coveredExports: ConsentExport[];

  @Column('date')
  signedOn: string;

  /** Required on new consents (a CHECK, NOT VALID for older rows). */
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
