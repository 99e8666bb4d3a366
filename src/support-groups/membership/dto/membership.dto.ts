import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { trim } from '../../../common/http/trim';

export const MEMBERSHIP_STATUSES = ['member', 'waitlisted', 'left'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

export class JoinGroupDto {
  @IsUUID()
  patientId: string;

  /** Required for a closed group: who referred the patient and why. */
  @IsOptional() @Transform(trim) @IsString() @Length(1, 500)
  referral?: string;
}

export class LeaveGroupDto {
  @Transform(trim) @IsString() @Length(1, 500)
  reason: string;
}

export class MembershipResponse {
  id: string;
  groupId: string;
  patientId: string;
  @ApiProperty({ enum: MEMBERSHIP_STATUSES })
  status: MembershipStatus;
  /** Place on the waitlist (1 = next), null when seated. */
  position: number | null;
  requestedAt: Date;
  seatedAt: Date | null;
  promotedFromWaitlist: boolean;
}

/** A facilitator's roster line: the name only. */
export class RosterEntryResponse {
  patientId: string;
  displayName: string;
  @ApiProperty({ enum: MEMBERSHIP_STATUSES })
  status: MembershipStatus;
  position: number | null;
}

export class MembersResponse {
  memberCount: number;
  waitlistCount: number;
  /** Only for the group's facilitators: every member and waiting patient, names only, in order. */
  @ApiProperty({ type: [RosterEntryResponse], nullable: true })
  roster: RosterEntryResponse[] | null;
  /** Members and waiting patients the caller may see (care team), members first, then the waitlist in order. */
  @ApiProperty({ type: [MembershipResponse] })
  items: MembershipResponse[];
}

/** One membership in a patient's history (the group, never its other members). */
export class MembershipHistoryResponse {
  id: string;
  groupId: string;
  groupName: string;
  @ApiProperty({ enum: MEMBERSHIP_STATUSES })
  status: MembershipStatus;
  referral: string | null;
  requestedAt: Date;
  seatedAt: Date | null;
  promotedFromWaitlist: boolean;
  leftAt: Date | null;
  leaveReason: string | null;
}
