import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, IsUUID, Length } from 'class-validator';
import { type Role, ROLES } from '../../common/auth/roles';
import { NotBlank } from '../../common/http/not-blank';
import { trim } from '../../common/http/trim';

export class AddCareTeamMemberDto {
  @IsUUID()
  userId: string;
}

export class CareTeamMemberResponse {
  userId: string;
  displayName: string;
  @ApiProperty({ enum: ROLES })
  role: Role;
  addedAt: Date;
}

export class EmergencyAccessDto {
  /** Why the clinician needs this patient's records now; kept in the audit trail (padding does not count toward the 10 characters). */
  @Transform(trim)
  @IsString()
  @Length(10, 500) @NotBlank()
  reason: string;
}

export class EmergencyAccessResponse {
  id: string;
  patientId: string;
  userId: string;
  grantedAt: Date;
  expiresAt: Date;
}
