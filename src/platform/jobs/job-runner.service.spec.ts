import type { DataSource, EntityManager } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { JobRunner } from './job-runner.service';

describe('JobRunner', () => {
  afterEach(() => jest.useRealTimers());

  it('runs each job shortly after start, then every interval (a daily job survives nightly restarts)', async () => {
    jest.useFakeTimers();
    const manager = { query: jest.fn().mockResolvedValue([{ locked: true }]) } as unknown as EntityManager;
    const dataSource = { transaction: (work: (m: EntityManager) => Promise<unknown>) => work(manager) } as unknown as DataSource;
    const runner = new JobRunner(dataSource, { NODE_ENV: 'production' } as AppConfig);
    const run = jest.fn().mockResolvedValue(undefined);
    runner.register({ name: 'daily', intervalMs: 24 * 60 * 60_000, run });
    runner.onApplicationBootstrap();

    await jest.advanceTimersByTimeAsync(4_000);
    expect(run).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(run).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(24 * 60 * 60_000);
    expect(run).toHaveBeenCalledTimes(2);
    await runner.onModuleDestroy();
    await jest.advanceTimersByTimeAsync(24 * 60 * 60_000);
    expect(run).toHaveBeenCalledTimes(2);
  });
});
