import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Readable } from 'node:stream';
import { Pool, type PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import Cursor from 'pg-cursor';
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
  private active: Readable | null = null;
  /**
   * A connection lost mid-report (server restart, terminated backend) fails
   * the stream being read instead of crashing the process.
   */
  private readonly onConnectionError = (error: Error): void => {
    this.active?.destroy(error);
  };

  constructor(private readonly client: PoolClient) {
    client.on('error', this.onConnectionError);
  }

  async query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return (await this.client.query(sql, params)).rows as T[];
  }

  /**
   * Rows as a stream of objects read through a cursor, one batch per read:
   * the next batch is fetched only when the consumer wants more (back-pressure).
   * Destroying the stream does not wait for the cursor: close(true) drops the connection.
   */
  stream(sql: string, params: unknown[]): Readable {
    const cursor = this.client.query(new Cursor<Record<string, unknown>>(sql, params));
    const stream = new Readable({
      objectMode: true,
      highWaterMark: STREAM_BATCH_ROWS,
      read: () => {
        cursor.read(STREAM_BATCH_ROWS, (error, rows) => {
          if (error) {
            stream.destroy(error);
            return;
          }
          for (const row of rows) stream.push(row);
          if (rows.length < STREAM_BATCH_ROWS) stream.push(null);
        });
      },
    });
    this.active = stream;
    return stream;
  }

  /**
   * The bytes of `COPY ... TO STDOUT`, as the server sends them: reading
   * stops when the consumer stops (back-pressure pauses the socket).
   */
  copy(sql: string): Readable {
    const stream = this.client.query(copyTo(sql));
    this.active = stream;
    return stream;
  }

  /** A value as an SQL literal, for statements that take no parameters (COPY). */
  literal(value: string): string {
    return this.client.escapeLiteral(value);
  }

  /**
   * Ends the transaction. After a failure or an abandoned stream the
   * connection is destroyed rather than reused: the server then ends the
   * backend, which cancels whatever it was still running.
   */
  async close(failed: boolean): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.client.off('error', this.onConnectionError);
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
