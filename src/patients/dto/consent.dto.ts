import { IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import type { Consent } from '../entities/consent.entity';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CreateConsentDto {
  /** The person or organisation that may receive the records. */
  @IsString()
  @Length(1, 200)
  recipient: string;

  @IsString()
  @Length(1, 500)
  purpose: string;

  /** What may be disclosed, e.g. "diagnosis and attendance summary". */
  @IsString()
  @Length(1, 1000)
  informationToDisclose: string;

  @IsISO8601({ strict: true })
  @Matches(DATE, { message: 'signedOn must be a date as YYYY-MM-DD' })
  signedOn: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(DATE, { message: 'expiresOn must be a date as YYYY-MM-DD' })
  expiresOn?: string;
}

export class RevokeConsentDto {
  @IsString()
  @Length(1, 500)
  reason: string;
}

export class ConsentResponse {
  id: string;
  patientId: string;
  recipient: string;
  purpose: string;
  informationToDisclose: string;
  signedOn: string;
  expiresOn: string | null;
  revokedAt: Date | null;
  revocationReason: string | null;
  /** Signed, not expired and not revoked. */
  active: boolean;
  createdAt: Date;

  static of(c: Consent, today: string): ConsentResponse {
    return Object.assign(new ConsentResponse(), {
      id: c.id, patientId: c.patientId, recipient: c.recipient, purpose: c.purpose,
      informationToDisclose: c.informationToDisclose, signedOn: c.signedOn, expiresOn: c.expiresOn,
      revokedAt: c.revokedAt, revocationReason: c.revocationReason,
      active: !c.revokedAt && c.signedOn <= today && (c.expiresOn === null || c.expiresOn >= today),
      createdAt: c.createdAt,
    });
  }
}
