import { PDFParse } from 'pdf-parse';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';
import { alert, binary, detoxEpisode, insertPatient, phaseChange, session, smallCellThreshold } from './support/report-fixtures';

describe('reports: program summary PDF', () => {
  let t: TestApp;
  let admin: TestUser;

  const pdfText = async (body: Buffer) => {
    const parser = new PDFParse({ data: body });
    try {
      return await parser.getText();
    } finally {
      await parser.destroy();
    }
  };
  const summary = (from: string, to: string) =>
    t.as(admin).get(`/api/v1/reports/program-summary?from=${from}&to=${to}&format=pdf`).buffer(true).parse(binary);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.createUser('admin');
    const clinician = await t.createUser('clinician');
    const p1 = await insertPatient(t, { givenName: 'Pdfina', familyName: 'Hiddenname' });
    const p2 = await insertPatient(t);
    await phaseChange(t, p1.id, null, 'screening', '2025-03-02T10:00');
    await phaseChange(t, p2.id, null, 'screening', '2025-03-03T10:00');
    await phaseChange(t, p2.id, 'screening', 'discharged', '2025-03-05T10:00', 'completed');
    await detoxEpisode(t, clinician, p1.id, '2025-03-02T12:00', { local: '2025-03-06T12:00', outcome: 'completed' });
    await session(t, { startLocal: '2025-03-04T10:00', minutes: 60, clinician, patients: [{ id: p1.id, status: 'attended' }, { id: p2.id, status: 'no_show' }] });
    await alert(t, p1.id, 'news2_high', 'urgent', '2025-03-04T11:00', 12);
  });
  afterAll(() => t.close());

  it('prints headline figures, chart titles, period, generation time and page numbers', async () => {
    await smallCellThreshold(t, admin, 1);
    const res = await summary('2025-03-01', '2025-03-07').expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const body = res.body as Buffer;
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    const pdf = await pdfText(body);
    expect(pdf.pages.map((page) => page.text.replace(/\s+/g, ' ').slice(0, 60))).toEqual([
      expect.stringMatching(/^Program summary/), expect.stringMatching(/^Attendance trend/),
    ]);
    expect(pdf.total).toBe(2);
    const text = pdf.text.replace(/\s+/g, ' ');
    expect(text).toMatch(/Program summary, period 2025-03-01 to 2025-03-07 \(America\/New_York\), generated \d{4}-/);
    // Admissions 2, discharges 1, one detox episode ended (completed: 100%), 2 bookings recorded (1 attended: 50%), 1 alert (12 min).
    expect(text).toContain('Admissions 2');
    expect(text).toContain('Discharges 1');
    expect(text).toContain('Detox completion rate 100%');
    expect(text).toContain('Attendance rate (attended, late or in part) 50%');
    expect(text).toContain('Median minutes to acknowledge an alert 12');
    expect(text).toContain('Census by phase');
    expect(text).toContain('Attendance trend');
    expect(text).toContain('Alert response');
    expect(text).toContain('Page 1 of 2');
    expect(text).toContain('Page 2 of 2');
    expect(text).not.toContain('Pdfina');
    expect(text).not.toContain('Hiddenname');
  });

  it('suppresses small counts in the PDF as in every de-identified report', async () => {
    await smallCellThreshold(t, admin, 11);
    const pdf = await pdfText((await summary('2025-03-01', '2025-03-07').expect(200)).body as Buffer);
    const text = pdf.text.replace(/\s+/g, ' ');
    expect(text).toContain('Admissions <11');
    expect(text).toContain('Detox completion rate not shown');
    expect(text).toContain('Median minutes to acknowledge an alert not shown');
  });

  it('leaves out a rate, headline or chart point, whose rest is a small count (15 of 16 attended would say 1 was not)', async () => {
    await smallCellThreshold(t, admin, 11);
    const clinician = await t.createUser('clinician');
    const patients = [];
    for (let i = 0; i < 22; i += 1) patients.push(await insertPatient(t));
    // Week of 2025-05-05: 16 bookings recorded, 15 attended; 12 detox episodes ended, 11 completed.
    await session(t, {
      kind: 'group', startLocal: '2025-05-06T10:00', minutes: 60, clinician,
      patients: patients.slice(0, 16).map((p, i) => ({ id: p.id, status: i === 0 ? 'no_show' : 'attended' })),
    });
    for (const [i, p] of patients.slice(0, 12).entries()) {
      await detoxEpisode(t, clinician, p.id, '2025-05-01T09:00', { local: '2025-05-07T09:00', outcome: i === 0 ? 'left_against_advice' : 'completed' });
    }
    // Week of 2025-05-12: 22 recorded, 11 attended (50%: shown).
    await session(t, {
      kind: 'group', startLocal: '2025-05-13T10:00', minutes: 60, clinician,
      patients: patients.map((p, i) => ({ id: p.id, status: i < 11 ? 'attended' : 'no_show' })),
    });
    const runs = await t.count('audit_events', `action = 'report.run' AND resource_id = 'program-summary'`);

    const week = (await pdfText((await summary('2025-05-05', '2025-05-11').expect(200)).body as Buffer)).text.replace(/\s+/g, ' ');
    expect(week).toContain('Session bookings with attendance recorded 16');
    expect(week).toContain('Attendance rate (attended, late or in part) not shown');
    expect(week).toContain('Detox episodes ended 12');
    expect(week).toContain('Detox completion rate not shown');
    expect(week).not.toContain('93.8%');
    expect(week).not.toContain('91.7%');

    const [first, second] = (await pdfText((await summary('2025-05-05', '2025-05-18').expect(200)).body as Buffer)).pages
      .map((page) => page.text.replace(/\s+/g, ' '));
    // 26 of 38 attended: part, whole and rest (12) are all shown, so the rate is too.
    expect(first).toContain('Session bookings with attendance recorded 38');
    expect(first).toContain('Attendance rate (attended, late or in part) 68.4%');
    // The trend has only the second week's 50%: its axis tops at 50%, where 93.8% would have made it 100%.
    expect(second).toMatch(/Attendance trend .*37\.5%.*50%/);
    expect(second).not.toContain('75%');
    expect(second).not.toContain('100%');
    expect(await t.count('audit_events', `action = 'report.run' AND resource_id = 'program-summary'`)).toBe(runs + 2);
  });

  it('refuses a bad period (400) and other formats', async () => {
    await t.as(admin).get('/api/v1/reports/program-summary?from=2025-03-07&to=2025-03-01').expect(400);
    await t.as(admin).get('/api/v1/reports/program-summary?from=2025-03-01&to=2025-03-07&format=csv').expect(400);
  });

  it('is never an identified disclosure: identified=true is refused and records nothing', async () => {
    const disclosures = await t.count('report_disclosures');
    const runs = await t.count('audit_events', `action = 'report.run'`);
    const res = await t.as(admin)
      .get('/api/v1/reports/program-summary?from=2025-03-01&to=2025-03-07&identified=true&purpose=treatment&recipient=Board');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(JSON.stringify(res.body)).toContain('identified');
    expect(await t.count('report_disclosures')).toBe(disclosures);
    expect(await t.count('audit_events', `action = 'report.run'`)).toBe(runs);
  });
});
