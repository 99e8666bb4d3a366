import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { JobRunner } from '../jobs/job-runner.service';
import { ScheduledJob } from '../jobs/scheduled-job';
import { formatChainAnchor } from './audit-anchor';
import { type SealResult, sealAuditEvents } from './audit-sealer';

/**
 * Every 10 seconds: chains newly committed audit events (audit-sealer.ts).
 * Each checkpoint goes to the log at info (the default LOG_LEVEL) as an
 * outside anchor (`auditAnchor`: `<seq>:<hash>`): a chain cut short or
 * rewritten in the database no longer reaches a logged anchor
 * (`npm run audit:verify -- --anchor`). Sequence number and hash only, never
 * event content.
 */
@Injectable()
export class AuditSealJob extends ScheduledJob {
  static readonly NAME = 'audit.seal';
  readonly name = AuditSealJob.NAME;
  readonly intervalMs = 10_000;
  private readonly logger = new Logger(AuditSealJob.name);

  constructor(jobs: JobRunner) {
    super(jobs);
  }

  run(manager: EntityManager): Promise<SealResult> {
    return sealAuditEvents(manager);
  }

  /** Only a committed checkpoint is an anchor: one logged before a rollback would name a link that never was. */
  afterCommit({ checkpoint }: SealResult): void {
    if (!checkpoint) return;
    this.logger.log({ auditAnchor: formatChainAnchor({ seq: checkpoint.chainSeq, hash: checkpoint.hash }) }, 'audit chain checkpoint');
  }
}
