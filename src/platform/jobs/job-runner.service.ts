import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';

export interface BackgroundJob {
  /** Unique name; also the advisory-lock key. */
  name: string;
  intervalMs: number;
  /** Runs inside a transaction holding the job's advisory lock; what it returns is ignored. */
  run(manager: EntityManager, now: Date): Promise<unknown>;
}

/**
 * Runs periodic jobs. Each run takes a transaction-scoped PostgreSQL advisory
 * lock first, so when several app instances run, one does the work and the
 * others skip that tick.
 */
@Injectable()
export class JobRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobRunner.name);
  private readonly jobs = new Map<string, BackgroundJob>();
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  register(job: BackgroundJob): void {
    this.jobs.set(job.name, job);
  }

  onApplicationBootstrap(): void {
    // Tests drive jobs explicitly through runNow().
    if (this.config.NODE_ENV === 'test') return;
    for (const job of this.jobs.values()) {
      const timer = setInterval(() => {
        this.runNow(job.name).catch((error: unknown) =>
          this.logger.error(`job ${job.name} failed: ${(error as Error).message}`),
        );
      }, job.intervalMs);
      timer.unref();
      this.timers.push(timer);
    }
  }

  onApplicationShutdown(): void {
    for (const timer of this.timers) clearInterval(timer);
  }

  /** Runs a job once; returns false when another instance holds its lock. */
  async runNow(name: string, now: Date = new Date()): Promise<boolean> {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`unknown job ${name}`);
    return this.dataSource.transaction(async (manager) => {
      const [row] = (await manager.query(`SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`, [
        `job:${name}`,
      ])) as { locked: boolean }[];
      if (!row?.locked) return false;
      await job.run(manager, now);
      return true;
    });
  }
}
