import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { purgeIdempotencyKeys } from './idempotency';
import { JobRunner } from '../jobs/job-runner.service';
import { ScheduledJob } from '../jobs/scheduled-job';

/** Hourly: forgets Idempotency-Key answers older than the retention period (./idempotency.ts). */
@Injectable()
export class IdempotencyPurgeJob extends ScheduledJob {
  static readonly NAME = 'idempotency-keys.purge';
  readonly name = IdempotencyPurgeJob.NAME;
  readonly intervalMs = 60 * 60_000;

  constructor(jobs: JobRunner) {
    super(jobs);
  }

  run(manager: EntityManager, now: Date): Promise<number> {
    return purgeIdempotencyKeys(manager, now);
  }
}
