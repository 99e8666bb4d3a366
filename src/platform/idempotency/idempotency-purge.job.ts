import { Injectable, OnModuleInit } from '@nestjs/common';
import { purgeIdempotencyKeys } from './idempotency';
import { JobRunner } from '../jobs/job-runner.service';

/** Hourly: forgets Idempotency-Key answers older than the retention period (./idempotency.ts). */
@Injectable()
export class IdempotencyPurgeJob implements OnModuleInit {
  static readonly NAME = 'idempotency-keys.purge';

  constructor(private readonly jobs: JobRunner) {}

  onModuleInit(): void {
    this.jobs.register({
      name: IdempotencyPurgeJob.NAME,
      intervalMs: 60 * 60_000,
      run: (manager, now) => purgeIdempotencyKeys(manager, now),
    });
  }
}
