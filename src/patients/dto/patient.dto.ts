import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { IsCalendarDate } from '../../common/http/is-calendar-date';
import { IsPersonName } from '../../common/http/is-person-name';
import { NotBlank } from '../../common/http/not-blank';
import { PageOf, PageQuery } from '../../common/http/pagination';
import type { Patient } from '../entities/patient.entity';
import { type Phase, PHASES, type SexAtBirth, SEXES_AT_BIRTH } from '../phase-transitions';
import { trim } from '../../common/http/trim';

export class CreatePatientDto {
  @ApiProperty({ example: 'Robin' })
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  @IsPersonName()
  givenName: string;

  @ApiProperty({ example: 'Sample' })
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  @IsPersonName()
  familyName: string;

  /** Calendar date, YYYY-MM-DD. */
  @ApiProperty({ example: '1984-06-15' })
  @IsCalendarDate({ notInFuture: true })
  dateOfBirth: string;

  @ApiProperty({ enum: SEXES_AT_BIRTH, example: 'female' })
  @IsIn(SEXES_AT_BIRTH)
  sexAtBirth: SexAtBirth;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  genderIdentity?: string;

  @IsOptional()
  @IsString()
  @MaxLength(50)
  pronouns?: string;

  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{5,30}$/, { message: 'phone must be a phone number' })
  phone?: string;

  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string;

  /** BCP 47 language tag, e.g. `en`, `es`. */
  @IsOptional()
  @Matches(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, { message: 'preferredLanguage must be a language tag such as en or es' })
  preferredLanguage?: string;

  /** e.g. alcohol, opioids, cocaine, benzodiazepines, baclofen, tobacco. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(60, { each: true })
  @NotBlank({ each: true })
  primarySubstances?: string[];

  @IsOptional()
  @IsString()
  @MaxLength(200)
  referralSource?: string;
}

/** Validates a value that is given; null (which clears the field) and omission (which keeps it) are not checked. */
const isGiven = (_dto: object, value: unknown): boolean => value !== null && value !== undefined;

/** A change of demographics: omitted fields stay as they are; null clears an optional contact or background field. */
export class UpdatePatientDto {
  @IsOptional() @Transform(trim) @IsString() @Length(1, 100) @IsPersonName()
  givenName?: string;

  @IsOptional() @Transform(trim) @IsString() @Length(1, 100) @IsPersonName()
  familyName?: string;

  @IsOptional()
  @IsCalendarDate({ notInFuture: true })
  dateOfBirth?: string;

  @ApiPropertyOptional({ enum: SEXES_AT_BIRTH })
  @IsOptional() @IsIn(SEXES_AT_BIRTH)
  sexAtBirth?: SexAtBirth;

  @ApiPropertyOptional({ type: String, nullable: true }) @ValidateIf(isGiven)
  @IsString() @MaxLength(100)
  genderIdentity?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true }) @ValidateIf(isGiven)
  @IsString() @MaxLength(50)
  pronouns?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true }) @ValidateIf(isGiven)
  @Matches(/^\+?[0-9 ()-]{5,30}$/, { message: 'phone must be a phone number' })
  phone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true }) @ValidateIf(isGiven)
  @IsEmail() @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true }) @ValidateIf(isGiven)
  @IsString() @MaxLength(500)
  address?: string | null;

  @IsOptional()
  @Matches(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, { message: 'preferredLanguage must be a language tag such as en or es' })
  preferredLanguage?: string;

  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(60, { each: true }) @NotBlank({ each: true })
  primarySubstances?: string[];

  @ApiPropertyOptional({ type: String, nullable: true }) @ValidateIf(isGiven)
  @IsString() @MaxLength(200)
  referralSource?: string | null;
}

/** Filters that may travel in a URL: identifiers and codes, never names. */
export class PatientListQuery extends PageQuery {
  @IsOptional() @IsString() @Length(1, 20)
  mrn?: string;

  @ApiPropertyOptional({ enum: PHASES })
  @IsOptional() @IsIn(PHASES)
  phase?: Phase;
}

/**
 * Search by name travels in the body of a POST, so names never appear in URLs
 * (and so in proxy or browser logs).
 */
export class PatientSearchDto extends PatientListQuery {
  /** Part of the given or family name. */
  @IsOptional() @IsString() @Length(1, 100)
  name?: string;
}

export class PatientResponse {
  id: string;
  mrn: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  @ApiProperty({ enum: SEXES_AT_BIRTH })
  sexAtBirth: SexAtBirth;
  genderIdentity: string | null;
  pronouns: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  preferredLanguage: string;
  primarySubstances: string[];
  referralSource: string | null;
  @ApiProperty({ enum: PHASES })
  phase: Phase;
  dischargeReason: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;

  static of(p: Patient): PatientResponse {
    return Object.assign(new PatientResponse(), {
      id: p.id, mrn: p.mrn, givenName: p.givenName, familyName: p.familyName, dateOfBirth: p.dateOfBirth,
      sexAtBirth: p.sexAtBirth, genderIdentity: p.genderIdentity, pronouns: p.pronouns, phone: p.phone,
      email: p.email, address: p.address, preferredLanguage: p.preferredLanguage,
      primarySubstances: p.primarySubstances, referralSource: p.referralSource, phase: p.phase,
      dischargeReason: p.dischargeReason, version: p.version, createdAt: p.createdAt, updatedAt: p.updatedAt,
    });
  }
}

export class PatientPage extends PageOf(PatientResponse) {}
