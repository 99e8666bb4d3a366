import { buffer } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { ReportColumn } from '../src/reports/catalogue/report-definition';
import { plainCell } from '../src/reports/output/cell-text';
import { CsvCopyRecords } from '../src/reports/output/csv-copy-records';
import { csvCopySql } from '../src/reports/output/csv-copy-sql';
import { csvRecord } from '../src/reports/output/csv-encoding';
import { shapeRow } from '../src/reports/report-rows';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';
import { detoxEpisode, insertPatient, nyc } from './support/report-fixtures';

/**
 * De-identified CSV row exports are written by PostgreSQL (COPY) and only
 * pseudonymised by the server; JSON, XLSX and identified exports are encoded
 * by the server. Both must give the same cells, so each is checked here
 * against the other, and the SQL encoding against the server's on hostile text.
 */
describe('reports: CSV row exports written by the database', () => {
  let t: TestApp;
  let admin: TestUser;
  let clinician: TestUser;
  const ANY_UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.createUser('admin');
    clinician = await t.createUser('clinician');
    // Ages across the bands at the time of the readings, 90+ included.
    const patients = await Promise.all(['2010-03-01', '1999-12-31', '1960-07-04', '1930-01-15'].map((dateOfBirth) =>
      insertPatient(t, { givenName: 'Copy', familyName: `Testcase ${dateOfBirth}`, dateOfBirth })));
    for (const [i, p] of patients.entries()) {
      const episode = await detoxEpisode(t, clinician, p.id, '2025-03-01T08:00');
      // Around the start of daylight saving time in New York (2025-03-09 02:00), some with milliseconds, some partial.
      for (const [j, local] of ['2025-03-08T23:59:59.5', '2025-03-09T01:30', '2025-03-09T03:15:00.042', '2025-03-10T12:00'].entries()) {
        const partial = (i + j) % 2 === 0;
        await t.db.query(
          `INSERT INTO vital_signs (patient_id, episode_id, taken_at, heart_rate, systolic_bp, diastolic_bp, respiratory_rate,
             temperature_c, spo2, on_supplemental_oxygen, consciousness, news2_complete, news2_total, news2_risk,
             news2_subscores, news2_missing, recorded_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, '{}', $15, $16)`,
          [p.id, episode, nyc(local), 60 + i * 7 + j, partial ? null : 121, partial ? null : 79, 14 + j,
            partial ? null : [36.6, 37.0, 38.25, 35.1][j], partial ? null : 97, partial ? null : j % 2 === 0,
            partial ? null : 'A', !partial, partial ? null : j, partial ? null : 'low', partial ? ['spo2'] : [], clinician.id],
        );
      }
    }
  });
  afterAll(() => t.close());

  const rowsOf = (csv: string) => csv.replace(/^\uFEFF/, '').split('\r\n').slice(2, -1);

  it.each(['vitals', 'sessions'])('gives the %s export the same records in CSV as the server encodes for JSON', async (report) => {
    const query = `from=2025-03-01&to=2025-03-31`;
    const csv = await t.as(admin).get(`/api/v1/reports/${report}?${query}&format=csv`).expect(200);
    const json = await t.as(admin).get(`/api/v1/reports/${report}?${query}&format=json`).expect(200);
    const columns = (json.body as { columns: ReportColumn[] }).columns;
    const expected = (json.body as { rows: Record<string, string | number | boolean | null>[] }).rows
      .map((row) => csvRecord(columns.map((c) => row[c.name] ?? null)).slice(0, -2));
    expect(rowsOf(csv.text)).toEqual(expected);
    if (report === 'vitals') {
      expect(expected).toHaveLength(16);
      // No instant, only the year of each patient's first reading, the days since it and the local hour, either side
      // of the change of offset (23:59:59.5 the evening before, 01:30 and 03:15 that night, noon the day after).
      expect(rowsOf(csv.text).map((r) => r.split(',').slice(2, 5).join(','))).toEqual(
        ['2025,0,23', '2025,1,1', '2025,1,3', '2025,2,12'].flatMap((time) => [time, time, time, time]));
      expect(rowsOf(csv.text).join('\n')).not.toMatch(/2025-03-\d\d|T\d\d:\d\d/);
      expect(columns.map((c) => c.name).slice(0, 6)).toEqual(['patient_key', 'age_band', 'first_year', 'day', 'hour', 'heart_rate']);
      expect(csv.text).toContain(',90+,');
      expect(csv.text).toContain(',under 18,');
    }
    expect(csv.text).not.toMatch(ANY_UUID);
    expect(csv.text).not.toContain('Testcase');
  });

  /** A row export over literal rows, written by COPY and by the server's encoder. */
  async function bothWays(timeZone: string, columns: ReportColumn[], valuesSql: string) {
    const sql = `SELECT * FROM (VALUES ${valuesSql}) v(patient_id, age_years, at, n, x, flag, note)`;
    const client = new Client({ connectionString: (t.db.options as { url: string }).url });
    await client.connect();
    try {
      await client.query(`SELECT set_config('TimeZone', $1, false)`, [timeZone]);
      const copied = new CsvCopyRecords('secret-of-the-copy-test');
      const written = buffer(copied);
      await pipeline(client.query(copyTo(csvCopySql(columns, sql, timeZone === 'UTC') as string)), copied);
      const rows = (await client.query(sql)).rows as Record<string, unknown>[];
      const encoded = rows.map((row) => csvRecord(
        shapeRow(columns, row, { secret: 'secret-of-the-copy-test', threshold: 11 }).map((cell) => plainCell(cell, timeZone)),
      ));
      return { copied: (await written).toString('utf8'), encoded: encoded.join('') };
    } finally {
      await client.end();
    }
  }

  const COLUMNS: ReportColumn[] = [
    { name: 'patient_key', type: 'patient_key', description: '' },
    { name: 'age_band', type: 'age_band', description: '' },
    { name: 'at', type: 'datetime', description: '' },
    { name: 'n', type: 'integer', description: '' },
    { name: 'x', type: 'decimal', description: '' },
    { name: 'flag', type: 'boolean', description: '' },
    { name: 'note', type: 'text', description: '' },
  ];
  const HOSTILE = [
    '=HYPERLINK("http://x")', '+1', '-2+3', '@SUM(A1)', '\tTabbed', '\r=cr', 'comma, inside', 'say "hi"', 'two\nlines',
    'crlf\r\nin it', '', 'plain', 'ünïcödé ✓', "'already quoted",
  ];

  it.each(['America/New_York', 'Europe/London', 'UTC'])(
    'writes hostile text, nulls, numbers and instants (%s) exactly as the server would',
    async (timeZone) => {
      const values = HOSTILE.map((note, i) =>
        `('6f1c1d1e-0000-4000-8000-${String(i).padStart(12, '0')}'::uuid, ${[17, 18, 64, 65, 89, 90, null, 44][i % 8] ?? 'NULL'}::int,
          timestamptz '2025-03-30 00:59:59.999Z' + ${i} * interval '1 hour 1 minute', ${i % 3 === 0 ? 'NULL' : -i * 7}::int,
          ${[36.6, 0.5, -2.25, 120, 1.1][i % 5]}::numeric, ${['true', 'false', 'NULL'][i % 3]}::boolean,
          ${note === '' ? "''" : `'${note.replace(/'/g, "''")}'`}::text)`).join(', ');
      const { copied, encoded } = await bothWays(timeZone, COLUMNS, values);
      expect(copied).toBe(encoded);
      expect(copied.split('\r\n').length).toBeGreaterThan(HOSTILE.length);
      expect(copied).toContain(`,"'=HYPERLINK(""http://x"")"\r\n`);
    },
  );
});
