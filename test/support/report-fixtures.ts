import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import type { Response } from 'supertest';
import type { TestApp, TestUser } from './test-app';

/** Builders of small, hand-made report data sets, written straight to the tables. Synthetic data only. */

export const ZONE = 'America/New_York';

/** A New York wall-clock time as a Date. */
export const nyc = (local: string): Date => DateTime.fromISO(local, { zone: ZONE }).toJSDate();

export async function insertPatient(
  t: TestApp,
  input: { givenName?: string; familyName?: string; dateOfBirth?: string } = {},
): Promise<{ id: string; mrn: string }> {
  const [row] = (await t.db.query(
    `INSERT INTO patients (given_name, family_name, date_of_birth, sex_at_birth) VALUES ($1, $2, $3, 'female')
     RETURNING id, mrn`,
    [input.givenName ?? 'Synthia', input.familyName ?? 'Testcase', input.dateOfBirth ?? '1980-06-15'],
  )) as { id: string; mrn: string }[];
  return row as { id: string; mrn: string };
}

/** A phase change at a New York local time; `from` null is the admission. */
export async function phaseChange(
  t: TestApp, patientId: string, from: string | null, to: string, local: string, dischargeReason: string | null = null,
): Promise<void> {
  await t.db.query(
    `INSERT INTO patient_phase_changes (patient_id, from_phase, to_phase, reason, discharge_reason, changed_at)
     VALUES ($1, $2, $3, 'test data', $4, $5)`,
    [patientId, from, to, dischargeReason, nyc(local)],
  );
}

export async function detoxEpisode(
  t: TestApp, by: TestUser, patientId: string, startLocal: string, end?: { local: string; outcome: string },
): Promise<string> {
  const [row] = (await t.db.query(
    `INSERT INTO detox_episodes (patient_id, substances, expected_length_days, setting, started_at, started_by,
       ended_at, ended_by, outcome)
     VALUES ($1, '{alcohol}', 5, 'ambulatory', $2, $3, $4, $5, $6) RETURNING id`,
    [patientId, nyc(startLocal), by.id, end ? nyc(end.local) : null, end ? by.id : null, end?.outcome ?? null],
  )) as { id: string }[];
  return (row as { id: string }).id;
}

export async function vitals(
  t: TestApp, by: TestUser, patientId: string, episodeId: string, local: string, heartRate: number,
): Promise<void> {
  await t.db.query(
    `INSERT INTO vital_signs (patient_id, episode_id, taken_at, heart_rate, news2_complete, news2_subscores,
       news2_missing, recorded_by)
     VALUES ($1, $2, $3, $4, false, '{}', '{respiratory_rate}', $5)`,
    [patientId, episodeId, nyc(local), heartRate, by.id],
  );
}

export async function withdrawalScore(
  t: TestApp, by: TestUser, patientId: string, episodeId: string, local: string, scale: 'CIWA-Ar' | 'COWS', total: number, band: string,
): Promise<void> {
  await t.db.query(
    `INSERT INTO withdrawal_assessments (patient_id, episode_id, scale, scale_version, answers, item_scores, total, band,
       assessed_at, monitoring_complete, assessed_by)
     VALUES ($1, $2, $3, 'test', '{}', '{}', $4, $5, $6, true, $7)`,
    [patientId, episodeId, scale, total, band, nyc(local), by.id],
  );
}

export interface SessionSpec {
  kind?: string;
  startLocal: string;
  minutes: number;
  clinician: TestUser;
  /** Each patient with the attendance recorded (or none). */
  patients: { id: string; status?: string; minutesAttended?: number }[];
  cancelled?: boolean;
}

