import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ChainProblemResponse {
  @ApiProperty({ enum: ['altered', 'removed', 'inserted'] })
  kind: 'altered' | 'removed' | 'inserted';
  /** The first event found altered, removed or inserted out of order; null when a chain link itself is missing. */
  eventId: string | null;
  detail: string;
}

export class AuditVerificationRun {
  startedAt: Date;
  finishedAt: Date;
  intact: boolean;
  linksChecked: string;
  @ApiPropertyOptional({ type: ChainProblemResponse, nullable: true })
  problem: ChainProblemResponse | null;
}

/** The last run of `npm run audit:verify` and how far the chain is sealed; reading this runs nothing. */
export class AuditVerificationResponse {
  @ApiPropertyOptional({ type: AuditVerificationRun, nullable: true })
  lastVerification: AuditVerificationRun | null;
  /** Events chained so far and when the latest was sealed. */
  sealedEvents: string;
  lastSealedAt: Date | null;
}
