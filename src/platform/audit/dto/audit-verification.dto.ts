import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { ANCHOR_PATTERN } from '../audit-anchor';

export class AuditVerificationQuery {
  /** An outside anchor, `<seq>:<hash>` as the seal job logged it (`auditAnchor`): checked against the stored chain. */
  @IsOptional()
  @Matches(ANCHOR_PATTERN, { message: 'anchor must be <seq>:<64 lowercase hex digits>, as logged in auditAnchor' })
  anchor?: string;
}

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

/** Whether the stored chain still reaches an outside anchor with the anchored hash. */
export class AnchorCheckResponse {
  seq: string;
  hash: string;
  /** False when the chain ends before `seq` (its tail was removed) or has another hash there (rewritten). */
  holds: boolean;
  @ApiPropertyOptional({ type: ChainProblemResponse, nullable: true })
  problem: ChainProblemResponse | null;
}

/**
 * The last run of `npm run audit:verify` and how far the chain is sealed;
 * reading this walks nothing (an anchor is one lookup of its link).
 */
export class AuditVerificationResponse {
  @ApiPropertyOptional({ type: AuditVerificationRun, nullable: true })
  lastVerification: AuditVerificationRun | null;
  /** Events chained so far and when the latest was sealed. */
  sealedEvents: string;
  lastSealedAt: Date | null;
  /** The check of the `anchor` asked for; null when none was. */
  @ApiPropertyOptional({ type: AnchorCheckResponse, nullable: true })
  anchor: AnchorCheckResponse | null;
}
