import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource, QueryFailedError } from 'typeorm';
import type { SqlQuery } from '../../common/sql-query';

/**
 * Single statements on hot request paths (outside any transaction) as named
 * prepared statements on the pool TypeORM already holds: PostgreSQL parses
 * and plans each text once per connection instead of on every request, and
 * the query skips TypeORM's query runner. Failures are QueryFailedErrors, so
 * they map to problems exactly as the ORM's do.
 */
@Injectable()
export class PreparedQueries {
  /** Statement name per SQL text (texts vary with optional filters, so the name is the text's hash). */
  private readonly names = new Map<string, string>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async query<T>(query: SqlQuery): Promise<T[]> {
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    try {
      return (await pool.query({ name: this.nameOf(query.sql), text: query.sql, values: query.params })).rows as T[];
    } catch (error) {
      throw new QueryFailedError(query.sql, query.params, error as Error);
    }
  }

  private nameOf(sql: string): string {
    let name = this.names.get(sql);
    if (name === undefined) {
      name = `opp_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
      // Bounded: a text seen once too often is not worth a cache entry of its own forever.
      if (this.names.size >= 1000) this.names.clear();
      this.names.set(sql, name);
    }
    return name;
  }
}
