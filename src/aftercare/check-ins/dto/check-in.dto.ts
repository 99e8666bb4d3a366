import { ApiHideProperty, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  Equals,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsInstant } from '../../../common/http/is-instant';
import { ANALYTES, type Analyte, RECOVERY_STATUSES, type RecoveryStatus, SCREEN_RESULTS, type ScreenResult } from '../../check-in-rules';

export const CONTACT_METHODS = ['in_person', 'phone', 'video', 'text'] as const;
export const EMPLOYMENT = [
  'full_time', 'part_time', 'unemployed_seeking', 'unemployed_not_seeking', 'student', 'retired', 'disabled',
] as const;
export const HOUSING = ['stable', 'recovery_residence', 'temporary', 'homeless', 'institution'] as const;
export const SPECIMENS = ['urine', 'oral_fluid'] as const;

export class AnalyteResultDto {
  @ApiProperty({ enum: ANALYTES })
  @IsIn(ANALYTES)
  analyte: Analyte;

  @ApiProperty({ enum: SCREEN_RESULTS })
  @IsIn(SCREEN_RESULTS)
  result: ScreenResult;

  /**
   * Not accepted: whether a positive is expected is derived by the server from the patient's medication orders
   * active at the check-in time, so a client cannot hide an unexpected positive. Sending it is a 400.
   */
  @ApiHideProperty()
  @Equals(undefined, {
    message: 'expected is derived by the server from the medication orders active at the check-in time; do not send it',
  })
  expected?: never;
}

export class DrugScreenDto {
  @ApiProperty({ example: '2026-03-01T10:00:00-05:00' })
  @IsInstant()
  collectedAt: string;

  @ApiProperty({ enum: SPECIMENS })
  @IsIn(SPECIMENS)
  specimen: (typeof SPECIMENS)[number];

  /** One result per analyte tested (each analyte at most once). */
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(ANALYTES.length)
  @ValidateNested({ each: true }) @Type(() => AnalyteResultDto)
  results: AnalyteResultDto[];
}

export class CreateCheckInDto {
  /** When the contact took place; defaults to now. Not in the future. */
  @ApiPropertyOptional() @IsOptional() @IsInstant()
  checkedInAt?: string;

  @ApiProperty({ enum: CONTACT_METHODS })
  @IsIn(CONTACT_METHODS)
  contactMethod: (typeof CONTACT_METHODS)[number];

  @ApiProperty({ enum: RECOVERY_STATUSES })
  @IsIn(RECOVERY_STATUSES)
  status: RecoveryStatus;

  /** Days of any substance use in the last 30 (0 when abstinent). */
  @IsInt() @Min(0) @Max(30)
  daysUsedLast30: number;

  /** Craving 0 (none) to 10 (strongest). */
  @IsInt() @Min(0) @Max(10)
  craving: number;

  /** Support-group meetings attended since the last check-in, as the patient reports; omitted: prefilled from group attendance. */
  @IsOptional() @IsInt() @Min(0) @Max(500)
  groupMeetingsAttended?: number;

  @ApiProperty({ enum: EMPLOYMENT })
  @IsIn(EMPLOYMENT)
  employment: (typeof EMPLOYMENT)[number];

  @ApiProperty({ enum: HOUSING })
  @IsIn(HOUSING)
  housing: (typeof HOUSING)[number];

  @IsOptional() @IsString() @Length(1, 4000)
  note?: string;

  /** The open follow-up this answers; without it, the latest one already due, or else the nearest due within the window (setting). */
  @IsOptional() @IsUUID()
  followUpId?: string;

  @IsOptional() @IsObject() @ValidateNested() @Type(() => DrugScreenDto)
  drugScreen?: DrugScreenDto;
}

export class AnalyteResultResponse {
  @ApiProperty({ enum: ANALYTES })
  analyte: Analyte;
  @ApiProperty({ enum: SCREEN_RESULTS })
  result: ScreenResult;
  /** Derived by the server: a medication order active at the check-in time explains a positive result. */
  expected: boolean;
}

export class DrugScreenResponse {
  collectedAt: Date;
  @ApiProperty({ enum: SPECIMENS })
  specimen: string;
  @ApiProperty({ type: [AnalyteResultResponse] })
  results: AnalyteResultResponse[];
  @ApiProperty({ enum: ANALYTES, isArray: true })
  unexpectedPositives: Analyte[];
}

export class CheckInResponse {
  id: string;
  patientId: string;
  followUpId: string | null;
  checkedInAt: Date;
  @ApiProperty({ enum: CONTACT_METHODS })
  contactMethod: string;
  @ApiProperty({ enum: RECOVERY_STATUSES })
  status: RecoveryStatus;
  daysUsedLast30: number;
  craving: number;
  /** The patient's answer, or verified plus self-reported when prefilled. */
  groupMeetingsAttended: number | null;
  /** Group meetings since the previous check-in a facilitator recorded present or late (null before this was kept). */
  groupMeetingsVerified: number | null;
  /** Outside community meetings self-reported since the previous check-in (null before this was kept). */
  groupMeetingsSelfReported: number | null;
  /** Whether groupMeetingsAttended was prefilled from group attendance rather than answered. */
  groupMeetingsPrefilled: boolean;
  @ApiProperty({ enum: EMPLOYMENT })
  employment: string;
  @ApiProperty({ enum: HOUSING })
  housing: string;
  note: string | null;
  @ApiProperty({ type: DrugScreenResponse, nullable: true })
  drugScreen: DrugScreenResponse | null;
  recordedBy: string;
  recordedAt: Date;
}
