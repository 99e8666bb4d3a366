import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';

export interface BackgroundJob {
  /** Unique name; also the advisory-lock key. */
  name: string;
  intervalMs: number;
  /** Runs inside a transaction holding the job's advisory lock; what it returns goes to `afterCommit`. */
  run(manager: EntityManager, now: Date): Promise<unknown>;
  /** Called with what `run` returned once its transaction has committed (never after a rollback). */
  afterCommit?(result: unknown): void;
}

/** How long after start each job first runs (the server is listening by then). */
const FIRST_RUN_DELAY_MS = 5_000;

/**
 * Runs periodic jobs: once shortly after start, then every interval. Each run takes a transaction-scoped PostgreSQL advisory
 * lock first, so when several app instances run, one does the work and the
 * others skip that tick.
 */
@Injectable()
export class JobRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(JobRunner.name);
  private readonly jobs = new Map<string, BackgroundJob>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Set<Promise<unknown>>();

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
      // A first run soon after start: an instance restarted more often than a job's interval (a nightly deploy
      // against a daily job) would otherwise never run it.
      const first = setTimeout(() => this.runInBackground(job.name), FIRST_RUN_DELAY_MS);
      const timer = setInterval(() => this.runInBackground(job.name), job.intervalMs);
      first.unref();
      timer.unref();
      this.timers.push(first, timer);
    }
  }

  private runInBackground(name: string): void {
    const run = this.runNow(name)
      .catch((error: unknown) => this.logger.error(`job ${name} failed: ${(error as Error).message}`))
      .finally(() => this.running.delete(run));
    this.running.add(run);
  }

  /**
   * Stops the timers and lets runs in flight finish first: module destruction
   * comes before the database connections close, so no run loses its
   * connection half way (which would fail and log an error at every stop).
   */
  async onModuleDestroy(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    await Promise.allSettled([...this.running]);
  }

  /** Runs a job once; returns false when another instance holds its lock. */
  async runNow(name: string, now: Date = new Date()): Promise<boolean> {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`unknown job ${name}`);
    let result: unknown;
    const ran = await this.dataSource.transaction(async (manager) => {
      const [row] = (await manager.query(`SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`, [
        `job:${name}`,
      ])) as { locked: boolean }[];
      if (!row?.locked) return false;
      result = await job.run(manager, now);
      return true;
    });
    if (ran) job.afterCommit?.(result);
    return ran;
  }
}
