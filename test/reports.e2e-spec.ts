import type ExcelJS from 'exceljs';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';
import {
  binary, detoxEpisode, insertPatient, parseCsv, phaseChange, readWorkbook, session, smallCellThreshold, vitals,
} from './support/report-fixtures';

describe('reports: catalogue, formats, de-identification', () => {
  let t: TestApp;
  let admin: TestUser;
  let clinician: TestUser;
  const patients: { id: string; mrn: string }[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.createUser('admin');
    clinician = await t.createUser('clinician', { displayName: '=HYPERLINK("http://x"), "Dr, Quote"' });
    // Census data set, period 2025-03-01..03 in New York:
    const p1 = await insertPatient(t, { givenName: 'Quillon', familyName: 'Zephyrine' });
    await phaseChange(t, p1.id, null, 'screening', '2025-02-20T10:00');
    await phaseChange(t, p1.id, 'screening', 'detox', '2025-03-02T09:00');
    const p2 = await insertPatient(t, { givenName: 'Marisol', familyName: 'Underhay' });
    // 23:30 in New York is already 2 March in UTC: it must count on 1 March.
    await phaseChange(t, p2.id, null, 'screening', '2025-03-01T23:30');
    const p3 = await insertPatient(t, { givenName: 'Teodor', familyName: 'Vantablack' });
    await phaseChange(t, p3.id, null, 'screening', '2025-02-01T09:00');
    await phaseChange(t, p3.id, 'screening', 'outpatient', '2025-02-10T09:00');
    await phaseChange(t, p3.id, 'outpatient', 'discharged', '2025-03-03T12:00', 'completed');
    const p4 = await insertPatient(t);
    await phaseChange(t, p4.id, null, 'screening', '2025-03-04T00:30');
    patients.push(p1, p2, p3, p4);
    const episode = await detoxEpisode(t, clinician, p1.id, '2025-03-02T09:00');
    await vitals(t, clinician, p1.id, episode, '2025-03-02T10:00', 88);
    await session(t, { startLocal: '2025-03-03T10:00', minutes: 60, clinician, patients: [{ id: p2.id, status: 'attended' }] });
  });
  afterAll(() => t.close());

  const run = (user: TestUser, path: string) => t.as(user).get(`/api/v1/reports/${path}`);

  it('lists every report with its parameters and typed columns', async () => {
    const res = await run(admin, '').expect(200);
    const ids = (res.body as { id: string }[]).map((r) => r.id);
    expect(ids).toEqual([
      'census', 'admissions-discharges', 'screening-outcomes', 'detox-outcomes', 'withdrawal-severity',
      'session-attendance', 'iop-compliance', 'group-attendance', 'aftercare-outcomes', 'alert-response', 'medication-safety', 'vitals', 'sessions', 'program-summary',
    ]);
    const census = res.body[0];
    expect(census.columns).toEqual([
      { name: 'date', type: 'date', description: 'Local day' },
      { name: 'phase', type: 'text', description: expect.any(String) },
      { name: 'patients', type: 'count', description: expect.any(String) },
    ]);
    expect(census.parameters.map((p: { name: string }) => p.name)).toEqual(['from', 'to', 'format']);
    const vitalsEntry = res.body.find((r: { id: string }) => r.id === 'vitals');
    expect(vitalsEntry.parameters.map((p: { name: string }) => p.name)).toEqual(
      ['from', 'to', 'format', 'identified', 'purpose', 'recipient', 'recipientClass', 'recipientScope']);
  });

  it('refuses every report to clinicians and case managers (403) and audits no run', async () => {
    const caseManager = await t.createUser('case_manager');
    const before = await t.count('audit_events', `action = 'report.run'`);
    await run(clinician, '').expect(403);
    await run(clinician, 'census?from=2025-03-01&to=2025-03-03').expect(403);
    await run(caseManager, 'vitals?from=2025-03-01&to=2025-03-03&format=csv').expect(403);
    await run(caseManager, 'program-summary?from=2025-03-01&to=2025-03-03').expect(403);
    expect(await t.count('audit_events', `action = 'report.run'`)).toBe(before);
  });

  it('answers 404 for an unknown report and 400 for a bad period or format, as problem+json', async () => {
    const unknown = await run(admin, 'nonsense?from=2025-03-01&to=2025-03-03').expect(404);
    expect(unknown.headers['content-type']).toMatch(/application\/problem\+json/);
    const reversed = await run(admin, 'census?from=2025-03-03&to=2025-03-01').expect(400);
    expect(reversed.body.errors).toEqual([{ field: 'to', message: 'to must not be before from' }]);
    await run(admin, 'census?from=2025-02-30&to=2025-03-01').expect(400);
    await run(admin, 'census?to=2025-03-01').expect(400);
    await run(admin, 'census?from=2025-03-01&to=2025-03-03&format=pdf').expect(400);
    await run(admin, 'census?from=2025-03-01&to=2025-03-03&identified=maybe').expect(400);
  });

  it('counts patients by phase at the end of each program-zone day (census, CSV)', async () => {
    await smallCellThreshold(t, admin, 1);
    const res = await run(admin, 'census?from=2025-03-01&to=2025-03-03&format=csv').expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(res.headers['content-disposition']).toBe('attachment; filename="census_2025-03-01_2025-03-03.csv"');
    expect(res.text.startsWith('\uFEFF')).toBe(true);
    const [statement, header, ...rows] = parseCsv(res.text.slice(1));
    expect(statement?.[0]).toMatch(
      /^Census by phase, period 2025-03-01 to 2025-03-03 \(America\/New_York\), generated \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[-+]\d\d:\d\d$/);
    expect(header).toEqual(['date', 'phase', 'patients']);
    expect(rows).toEqual([
      ['2025-03-01', 'screening', '2'], ['2025-03-01', 'detox', '0'], ['2025-03-01', 'outpatient', '1'],
      ['2025-03-01', 'aftercare', '0'], ['2025-03-01', 'discharged', '0'],
      ['2025-03-02', 'screening', '1'], ['2025-03-02', 'detox', '1'], ['2025-03-02', 'outpatient', '1'],
      ['2025-03-02', 'aftercare', '0'], ['2025-03-02', 'discharged', '0'],
      ['2025-03-03', 'screening', '1'], ['2025-03-03', 'detox', '1'], ['2025-03-03', 'outpatient', '0'],
      ['2025-03-03', 'aftercare', '0'], ['2025-03-03', 'discharged', '1'],
    ]);
    // Statement, header and 15 rows, each ended by CRLF.
    expect(res.text.split('\r\n')).toHaveLength(17 + 1);
  });

  it('suppresses counts of 1 to 10 as <11 by default, keeping zeros', async () => {
    await smallCellThreshold(t, admin, 11);
    const res = await run(admin, 'census?from=2025-03-01&to=2025-03-01').expect(200);
    expect(res.body.rows).toEqual([
      { date: '2025-03-01', phase: 'screening', patients: '<11' }, { date: '2025-03-01', phase: 'detox', patients: 0 },
      { date: '2025-03-01', phase: 'outpatient', patients: '<11' }, { date: '2025-03-01', phase: 'aftercare', patients: 0 },
      { date: '2025-03-01', phase: 'discharged', patients: 0 },
    ]);
    expect(res.body).toMatchObject({
      report: 'census', period: { from: '2025-03-01', to: '2025-03-01', timeZone: 'America/New_York' },
      generatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), disclosure: null, notice: null,
    });
  });

  it('quotes and neutralises free text from users in CSV (a clinician name starting a formula)', async () => {
    await smallCellThreshold(t, admin, 1);
    const res = await run(admin, 'session-attendance?from=2025-03-03&to=2025-03-03&format=csv').expect(200);
    const line = res.text.split('\r\n').find((l) => l.startsWith('clinician,'));
    expect(line).toBe(`clinician,"'=HYPERLINK(""http://x""), ""Dr, Quote""",1,1,0,0,0,0,0,1,0,0,0,0`);
    expect(parseCsv(`${line as string}\r\n`)[0]?.[1]).toBe(`'=HYPERLINK("http://x"), "Dr, Quote"`);
  });

  it('writes XLSX with a description sheet, a frozen header and typed cells', async () => {
    const res = await run(admin, 'vitals?from=2025-03-01&to=2025-03-03&format=xlsx').buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = await readWorkbook(res.body as Buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['About', 'Data']);
    const about = workbook.getWorksheet('About') as ExcelJS.Worksheet;
    expect(about.getRow(2).values).toEqual([undefined, 'Period', '2025-03-01 to 2025-03-03']);
    expect(about.getRow(3).values).toEqual([undefined, 'Time zone', 'America/New_York']);
    expect(about.getRow(4).getCell(1).value).toBe('Generated');
    const data = workbook.getWorksheet('Data') as ExcelJS.Worksheet;
    expect(data.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect((data.getRow(1).values as unknown[]).slice(1, 7)).toEqual(['patient_key', 'age_band', 'first_year', 'day', 'hour', 'heart_rate']);
    const row = data.getRow(2);
    // The patient's first reading in the export, at 10:00 New York time: no date, only its year, day 0 and the hour.
    expect((row.values as unknown[]).slice(3, 7)).toEqual([2025, 0, 10, 88]);
    expect(row.getCell(2).value).toBe('35-44');
    expect(row.getCell(1).value).toMatch(/^[0-9a-f]{64}$/);
    expect(data.rowCount).toBe(2);
  });

  it('never puts a name, MRN or internal id in a de-identified export, in any format', async () => {
    const forbidden = patients.flatMap((p) => [p.id, p.mrn]).concat(['Quillon', 'Zephyrine', 'Marisol', 'Underhay', 'Teodor']);
    for (const format of ['json', 'csv']) {
      for (const id of ['vitals', 'sessions', 'census']) {
        const res = await run(admin, `${id}?from=2025-03-01&to=2025-03-03&format=${format}`).expect(200);
        for (const text of forbidden) expect(res.text).not.toContain(text);
      }
    }
    const xlsx = await run(admin, 'sessions?from=2025-03-01&to=2025-03-03&format=xlsx').buffer(true).parse(binary).expect(200);
    const workbook = await readWorkbook(xlsx.body as Buffer);
    const cells = workbook.worksheets.flatMap((s) => s.getSheetValues().flat().map(String)).join('\n');
    for (const text of forbidden) expect(cells).not.toContain(text);
  });

  it('gives a patient the same pseudonymous key in every export', async () => {
    const v = await run(admin, 'vitals?from=2025-03-01&to=2025-03-03').expect(200);
    const s = await run(admin, 'sessions?from=2025-03-01&to=2025-03-03').expect(200);
    expect(v.body.rows[0].patient_key).toMatch(/^[0-9a-f]{64}$/);
    expect(s.body.rows[0].patient_key).toMatch(/^[0-9a-f]{64}$/);
    // p1 has the vitals, p2 the session: different patients, different keys; the same run twice, the same key.
    expect(v.body.rows[0].patient_key).not.toBe(s.body.rows[0].patient_key);
    const again = await run(admin, 'vitals?from=2025-03-02&to=2025-03-02').expect(200);
    expect(again.body.rows[0].patient_key).toBe(v.body.rows[0].patient_key);
  });

  it('audits each run without patient ids', async () => {
    await run(admin, 'census?from=2025-03-01&to=2025-03-02&format=json').expect(200);
    const [event] = await t.db.query(
      `SELECT user_id, resource_id, patient_id, details FROM audit_events WHERE action = 'report.run' ORDER BY id DESC LIMIT 1`);
    expect(event).toEqual({
      user_id: admin.id, resource_id: 'census', patient_id: null,
      details: { from: '2025-03-01', to: '2025-03-02', format: 'json', via: 'api' },
    });
  });

  it('reads through report_reader, which can read the reporting views and nothing else', async () => {
    const runner = t.db.createQueryRunner();
    try {
      await runner.startTransaction();
      await runner.query('SET LOCAL ROLE report_reader');
      await expect(runner.query('SELECT count(*) FROM reporting.vitals')).resolves.toBeDefined();
      await expect(runner.query('SELECT 1 FROM patients LIMIT 1')).rejects.toThrow(/permission denied/);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
