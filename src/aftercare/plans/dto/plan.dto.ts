import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '../../../common/http/is-calendar-date';

export const GOAL_STATUSES = ['not_started', 'in_progress', 'met', 'dropped'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

export class GoalDto {
  @IsString() @Length(1, 500)
  text: string;

  @ApiProperty({ enum: GOAL_STATUSES })
  @IsIn(GOAL_STATUSES)
  status: GoalStatus;

  @ApiPropertyOptional({ example: '2026-06-30' })
  @IsOptional() @IsCalendarDate()
  targetDate?: string;
}

export class RelapsePreventionDto {
  @IsArray() @ArrayMaxSize(30) @IsString({ each: true }) @Length(1, 300, { each: true })
  triggers: string[];

  @IsArray() @ArrayMaxSize(30) @IsString({ each: true }) @Length(1, 300, { each: true })
  copingStrategies: string[];

  @IsArray() @ArrayMaxSize(30) @IsString({ each: true }) @Length(1, 300, { each: true })
  warningSigns: string[];
}

export class SupportContactDto {
  @IsString() @Length(1, 120)
  name: string;

  @IsString() @Length(1, 60)
  relation: string;

  @ApiProperty({ example: '+1 555 0100' })
  @Matches(/^\+?[0-9 ()-]{7,20}$/, { message: 'phone must be 7-20 digits, spaces, brackets or dashes' })
  phone: string;
}

/** What an edit replaces: the whole plan content. */
export class PlanContentDto {
  @IsArray() @ArrayMaxSize(30) @ValidateNested({ each: true }) @Type(() => GoalDto)
  goals: GoalDto[];

  @IsObject() @ValidateNested() @Type(() => RelapsePreventionDto)
  relapsePrevention: RelapsePreventionDto;

  @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => SupportContactDto)
  supportContacts: SupportContactDto[];

  @IsArray() @ArrayMaxSize(30) @IsString({ each: true }) @Length(1, 200, { each: true })
  medicationsToContinue: string[];

  @IsArray() @ArrayMaxSize(30) @IsString({ each: true }) @Length(1, 200, { each: true })
  supportGroups: string[];
}

export class CreatePlanDto extends PlanContentDto {
  /** First day of aftercare (YYYY-MM-DD, program zone); follow-ups count from it. Default: today. */
  @ApiPropertyOptional({ example: '2026-03-01' })
  @IsOptional() @IsCalendarDate()
  startDate?: string;
}



export class PlanFollowUp {
  id: string;
  dueDate: string;
  status: string;
}

export class PlanResponse {
  id: string;
  patientId: string;
  startDate: string;
  @ApiProperty({ type: PlanContentDto })
  content: PlanContentDto;
  /** Date the patient opted out of follow-ups; null while participating. */
  optedOutOn: string | null;
  version: number;
  updatedAt: Date;
  @ApiProperty({ type: [PlanFollowUp] })
  followUps: PlanFollowUp[];
}

export class PlanVersionResponse {
  version: number;
  @ApiProperty({ enum: ['created', 'edited', 'opted_out', 'opted_in'] })
  change: string;
  startDate: string;
  @ApiProperty({ type: PlanContentDto })
  content: PlanContentDto;
  optedOutOn: string | null;
  changedBy: string;
  changedAt: Date;
}
