import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { currentRequest } from '../../common/http/request-context';
import type { SqlQuery } from '../../common/sql-query';
import { PreparedQueries } from '../sql/prepared-queries.service';
import type { AuditOutcome } from './entities/audit-event.entity';

export interface AuditEntry {
  actor: { id: string; role: AuthUser['role'] | null } | null;
  /** `resource.verb`, e.g. `patient.read`, `vitals.create`, `auth.login`. */
  action: string;
  resourceType: string;
  resourceId?: string | null;
  patientId?: string | null;
  outcome?: AuditOutcome;
  emergencyAccess?: boolean;
  /** Identifiers and codes only: never names, free text or clinical values. */
  details?: Record<string, unknown>;
}

/**
 * The INSERT of these audit events (at least one), its parameters numbered
 * from `firstParam`, so a hot path can send it in the same statement as its
 * write (e.g. a data-modifying WITH). `computedDetails`, a jsonb expression,
 * is merged into each event's details (e.g. ids read by the same statement).
 */
export function auditInsert(entries: readonly AuditEntry[], firstParam = 1, computedDetails?: string): SqlQuery {
  const request = currentRequest();
  const columns = 11;
  const params: unknown[] = [];
  const rows = entries.map((entry, i) => {
    params.push(
      entry.actor?.id ?? null,
      entry.actor?.role ?? null,
      entry.action,
      entry.resourceType,
      entry.resourceId ?? null,
      entry.patientId ?? null,
      entry.outcome ?? 'success',
      entry.emergencyAccess ?? false,
      request?.clientAddress ?? null,
      request?.requestId ?? null,
      JSON.stringify(entry.details ?? {}),
    );
    const values = Array.from({ length: columns }, (_, c) => `$${firstParam + i * columns + c}`);
    if (computedDetails) values[columns - 1] = `${values[columns - 1]}::jsonb || (${computedDetails})`;
    return `(${values.join(', ')})`;
  });
  return {
    sql: `INSERT INTO audit_events (user_id, user_role, action, resource_type, resource_id, patient_id,
         outcome, emergency_access, client_address, request_id, details)
       VALUES ${rows.join(', ')}`,
    params,
  };
}

/**
 * A read and its audit events in one statement (a data-modifying WITH: the
 * events are written whether or not the read finds rows), for hot read paths.
 * `select` must be a plain SELECT.
 */
export function withAuditEvents(select: SqlQuery, entries: readonly AuditEntry[]): SqlQuery {
  const audited = auditInsert(entries, select.params.length + 1);
  return { sql: `WITH audited AS (${audited.sql}) ${select.sql}`, params: [...select.params, ...audited.params] };
}

/**
 * A read and its audit event in one statement: `ctes` (plain SELECTs, e.g.
 * `page AS (...)`) run once each, `detailsOfRead` is a jsonb expression over
 * them merged into the event's details, and `answer` selects from them.
 */
export function auditedRead(
  read: { ctes: string; params: unknown[]; answer: string }, entry: AuditEntry, detailsOfRead: string,
): SqlQuery {
  const audited = auditInsert([entry], read.params.length + 1, detailsOfRead);
  return {
    sql: `WITH ${read.ctes}, audited AS (${audited.sql}) ${read.answer}`,
    params: [...read.params, ...audited.params],
  };
}

/**
 * Writes append-only audit events. Pass the transaction's EntityManager so a
 * write and its audit event commit or roll back together.
 */
@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly prepared: PreparedQueries,
  ) {}

  record(entry: AuditEntry, manager?: EntityManager): Promise<void> {
    return this.recordMany([entry], manager);
  }

  /** Several events in one insert (e.g. one per patient of a group session); on its own when no transaction is given. */
  async recordMany(entries: readonly AuditEntry[], manager?: EntityManager): Promise<void> {
    if (entries.length === 0) return;
    const insert = auditInsert(entries);
    if (manager && manager !== this.dataSource.manager) await manager.query(insert.sql, insert.params);
    else await this.prepared.query(insert);
  }
}
