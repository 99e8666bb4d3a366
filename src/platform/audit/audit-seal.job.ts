import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { JobRunner } from '../jobs/job-runner.service';
import { sealAuditEvents } from './audit-sealer';

/**
 * Every 10 seconds: chains newly committed audit events (audit-sealer.ts).
 * Each checkpoint's hash goes to the log as an outside anchor: a chain
 * rewritten in the database no longer matches the logged hashes. Hashes and
 * sequence numbers only, never event content.
 */
@Injectable()
export class AuditSealJob implements OnModuleInit {
  static readonly NAME = 'audit.seal';
  private readonly logger = new Logger(AuditSealJob.name);

  constructor(private readonly jobs: JobRunner) {}

  onModuleInit(): void {
    this.jobs.register({
      name: AuditSealJob.NAME,
      intervalMs: 10_000,
      run: async (manager) => {
        const { sealed, checkpoint } = await sealAuditEvents(manager);
        if (checkpoint) this.logger.debug({ sealed, chainSeq: checkpoint.chainSeq, hash: checkpoint.hash }, 'audit chain checkpoint');
      },
    });
  }
}
