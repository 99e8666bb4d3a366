import { Module } from '@nestjs/common';
import { IdempotencyPurgeJob } from './idempotency-purge.job';

/** Idempotency-Key answers (table `idempotency_keys`) and the hourly job that forgets old ones. */
@Module({ providers: [IdempotencyPurgeJob] })
export class IdempotencyModule {}
