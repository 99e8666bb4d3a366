import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Pool, type PoolClient } from 'pg';
import QueryStream from 'pg-query-stream';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';

/** Names the reports' connections in pg_stat_activity. */
export const REPORTS_APPLICATION_NAME = 'outpatient-reports';

/** Rows fetched per round trip while streaming: bounds memory whatever the export's size. */
const STREAM_BATCH_ROWS = 500;

/**
 * One report's read-only, repeatable-read transaction as `report_reader`, so
 * the patient set, the consent filter and the streamed rows see one snapshot
 * and the report can read nothing but the `reporting` views.
 */
export class ReportingSession {
  private closed = false;

  constructor(private readonly client: PoolClient) {}

  async query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return (await this.client.query(sql, params)).rows as T[];
  }

  /** A cursor-backed stream of row objects that fetches the next batch only when read (back-pressure). */
  stream(sql: string, params: unknown[]): QueryStream {
    return this.client.query(new QueryStream(sql, params, { batchSize: STREAM_BATCH_ROWS }));
  }

  /**
   * Ends the transaction. After a failure or an abandoned stream the
   * connection is destroyed rather than reused: the server then ends the
   * backend, which cancels whatever it was still running.
   */
  async close(failed: boolean): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (failed) {
      this.client.release(true);
      return;
    }
    try {
      await this.client.query('COMMIT');
      this.client.release();
    } catch (error) {
      this.client.release(error instanceof Error ? error : true);
    }
  }
}

/** Connections for reports: the read replica when DATABASE_REPLICA_URL is set, else the primary. */
@Injectable()
export class ReportingDatabase implements OnModuleDestroy {
  private readonly pool: Pool;

  constructor(@InjectDataSource() dataSource: DataSource, config: AppConfig) {
    const primary = (dataSource.options as { url?: string }).url;
    this.pool = new Pool({
      connectionString: config.DATABASE_REPLICA_URL ?? primary, max: 10, connectionTimeoutMillis: 5000,
      application_name: REPORTS_APPLICATION_NAME,
    });
    // An idle connection dropped by a server restart must not crash the process; the next checkout reconnects.
    this.pool.on('error', () => undefined);
  }

  async open(): Promise<ReportingSession> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await client.query('SET LOCAL ROLE report_reader');
    } catch (error) {
      client.release(true);
      throw error;
    }
    return new ReportingSession(client);
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.end();
  }
}
