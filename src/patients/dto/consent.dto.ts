import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { IsCalendarDate } from '../../common/http/is-calendar-date';
import { NotBlank } from '../../common/http/not-blank';
import { CONSENT_EXPORTS, type ConsentExport, consentInForce, RECIPIENT_KINDS, type RecipientKind } from '../consent-elements';
import type { Consent } from '../entities/consent.entity';

export class CreateConsentDto {
  /** The person or organisation that may receive the records, or the class of recipients (recipientKind class). */
  @IsString()
  @Length(1, 200)
  @NotBlank()
  recipient: string;

  /**
   * individual or organisation: `recipient` names it. class: `recipient` describes a class of recipients, as a
   * single consent for treatment, payment and health care operations may (42 CFR 2.31(a)(4)(ii)); an identified
   * export then states the class it relies on (`recipientClass`).
   */
  @ApiProperty({ enum: RECIPIENT_KINDS })
  @IsIn(RECIPIENT_KINDS)
  recipientKind: RecipientKind;

  @IsString()
  @Length(1, 500)
  @NotBlank()
  purpose: string;

  /** What may be disclosed, e.g. "diagnosis and attendance summary". */
  @IsString()
  @Length(1, 1000)
  @NotBlank()
  informationToDisclose: string;

  /**
   * The identified row exports (reports by id) this consent covers; an export to an outside recipient includes a
   * patient only under a consent that lists it. Omitted: none (the consent covers other disclosures only).
   */
  @ApiProperty({ enum: CONSENT_EXPORTS, isArray: true, required: false })
  @IsOptional() @IsArray() @ArrayMaxSize(CONSENT_EXPORTS.length) @ArrayUnique() @IsIn(CONSENT_EXPORTS, { each: true })
  coveredExports?: ConsentExport[];

  /** The day the patient signed, in the program time zone; not in the future. */
  @IsCalendarDate()
  signedOn: string;

  /**
   * Required (42 CFR 2.31(a)(6)): the last day the consent is in force, on or after signedOn. For an expiry event
   * ("end of treatment"), record the date it is expected and revoke the consent when the event comes first.
   */
  @IsCalendarDate()
  expiresOn: string;
}

export class RevokeConsentDto {
  @IsString()
  @Length(1, 500)
  @NotBlank()
  reason: string;
}

export class ConsentResponse {
  id: string;
  patientId: string;
  recipient: string;
  /** null on consents recorded before the kind was required. */
  @ApiProperty({ enum: RECIPIENT_KINDS, nullable: true })
  recipientKind: RecipientKind | null;
  purpose: string;
  informationToDisclose: string;
  @ApiProperty({ enum: CONSENT_EXPORTS, isArray: true })
  coveredExports: ConsentExport[];
  signedOn: string;
  /** null only on consents recorded before an expiry date was required; such a consent is not active. */
  expiresOn: string | null;
  revokedAt: Date | null;
  revocationReason: string | null;
  /** Signed, with an expiry date not yet passed, and not revoked (42 CFR 2.31(c): a deficient consent is not). */
  active: boolean;
  createdAt: Date;

  static of(c: Consent, today: string): ConsentResponse {
    return Object.assign(new ConsentResponse(), {
      id: c.id, patientId: c.patientId, recipient: c.recipient, recipientKind: c.recipientKind, purpose: c.purpose,
      informationToDisclose: c.informationToDisclose, coveredExports: c.coveredExports, signedOn: c.signedOn,
      expiresOn: c.expiresOn, revokedAt: c.revokedAt, revocationReason: c.revocationReason,
      active: consentInForce(c, today),
      createdAt: c.createdAt,
    });
  }
}
