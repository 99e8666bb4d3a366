import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { RE_ENTRY_TARGETS, type ReEntryTarget } from '../../re-entry-rules';
import { NotBlank } from '../../../common/http/not-blank';

export class ReEngageDto {
  @IsString() @Length(1, 500) @NotBlank()
  reason: string;

  /** screening (default); detox or outpatient only by a clinician with a confirmed diagnosis from the last 12 months. */
  @ApiPropertyOptional({ enum: RE_ENTRY_TARGETS, default: 'screening' })
  @IsOptional() @IsIn(RE_ENTRY_TARGETS)
  to?: ReEntryTarget;
}

export class ReEngageResponse {
  patientId: string;
  @ApiPropertyOptional({ enum: RE_ENTRY_TARGETS })
  phase: ReEntryTarget;
  /** Follow-ups that were open and are now closed as re_engaged. */
  closedFollowUpIds: string[];
}
