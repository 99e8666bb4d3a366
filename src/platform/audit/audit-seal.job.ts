import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { JobRunner } from '../jobs/job-runner.service';
import { ScheduledJob } from '../jobs/scheduled-job';
import { sealAuditEvents } from './audit-sealer';

/**
 * Every 10 seconds: chains newly committed audit events (audit-sealer.ts).
 * Each checkpoint's hash goes to the log as an outside anchor: a chain
 * rewritten in the database no longer matches the logged hashes. Hashes and
 * sequence numbers only, never event content.
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

  async run(manager: EntityManager): Promise<void> {
    const { sealed, checkpoint } = await sealAuditEvents(manager);
    if (checkpoint) this.logger.debug({ sealed, chainSeq: checkpoint.chainSeq, hash: checkpoint.hash }, 'audit chain checkpoint');
  }
}
