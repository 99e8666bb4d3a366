import { REDISCLOSURE_NOTICE } from '../src/reports/privacy/redisclosure-notice';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';
import { binary, detoxEpisode, insertPatient, parseCsv, readWorkbook, vitals } from './support/report-fixtures';

describe('reports: identified exports are disclosures', () => {
  let t: TestApp;
  let admin: TestUser;
  let clinician: TestUser;
  let consented: { id: string; mrn: string };
  let revoked: { id: string; mrn: string };
  let expired: { id: string; mrn: string };
  let otherPurpose: { id: string; mrn: string };

  const RECIPIENT = 'County Health Department';
  const PURPOSE = 'Quality review';
  const identified = (scope: string, format = 'csv', recipient = scope === 'program' ? clinician.email : RECIPIENT) =>
    `/api/v1/reports/vitals?from=2025-04-01&to=2025-04-02&format=${format}&identified=true` +
    `&purpose=${encodeURIComponent(PURPOSE)}&recipient=${encodeURIComponent(recipient)}&recipientScope=${scope}`;

  interface ConsentFields {
    recipient?: string; purpose?: string; expiresOn?: string; revoked?: boolean;
    recipientKind?: 'individual' | 'organisation' | 'class'; coveredExports?: string[];
  }
  const consent = (patientId: string, fields: ConsentFields) =>
    t.db.query(
      `INSERT INTO consents (patient_id, recipient, recipient_kind, purpose, information_to_disclose, covered_exports, signed_on,
         expires_on, revoked_at, revoked_by, revocation_reason)
       VALUES ($1, $2, $8, $3, 'vital signs', $9, '2025-01-01', $4, $5, $6, $7)`,
      [patientId, fields.recipient ?? RECIPIENT, fields.purpose ?? PURPOSE, fields.expiresOn ?? '2099-12-31',
        fields.revoked ? new Date() : null, fields.revoked ? admin.id : null, fields.revoked ? 'changed mind' : null,
        fields.recipientKind ?? 'organisation', fields.coveredExports ?? ['vitals']],
    );

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.createUser('admin');
    clinician = await t.createUser('clinician');
    consented = await insertPatient(t, { givenName: 'Consuela', familyName: 'Agreeable' });
    revoked = await insertPatient(t, { givenName: 'Revanche', familyName: 'Withdrawn' });
    expired = await insertPatient(t, { givenName: 'Expedita', familyName: 'Lapsed' });
    otherPurpose = await insertPatient(t, { givenName: 'Otto', familyName: 'Elsewise' });
    // Recipient and purpose match whatever the spacing and case.
    await consent(consented.id, { recipient: '  county health DEPARTMENT ', purpose: 'quality review' });
    await consent(revoked.id, { revoked: true });
    await consent(expired.id, { expiresOn: '2025-01-31' });
    await consent(otherPurpose.id, { purpose: 'Research' });
    let minute = 0;
    for (const p of [consented, revoked, expired, otherPurpose]) {
      const episode = await detoxEpisode(t, clinician, p.id, '2025-04-01T08:00');
      minute += 1;
      await vitals(t, clinician, p.id, episode, `2025-04-01T09:0${minute}`, 70 + minute);
    }
  });
  afterAll(() => t.close());

  it('includes only patients whose active consent names the outside recipient and purpose, says how many were left out, and puts the notice first', async () => {
    const res = await t.as(admin).get(identified('external')).expect(200);
    expect(res.headers['x-patients-excluded']).toBe('3');
    const disclosureId = res.headers['x-disclosure-id'] as string;
    const [notice, statement, header, ...rows] = parseCsv(res.text.slice(1));
    expect(notice).toEqual([REDISCLOSURE_NOTICE]);
    expect(statement?.[0]).toMatch(/^Vital signs \(rows\), period 2025-04-01 to 2025-04-02/);
    expect(header?.slice(-4)).toEqual(['mrn', 'given_name', 'family_name', 'date_of_birth']);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.slice(-4)).toEqual([consented.mrn, 'Consuela', 'Agreeable', '1980-06-15']);
    for (const name of ['Revanche', 'Expedita', 'Otto']) expect(res.text).not.toContain(name);

    const [disclosure] = await t.db.query(`SELECT *, period_from::text, period_to::text FROM report_disclosures WHERE id = $1`, [disclosureId]);
    expect(disclosure).toMatchObject({
      disclosed_by: admin.id, report_id: 'vitals', format: 'csv', period_from: '2025-04-01', period_to: '2025-04-02',
      purpose: PURPOSE, recipient: RECIPIENT, recipient_scope: 'external', patients_excluded: 3,
    });
    const included = await t.db.query(`SELECT patient_id FROM report_disclosure_patients WHERE disclosure_id = $1`, [disclosureId]);
    expect(included).toEqual([{ patient_id: consented.id }]);
    const [event] = await t.db.query(
      `SELECT user_id, resource_type, details FROM audit_events WHERE action = 'report.disclose' AND resource_id = $1`, [disclosureId]);
    expect(event).toEqual({
      user_id: admin.id, resource_type: 'report_disclosure',
      details: { report: 'vitals', format: 'csv', from: '2025-04-01', to: '2025-04-02', recipientScope: 'external',
        patientsIncluded: 1, patientsExcluded: 3 },
    });
  });

  it("includes the program recipient's care-team patients, whatever their consents, and records who", async () => {
    for (const p of [consented, revoked, expired]) {
      await t.db.query(`INSERT INTO care_team_members (patient_id, user_id) VALUES ($1, $2)`, [p.id, clinician.id]);
    }
    const res = await t.as(admin).get(identified('program', 'json', `  ${clinician.email.toUpperCase()} `)).expect(200);
    expect(res.body.disclosure).toEqual({ id: res.headers['x-disclosure-id'], patientsIncluded: 3, patientsExcluded: 1 });
    const [event] = await t.db.query(
      `SELECT details FROM audit_events WHERE action = 'report.disclose' AND resource_id = $1`, [res.body.disclosure.id]);
    expect(event.details).toMatchObject({ recipientScope: 'program', recipientUserId: clinician.id, patientsIncluded: 3 });
    expect(res.body.notice).toBe(REDISCLOSURE_NOTICE);
    expect(res.body.rows.map((r: { mrn: string }) => r.mrn).sort()).toEqual([consented.mrn, revoked.mrn, expired.mrn].sort());
    expect(JSON.stringify(res.body)).not.toContain('Otto');
    expect(res.body.rows[0]).toMatchObject({ heart_rate: 71, given_name: 'Consuela', taken_at: '2025-04-01T09:01:00-04:00' });
  });

  it('refuses a within-program disclosure to anyone but an active program user whose role reads vitals (422), writing nothing', async () => {
    const gone = await t.createUser('clinician');
    await t.db.query(`UPDATE users SET active = false WHERE id = $1`, [gone.id]);
    const caseManager = await t.createUser('case_manager');
    await t.db.query(`INSERT INTO care_team_members (patient_id, user_id) VALUES ($1, $2)`, [consented.id, caseManager.id]);
    const before = [await t.count('report_disclosures'), await t.count('report_disclosure_patients'),
      await t.count('audit_events', `action IN ('report.disclose', 'report.run')`)];
    for (const recipient of ['Some Newspaper', gone.email]) {
      const res = await t.as(admin).get(identified('program', 'json', recipient)).expect(422);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors).toEqual([
        { field: 'recipient', message: 'must be the email of an active program user when recipientScope is program' }]);
      expect(JSON.stringify(res.body)).not.toContain('Consuela');
    }
    // A case manager may not read vitals (DOMAIN.md), so a within-program disclosure cannot hand them over either.
    const notReader = await t.as(admin).get(identified('program', 'json', caseManager.email)).expect(422);
    expect(notReader.body.errors).toEqual([{ field: 'recipient', message: 'must be a program user whose role has vitals.read' }]);
    expect(JSON.stringify(notReader.body)).not.toContain('Consuela');
    expect([await t.count('report_disclosures'), await t.count('report_disclosure_patients'),
      await t.count('audit_events', `action IN ('report.disclose', 'report.run')`)]).toEqual(before);
  });

  it('puts the notice on the first sheet of an identified XLSX', async () => {
    const res = await t.as(admin).get(identified('external', 'xlsx')).buffer(true).parse(binary).expect(200);
    const workbook = await readWorkbook(res.body as Buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Notice', 'About', 'Data']);
    expect(workbook.worksheets[0]?.getRow(2).getCell(1).value).toBe(REDISCLOSURE_NOTICE);
    expect(workbook.getWorksheet('Data')?.rowCount).toBe(2);
  });

  it('refuses an identified export without purpose or recipient, of an aggregate report, or by a non-admin, writing nothing', async () => {
    const before = [await t.count('report_disclosures'), await t.count('report_disclosure_patients')];
    const noPurpose = await t.as(admin).get('/api/v1/reports/vitals?from=2025-04-01&to=2025-04-02&identified=true&recipient=X').expect(400);
    expect(noPurpose.body.errors).toEqual([{ field: 'purpose', message: 'is required for an identified export' }]);
    const aggregate = await t.as(admin)
      .get('/api/v1/reports/census?from=2025-04-01&to=2025-04-02&identified=true&recipient=X&purpose=Y').expect(400);
    expect(aggregate.body.errors).toEqual([{ field: 'identified', message: 'only row exports can be identified' }]);
    await t.as(clinician).get(identified('program')).expect(403);
    expect([await t.count('report_disclosures'), await t.count('report_disclosure_patients')]).toEqual(before);
  });

  it("accounts for the disclosures of a patient's record over three years", async () => {
    await t.db.query(
      `INSERT INTO report_disclosures (disclosed_at, disclosed_by, report_id, format, period_from, period_to, purpose,
         recipient, recipient_scope, patients_excluded)
       VALUES (now() - interval '3 years 1 day', $1, 'vitals', 'csv', '2021-01-01', '2021-01-31', 'Old', 'Old Recipient', 'external', 0)
       RETURNING id`, [admin.id],
    ).then(([old]: { id: string }[]) =>
      t.db.query(`INSERT INTO report_disclosure_patients VALUES ($1, $2)`, [old?.id, consented.id]));
    const res = await t.as(admin).get(`/api/v1/patients/${consented.id}/disclosures`).expect(200);
    expect(res.body).toHaveLength(3);
    expect(res.body.map((d: { recipient: string }) => d.recipient)).toEqual([RECIPIENT, clinician.email.toUpperCase(), RECIPIENT]);
    expect(res.body[0]).toEqual({
      id: expect.any(String), disclosedAt: expect.any(String), disclosedBy: 'Test admin', recipient: RECIPIENT,
      purpose: PURPOSE, what: 'Report vitals (xlsx), period 2025-04-01 to 2025-04-02',
    });
    // The revoked patient was only in the within-program disclosure.
    const other = await t.as(admin).get(`/api/v1/patients/${revoked.id}/disclosures`).expect(200);
    expect(other.body.map((d: { what: string }) => d.what)).toEqual(['Report vitals (json), period 2025-04-01 to 2025-04-02']);
    expect(await t.count('audit_events', `action = 'disclosures.read' AND patient_id = $1`, [consented.id])).toBe(1);
  });

  it("reports who accessed the patient's record, disclosures included", async () => {
    await t.as(admin).get(`/api/v1/patients/${revoked.id}`).expect(200);
    const res = await t.as(admin).get(`/api/v1/patients/${revoked.id}/access-report?limit=10`).expect(200);
    const actions = res.body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(['patient.read', 'disclosures.read', 'report.disclose']);
    expect(res.body.items.find((e: { action: string }) => e.action === 'patient.read')).toMatchObject({
      userId: admin.id, userName: 'Test admin', userRole: 'admin', outcome: 'success', emergencyAccess: false,
    });
    expect(res.body.total).toBe(3);
    const next = await t.as(admin).get(`/api/v1/patients/${revoked.id}/access-report`).expect(200);
    expect(next.body.items[0].action).toBe('access-report.read');
  });

  it('answers 404 for an unknown patient and 403 to clinicians', async () => {
    await t.as(admin).get('/api/v1/patients/00000000-0000-4000-8000-000000000000/disclosures').expect(404);
    await t.as(admin).get('/api/v1/patients/00000000-0000-4000-8000-000000000000/access-report').expect(404);
    await t.as(clinician).get(`/api/v1/patients/${consented.id}/disclosures`).expect(403);
    await t.as(clinician).get(`/api/v1/patients/${consented.id}/access-report`).expect(403);
  });

  it('relies only on a consent that covers the export, and matches a class of recipients by the class the export states', async () => {
    const MAY = '/api/v1/reports/vitals?from=2025-05-01&to=2025-05-02&format=json&identified=true' +
      `&purpose=${encodeURIComponent(PURPOSE)}&recipient=${encodeURIComponent('Example Family Clinic')}`;
    const CLASS = 'My treating providers';
    const sessionsOnly = await insertPatient(t, { givenName: 'Sessa', familyName: 'Onlyone' });
    const byClass = await insertPatient(t, { givenName: 'Classica', familyName: 'Grouped' });
    const byName = await insertPatient(t, { givenName: 'Nominata', familyName: 'Named' });
    await consent(sessionsOnly.id, { recipient: 'Example Family Clinic', coveredExports: ['sessions'] });
    await consent(byClass.id, { recipient: `  ${CLASS.toLowerCase()} `, recipientKind: 'class', coveredExports: ['sessions', 'vitals'] });
    await consent(byName.id, { recipient: 'Example Family Clinic', recipientKind: 'individual' });
    for (const [i, p] of [sessionsOnly, byClass, byName].entries()) {
      const episode = await detoxEpisode(t, clinician, p.id, '2025-05-01T08:00');
      await vitals(t, clinician, p.id, episode, `2025-05-01T09:0${i}`, 80 + i);
    }
    const withoutClass = await t.as(admin).get(MAY).expect(200);
    expect(withoutClass.body.rows.map((r: { mrn: string }) => r.mrn)).toEqual([byName.mrn]);
    expect(withoutClass.body.disclosure.patientsExcluded).toBe(2);
    const withClass = await t.as(admin).get(`${MAY}&recipientClass=${encodeURIComponent(CLASS)}`).expect(200);
    expect(withClass.body.rows.map((r: { mrn: string }) => r.mrn).sort()).toEqual([byClass.mrn, byName.mrn].sort());
    expect(JSON.stringify(withClass.body)).not.toContain('Sessa');
    const [disclosure] = await t.db.query(`SELECT recipient FROM report_disclosures WHERE id = $1`, [withClass.body.disclosure.id]);
    expect(disclosure).toEqual({ recipient: 'Example Family Clinic' });
    // A consent naming a class is not one naming the recipient: the class text as recipient matches nobody by name.
    const classAsName = await t.as(admin).get(MAY.replace('Example%20Family%20Clinic', encodeURIComponent(CLASS))).expect(200);
    expect(classAsName.body.rows).toEqual([]);
  });

  it('refuses a blank recipientClass (400), writing nothing', async () => {
    const before = await t.count('report_disclosures');
    const res = await t.as(admin).get(`${identified('external', 'json')}&recipientClass=${encodeURIComponent('   ')}`).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors).toEqual([{ field: 'recipientClass', message: 'recipientClass must not be blank' }]);
    expect(await t.count('report_disclosures')).toBe(before);
  });

  it('leaves the pseudonymous patient key out of identified exports, in every format, so they cannot re-identify de-identified reports', async () => {
    const deidentified = await t.as(admin).get('/api/v1/reports/vitals?from=2025-04-01&to=2025-04-02&format=json').expect(200);
    const keys = deidentified.body.rows.map((r: { patient_key: string }) => r.patient_key);
    expect(keys).toHaveLength(4);
    const disclosuresBefore = await t.count('report_disclosures');

    const csv = await t.as(admin).get(identified('external')).expect(200);
    const [, , header, ...rows] = parseCsv(csv.text.slice(1));
    expect(header).toEqual([
      'age_band', 'taken_at', 'heart_rate', 'systolic_bp', 'diastolic_bp', 'respiratory_rate', 'temperature_c', 'spo2',
      'on_supplemental_oxygen', 'consciousness', 'news2_total', 'news2_risk', 'mrn', 'given_name', 'family_name', 'date_of_birth',
    ]);
    expect(rows).toEqual([['35-44', '2025-04-01T09:01:00-04:00', '71', '', '', '', '', '', '', '', '', '', consented.mrn,
      'Consuela', 'Agreeable', '1980-06-15']]);

    const json = await t.as(admin).get(identified('external', 'json')).expect(200);
    expect(json.body.columns.map((c: { name: string }) => c.name)).toEqual(header);
    expect(Object.keys(json.body.rows[0])).toEqual(header);

    const xlsx = await t.as(admin).get(identified('external', 'xlsx')).buffer(true).parse(binary).expect(200);
    const data = (await readWorkbook(xlsx.body as Buffer)).getWorksheet('Data');
    expect((data?.getRow(1).values as unknown[]).slice(1)).toEqual(header);

    for (const text of [csv.text, JSON.stringify(json.body)]) {
      expect(text).not.toContain('patient_key');
      for (const key of keys) expect(text).not.toContain(key);
    }
    // Each identified export is still a disclosure of the one consented patient.
    expect(await t.count('report_disclosures')).toBe(disclosuresBefore + 3);
    expect(await t.count('report_disclosure_patients', `disclosure_id = $1 AND patient_id = $2`,
      [json.headers['x-disclosure-id'], consented.id])).toBe(1);

    // The catalogue says so: the patient key is a column of the de-identified export only.
    const catalogue = await t.as(admin).get('/api/v1/reports').expect(200);
    const entry = catalogue.body.find((r: { id: string }) => r.id === 'vitals');
    expect(entry.columns.map((c: { name: string }) => c.name)[0]).toBe('patient_key');
    expect(entry.identifiedColumns.map((c: { name: string }) => c.name)).toEqual(header);
  });

  it('keeps disclosures append-only', async () => {
    await expect(t.db.query(`DELETE FROM report_disclosures`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`UPDATE report_disclosure_patients SET patient_id = patient_id`)).rejects.toThrow(/append-only/);
  });
});
