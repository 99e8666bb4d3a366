import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Pool } from 'pg';
import type { SqlQuery } from '../../src/common/sql-query';
import { flowsheetQuery } from '../../src/detox/vitals/vitals.service';
import { calendarQuery } from '../../src/sessions/scheduling/session-queries.service';

/**
 * The physical limit the app is measured against: bare node:http + pg, no
 * framework, ORM, validation or auth. It parses the same JSON and writes the
 * same rows as the app (a vitals row plus an audit row in one transaction;
 * a patient read plus an audit row), with the app's pool size. The week
 * calendar and the flowsheet run the app's own single statement (page,
 * total, JSON answer and audit event: calendarQuery, flowsheetQuery) as a
 * named prepared statement on the bare pool, for the reader named in the
 * x-bench-reader header: what is left of the app's time is the framework's.
 * Usage: node dist/bench/baseline/server.js <databaseUrl> <port>
 */
const [databaseUrl, port] = process.argv.slice(2);
const pool = new Pool({ connectionString: databaseUrl, max: Number(process.env.BENCH_POOL_MAX ?? 20) });
pool.on('error', () => undefined);

const ZERO_SUBSCORES =
  '{"respiratoryRate":0,"spo2":0,"airOrOxygen":0,"systolicBp":0,"heartRate":0,"consciousness":0,"temperature":0}';

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function recordVitals(patientId: string, body: Record<string, unknown>): Promise<unknown> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query(
      `INSERT INTO vital_signs (patient_id, episode_id, taken_at, heart_rate, systolic_bp, diastolic_bp, respiratory_rate,
                                temperature_c, spo2, on_supplemental_oxygen, consciousness, news2_complete, news2_total,
                                news2_risk, news2_subscores, recorded_by)
       SELECT e.patient_id, e.id, $2, $3, $4, $5, $6, $7, $8, $9, $10, true, 0, 'low', $11, e.started_by
         FROM detox_episodes e WHERE e.patient_id = $1 AND e.ended_at IS NULL
       RETURNING id, recorded_by`,
      [patientId, body.takenAt, body.heartRate, body.systolicBp, body.diastolicBp, body.respiratoryRate,
        body.temperatureC, body.spo2, body.onSupplementalOxygen, body.consciousness, ZERO_SUBSCORES],
    );
    const row = rows[0] as { id: string; recorded_by: string };
    await client.query(
      `INSERT INTO audit_events (user_id, user_role, action, resource_type, resource_id, patient_id, outcome)
       VALUES ($1, 'clinician', 'vitals.create', 'vital_signs', $2, $3, 'success')`,
      [row.recorded_by, row.id, patientId],
    );
    await client.query('COMMIT');
    return { id: row.id };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function readPatient(patientId: string): Promise<unknown> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query('SELECT * FROM patients WHERE id = $1', [patientId]);
    await client.query(
      `INSERT INTO audit_events (user_role, action, resource_type, resource_id, patient_id, outcome)
       VALUES ('clinician', 'patient.read', 'patient', $1::text, $1::uuid, 'success')`,
      [patientId],
    );
    await client.query('COMMIT');
    return rows[0];
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** One of the app's statements as a named prepared statement (named by its text, as PreparedQueries does). */
async function answerOf(query: SqlQuery): Promise<string> {
  const name = `bench_${createHash('sha256').update(query.sql).digest('hex').slice(0, 24)}`;
  const { rows } = await pool.query({ name, text: query.sql, values: query.params });
  return (rows[0] as { body: string }).body;
}

function weekCalendar(reader: string, q: URLSearchParams): Promise<string> {
  return answerOf(calendarQuery(reader, {
    clinicianId: q.get('clinicianId') as string, from: new Date(q.get('from') as string), to: new Date(q.get('to') as string),
    limit: Number(q.get('limit')), offset: 0,
  }, { entry: { actor: { id: reader, role: 'clinician' }, action: 'session.list', resourceType: 'session' }, patientIds: true }));
}

function flowsheet(reader: string, patientId: string, q: URLSearchParams): Promise<string> {
  return answerOf(flowsheetQuery(patientId, { from: new Date(q.get('from') as string), to: new Date(q.get('to') as string) },
    { limit: Number(q.get('limit')), offset: 0 },
    { actor: { id: reader, role: 'clinician' }, action: 'vitals.read', resourceType: 'vitals', resourceId: null, patientId }));
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://baseline');
  const vitals = /^\/api\/v1\/patients\/([0-9a-f-]{36})\/vitals$/.exec(url.pathname);
  const patient = /^\/api\/v1\/patients\/([0-9a-f-]{36})$/.exec(url.pathname);
  const reader = String(req.headers['x-bench-reader']);
  let status = 200;
  let body: string;
  if (url.pathname === '/api/v1/sessions' && req.method === 'GET') {
    body = await weekCalendar(reader, url.searchParams);
  } else if (vitals?.[1] && req.method === 'GET') {
    body = await flowsheet(reader, vitals[1], url.searchParams);
  } else if (vitals?.[1] && req.method === 'POST') {
    body = JSON.stringify(await recordVitals(vitals[1], JSON.parse(await readBody(req)) as Record<string, unknown>));
    status = 201;
  } else if (patient?.[1] && req.method === 'GET') {
    body = JSON.stringify(await readPatient(patient[1]));
  } else {
    status = 404;
    body = '{}';
  }
  res.writeHead(status, { 'content-type': 'application/json' }).end(body);
}

createServer((req, res) => {
  handle(req, res).catch(() => res.writeHead(500).end());
}).listen(Number(port), '127.0.0.1', () => process.stdout.write('ready\n'));
