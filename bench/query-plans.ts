import { DataSource, type SelectQueryBuilder } from 'typeorm';
import type { ObjectLiteral } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import type { SqlQuery } from '../src/common/sql-query';
import { flowsheetQuery } from '../src/detox/vitals/vitals.service';
import { Alert } from '../src/platform/alerts/entities/alert.entity';
import { alertListQuery } from '../src/platform/alerts/alerts.service';
import { calendarQuery } from '../src/sessions/scheduling/session-queries.service';
import type { BenchFixtures } from './fixtures';

/** Tables too large to read whole on a request path. */
export const LARGE_TABLES = ['vital_signs', 'sessions', 'session_clinicians', 'session_patients', 'audit_events', 'alerts'];

export interface QueryPlan {
  name: string;
  plan: string;
  /** Large tables the plan reads whole (Seq Scan). */
  fullScans: string[];
}

/** The statement getManyAndCount runs for the total, as TypeORM builds it (SelectQueryBuilder.executeCountQuery). */
function countOf<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): SqlQuery {
  const [sql, params] = qb.clone().orderBy().groupBy().offset(undefined).limit(undefined).skip(undefined).take(undefined)
    .select(`COUNT(DISTINCT("${qb.alias}"."id"))`, 'cnt').getQueryAndParameters();
  return { sql, params };
}

function pageOf<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): SqlQuery {
  const [sql, params] = qb.getQueryAndParameters();
  return { sql, params };
}

/**
 * EXPLAIN ANALYZE of the app's own calendar, flowsheet and alert-list SQL (built
 * by the functions the services run), on the seeded data.
 */
export async function explainHotQueries(url: string, f: BenchFixtures): Promise<QueryPlan[]> {
  const dataSource = new DataSource({ ...dataSourceOptions(url), entities: [Alert] });
  await dataSource.initialize();
  try {
    const clinician = f.clinicians[0] as BenchFixtures['clinicians'][number];
    const patient = f.detoxPatients[0] as BenchFixtures['detoxPatients'][number];
    const monday = new Date();
    monday.setUTCHours(0, 0, 0, 0);
    monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
    const week = { from: monday, to: new Date(monday.getTime() + 7 * 86_400_000) };
    const calendar = calendarQuery(clinician.id, { clinicianId: clinician.id, ...week, limit: 100, offset: 0 },
      { entry: { actor: { id: clinician.id, role: 'clinician' }, action: 'session.list', resourceType: 'session' }, patientIds: true });
    const flowsheet = flowsheetQuery(patient.id, { from: new Date(Date.now() - 7 * 86_400_000), to: new Date() },
      { limit: 100, offset: 0 }, { actor: { id: clinician.id, role: 'clinician' }, action: 'vitals.read', resourceType: 'vitals', patientId: patient.id });
    const alerts = alertListQuery(dataSource.manager, { id: clinician.id, role: 'clinician' }, { limit: 50, offset: 0 });
    const openAlerts = alertListQuery(dataSource.manager, { id: clinician.id, role: 'clinician' }, { status: 'open', limit: 50, offset: 0 });
    const statements: [string, SqlQuery][] = [
      ['calendar (page, total and audit event in one statement)', calendar],
      ['flowsheet (page, total, observations and audit event in one statement)', flowsheet],
      ['alert list count', countOf(alerts)], ['alert list page', pageOf(alerts)],
      ['open alert list page', pageOf(openAlerts)],
    ];
    const plans: QueryPlan[] = [];
    // EXPLAIN ANALYZE runs each statement: rolled back, the calendar's and flowsheet's audit events are not kept.
    const runner = dataSource.createQueryRunner();
    await runner.startTransaction();
    for (const [name, q] of statements) {
      const rows = (await runner.query(`EXPLAIN (ANALYZE, COSTS OFF) ${q.sql}`, q.params)) as { 'QUERY PLAN': string }[];
      const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
      const scanned = [...plan.matchAll(/Seq Scan on (\w+)/g)].map((m) => m[1] as string);
      plans.push({ name, plan, fullScans: [...new Set(scanned.filter((t) => LARGE_TABLES.includes(t)))] });
    }
    await runner.rollbackTransaction();
    await runner.release();
    return plans;
  } finally {
    await dataSource.destroy();
  }
}