export async function session(t: TestApp, spec: SessionSpec): Promise<string> {
  const start = nyc(spec.startLocal);
  const end = new Date(start.getTime() + spec.minutes * 60_000);
  const [row] = (await t.db.query(
    `INSERT INTO sessions (kind, starts_at, ends_at, created_by, status, cancelled_by, cancel_reason, cancelled_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [spec.kind ?? 'individual', start, end, spec.clinician.id, spec.cancelled ? 'cancelled' : 'scheduled',
      spec.cancelled ? 'patient' : null, spec.cancelled ? 'unwell' : null, spec.cancelled ? start : null],
  )) as { id: string }[];
  const id = (row as { id: string }).id;
  await t.db.query(`INSERT INTO session_clinicians (session_id, clinician_id) VALUES ($1, $2)`, [id, spec.clinician.id]);
  for (const p of spec.patients) {
    await t.db.query(`INSERT INTO session_patients (session_id, patient_id) VALUES ($1, $2)`, [id, p.id]);
    if (p.status) {
      await t.db.query(
        `INSERT INTO session_attendance (session_id, patient_id, status, minutes_attended, recorded_by) VALUES ($1, $2, $3, $4, $5)`,
        [id, p.id, p.status, p.minutesAttended ?? null, spec.clinician.id],
      );
    }
  }
  return id;
}

export async function alert(
  t: TestApp, patientId: string, rule: string, severity: string, raisedLocal: string, ackAfterMinutes?: number,
): Promise<void> {
  const raised = nyc(raisedLocal);
  await t.db.query(
    `INSERT INTO alerts (patient_id, source, rule, severity, message, raised_at, status, acknowledged_at, acknowledgement_note)
     VALUES ($1, 'test', $2, $3, 'synthetic alert', $4, $5, $6, $7)`,
    [patientId, rule, severity, raised, ackAfterMinutes === undefined ? 'open' : 'acknowledged',
      ackAfterMinutes === undefined ? null : new Date(raised.getTime() + ackAfterMinutes * 60_000),
      ackAfterMinutes === undefined ? null : 'Reviewed at the bedside'],
  );
}

/** Sets the small-cell threshold (1 shows every count). */
export async function smallCellThreshold(t: TestApp, admin: TestUser, minimumCount: number): Promise<void> {
  const res = await t.as(admin).put('/api/v1/settings/reports.small-cell', { value: { minimumCount } });
  if (res.status !== 200) throw new Error(`setting failed: ${res.status} ${JSON.stringify(res.body)}`);
}

/** Parses this program's CSV (BOM, optional notice line, period line, header, rows) into its parts. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { record.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { record.push(field); records.push(record); record = []; field = ''; i += 1; }
    else field += c;
  }
  return records;
}

/** A supertest parser collecting a binary body (XLSX, PDF) as a Buffer. */
export function binary(res: Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

export async function readWorkbook(body: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  return workbook;
}

export async function screening(t: TestApp, by: TestUser, patientId: string, instrument: string, total: number, band: string, local: string): Promise<void> {
  await t.db.query(
    `INSERT INTO screenings (patient_id, instrument, instrument_version, answers, item_scores, total, band, administered_at, recorded_by)
     VALUES ($1, $2, 'test', '{}', '{}', $3, $4, $5, $6)`,
    [patientId, instrument, total, band, nyc(local), by.id],
  );
}

/** A scheduled 10 mg order (limit 40 mg / 24 h) written at `orderedLocal`; returns its id. */
export async function medicationOrder(t: TestApp, by: TestUser, patientId: string, orderedLocal: string): Promise<string> {
  const [row] = (await t.db.query(
    `INSERT INTO medication_orders (patient_id, drug, drug_key, dose, unit, route, schedule_type, times_of_day, start_date,
       max_dose_per_24h, max_dose_source, ordered_by, ordered_at)
     VALUES ($1, 'Chlordiazepoxide', 'chlordiazepoxide', 10, 'mg', 'oral', 'scheduled', '{08:00,12:00,16:00}', $2, 40, 'ordered', $3, $4)
     RETURNING id`,
    [patientId, orderedLocal.slice(0, 10), by.id, nyc(orderedLocal)],
  )) as { id: string }[];
  return (row as { id: string }).id;
}

export async function scheduledDose(t: TestApp, orderId: string, patientId: string, local: string): Promise<string> {
  const [row] = (await t.db.query(
    `INSERT INTO medication_scheduled_doses (order_id, patient_id, scheduled_at, dose, day_number) VALUES ($1, $2, $3, 10, 1) RETURNING id`,
    [orderId, patientId, nyc(local)],
  )) as { id: string }[];
  return (row as { id: string }).id;
}

export async function administration(
  t: TestApp, by: TestUser, orderId: string, patientId: string, local: string,
  fields: { scheduledDoseId?: string; rollingTotal?: number; overrideReason?: string } = {},
): Promise<void> {
  await t.db.query(
    `INSERT INTO medication_administrations (order_id, patient_id, scheduled_dose_id, dose, unit, given_at, given_by,
       rolling_total, limit_per_24h, override_reason)
     VALUES ($1, $2, $3, 10, 'mg', $4, $5, $6, 40, $7)`,
    [orderId, patientId, fields.scheduledDoseId ?? null, nyc(local), by.id, fields.rollingTotal ?? 10, fields.overrideReason ?? null],
  );
}
