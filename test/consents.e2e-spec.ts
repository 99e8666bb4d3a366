import { DateTime } from 'luxon';
import { addToCareTeam, createPatient } from './support/factories';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';

const ZONE = 'America/New_York';
const day = (offset: number) => DateTime.now().setZone(ZONE).plus({ days: offset }).toISODate() ?? '';

/**
 * 42 CFR Part 2 consents carry the elements 2.31(a) requires: a recipient named (and its kind), a purpose and the
 * information to disclose that say something, a signing day not in the future and an expiry date. Refusals are
 * problem+json 400s that write nothing. All data is synthetic.
 */
describe('consents (42 CFR Part 2 elements)', () => {
  let t: TestApp;
  let caseManager: TestUser;
  let patientId: string;
  let url: string;

  const CONSENT = {
    recipient: 'Example County Probation Office', recipientKind: 'organisation', purpose: 'court-ordered treatment verification',
    informationToDisclose: 'attendance and completion status', signedOn: day(-1), expiresOn: day(364),
  };

  beforeAll(async () => {
    t = await createTestApp();
    caseManager = await t.createUser('case_manager');
    const clinician = await t.createUser('clinician');
    patientId = (await createPatient(t, caseManager)).id;
    await addToCareTeam(t, patientId, clinician);
    url = `/api/v1/patients/${patientId}/consents`;
  });
  afterAll(() => t.close());

  /** Posts a consent that must be refused with exactly these field errors, and checks nothing was written. */
  async function refused(body: Record<string, unknown>, errors: { field: string; message: string }[]): Promise<void> {
    const before = await t.count('consents', 'patient_id = $1', [patientId]);
    const audited = await t.count('audit_events', `action = 'consent.create' AND patient_id = $1`, [patientId]);
    const res = await t.as(caseManager).post(url, body).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400 });
    expect(res.body.errors).toEqual(errors);
    expect(await t.count('consents', 'patient_id = $1', [patientId])).toBe(before);
    expect(await t.count('audit_events', `action = 'consent.create' AND patient_id = $1`, [patientId])).toBe(audited);
  }

  it('requires an expiry date, on or after the signing day', async () => {
    const { expiresOn: _, ...withoutExpiry } = CONSENT;
    await refused(withoutExpiry, [{ field: 'expiresOn', message: 'expiresOn must be a date as YYYY-MM-DD' }]);
    await refused({ ...CONSENT, expiresOn: day(-2) }, [{ field: 'expiresOn', message: 'expiresOn must not be before signedOn' }]);
  });

  it('refuses a consent signed in the future (program time zone)', async () => {
    await refused({ ...CONSENT, signedOn: day(1), expiresOn: day(30) },
      [{ field: 'signedOn', message: 'signedOn must not be in the future' }]);
  });

  it('refuses a blank recipient, purpose or information to disclose', async () => {
    await refused({ ...CONSENT, recipient: '   ' }, [{ field: 'recipient', message: 'recipient must not be blank' }]);
    await refused({ ...CONSENT, purpose: '\t\n' }, [{ field: 'purpose', message: 'purpose must not be blank' }]);
    await refused({ ...CONSENT, informationToDisclose: ' ' },
      [{ field: 'informationToDisclose', message: 'informationToDisclose must not be blank' }]);
  });

  it('requires the kind of recipient, and accepts only known exports, each once', async () => {
    const { recipientKind: _, ...withoutKind } = CONSENT;
    await refused(withoutKind, [{ field: 'recipientKind', message: expect.stringContaining('recipientKind must be one of') }]);
    await refused({ ...CONSENT, recipientKind: 'anyone' },
      [{ field: 'recipientKind', message: expect.stringContaining('recipientKind must be one of') }]);
    await refused({ ...CONSENT, coveredExports: ['census'] },
      [{ field: 'coveredExports', message: expect.stringContaining('each value in coveredExports must be one of') }]);
    await refused({ ...CONSENT, coveredExports: ['vitals', 'vitals'] },
      [{ field: 'coveredExports', message: "All coveredExports's elements must be unique" }]);
  });

  it('records a consent naming a class of recipients and the exports it covers, and shows them', async () => {
    const body = {
      ...CONSENT, recipient: 'My treating providers', recipientKind: 'class', purpose: 'treatment, payment and operations',
      coveredExports: ['vitals'], signedOn: day(0),
    };
    const res = await t.as(caseManager).post(url, body).expect(201);
    expect(res.body).toMatchObject({ ...body, active: true, revokedAt: null });
    const [row] = await t.db.query(`SELECT recipient_kind, covered_exports FROM consents WHERE id = $1`, [res.body.id]);
    expect(row).toEqual({ recipient_kind: 'class', covered_exports: ['vitals'] });
    const plain = await t.as(caseManager).post(url, CONSENT).expect(201);
    expect(plain.body.coveredExports).toEqual([]);
  });

  it('refuses a blank revocation reason (400), leaving the consent in force', async () => {
    const created = await t.as(caseManager).post(url, CONSENT).expect(201);
    const res = await t.as(caseManager).post(`${url}/${created.body.id}/revoke`, { reason: '  ' }).expect(400);
    expect(res.body.errors).toEqual([{ field: 'reason', message: 'reason must not be blank' }]);
    expect(await t.count('consents', 'id = $1 AND revoked_at IS NULL', [created.body.id])).toBe(1);
  });

  it('holds new rows to the same elements in the database', async () => {
    const insert = (fields: { expiresOn?: string | null; kind?: string | null; recipient?: string; signedOn?: string; exports?: string[] }) =>
      t.db.query(
        `INSERT INTO consents (patient_id, recipient, recipient_kind, purpose, information_to_disclose, covered_exports, signed_on, expires_on)
         VALUES ($1, $2, $3, 'treatment', 'everything', $4, $5, $6)`,
        [patientId, fields.recipient ?? 'Example Clinic', fields.kind === undefined ? 'organisation' : fields.kind,
          fields.exports ?? [], fields.signedOn ?? day(0), fields.expiresOn === undefined ? day(30) : fields.expiresOn],
      );
    const before = await t.count('consents', 'patient_id = $1', [patientId]);
    await expect(insert({ expiresOn: null })).rejects.toThrow(/consents_required_elements/);
    await expect(insert({ kind: null })).rejects.toThrow(/consents_required_elements/);
    await expect(insert({ recipient: '  ' })).rejects.toThrow(/consents_required_elements/);
    await expect(insert({ signedOn: day(5), expiresOn: day(30) })).rejects.toThrow(/consents_signed_not_in_future/);
    await expect(insert({ exports: ['census'] })).rejects.toThrow(/consents_covered_exports_known/);
    await expect(insert({ kind: 'anyone' })).rejects.toThrow(/check constraint/);
    expect(await t.count('consents', 'patient_id = $1', [patientId])).toBe(before);
  });
});
