import type { OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { BackgroundJob, JobRunner } from './job-runner.service';

/**
 * A periodic background job: it names itself (the advisory-lock key), says how
 * often it runs, and registers with the JobRunner when its module starts.
 * Subclasses inject JobRunner and pass it to super().
 */
export abstract class ScheduledJob implements BackgroundJob, OnModuleInit {
  abstract readonly name: string;
  abstract readonly intervalMs: number;

  protected constructor(private readonly runner: JobRunner) {}

  onModuleInit(): void {
    this.runner.register(this);
  }

  /** Runs inside a transaction holding the job's advisory lock. */
  abstract run(manager: EntityManager, now: Date): Promise<unknown>;
}
