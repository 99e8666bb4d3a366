import { Injectable, OnModuleInit } from '@nestjs/common';
import { purgeIdempotencyKeys } from '../common/http/idempotency';
import { JobRunner } from '../jobs/job-runner.service';

/**
 * Hourly: forgets Idempotency-Key answers older than the retention period
 * (src/common/http/idempotency.ts). Registered here because the detox POSTs
 * are the only users of idempotency keys so far; move it to a shared module
 * when another module uses them.
 */
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
