import { IsOptional, IsString, Length } from 'class-validator';
import { IsCalendarDate } from '../../common/http/is-calendar-date';
import type { Consent } from '../entities/consent.entity';

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

  @IsCalendarDate()
  signedOn: string;

  @IsOptional()
  @IsCalendarDate()
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
