import { addToCareTeam, createPatient } from './support/factories';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';

// Instruments and screenings: server-side scoring, invalid answers, roles, history and the
// PHQ-9 self-harm alert. All data is synthetic.
describe('screening instruments', () => {
  let t: TestApp;
  let clinician: TestUser;
  let caseManager: TestUser;
  let outsider: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    clinician = await t.createUser('clinician');
    caseManager = await t.createUser('case_manager');
    outsider = await t.createUser('clinician');
    admin = await t.createUser('admin');
  });
  afterAll(() => t.close());

  const as = (user: TestUser) => t.as(user);

  /** A patient whose care team is the clinician and the case manager. */
  async function teamPatient(overrides: Record<string, unknown> = {}): Promise<string> {
    const patient = await createPatient(t, clinician, overrides);
    await addToCareTeam(t, patient.id, caseManager);
    return patient.id;
  }

  const screeningsUrl = (patientId: string) => `/api/v1/patients/${patientId}/screenings`;
  const screeningRows = (patientId: string) => t.count('screenings', 'patient_id = $1', [patientId]);

  describe('GET /instruments', () => {
    it('lists the six instruments with version, items in official order, bands and flags', async () => {
      const res = await as(caseManager).get('/api/v1/instruments').expect(200);
      expect(res.body.map((i: { id: string }) => i.id)).toEqual(['AUDIT', 'AUDIT-C', 'DAST-10', 'CAGE', 'PHQ-9', 'GAD-7']);
      const byId = Object.fromEntries(res.body.map((i: { id: string }) => [i.id, i]));
      expect(byId['PHQ-9'].version).toBe('2001');
      expect(byId['PHQ-9'].items.map((i: { key: string }) => i.key)).toEqual(['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9']);
      expect(byId['PHQ-9'].items[8]).toEqual({ order: 9, key: 'q9', label: expect.any(String), allowed: [0, 1, 2, 3] });
      expect(byId['PHQ-9'].bands.map((b: { id: string }) => b.id)).toEqual(['minimal', 'mild', 'moderate', 'moderately_severe', 'severe']);
      expect(byId['PHQ-9'].flags).toEqual([{ id: 'self_harm_risk', description: expect.any(String) }]);
      expect(byId.AUDIT.items[9].allowed).toEqual([0, 2, 4]);
      expect(byId.AUDIT.bands.map((b: { id: string; min: number; max: number }) => [b.id, b.min, b.max])).toEqual([
        ['zone_1', 0, 7], ['zone_2', 8, 15], ['zone_3', 16, 19], ['zone_4', 20, 40],
      ]);
      expect(byId['AUDIT-C'].flags.map((f: { id: string }) => f.id)).toEqual(['sex_unknown']);
      expect(byId['DAST-10'].items[2].allowed).toEqual(['yes', 'no']);
      expect(byId['DAST-10'].bands.map((b: { id: string }) => b.id)).toEqual(['none', 'low', 'moderate', 'substantial', 'severe']);
      expect(byId.CAGE.bands.map((b: { id: string; min: number }) => [b.id, b.min])).toEqual([['negative', 0], ['positive', 2]]);
      expect(byId['GAD-7'].bands.map((b: { id: string }) => b.id)).toEqual(['minimal', 'mild', 'moderate', 'severe']);
    });

    it('is closed to callers without a token', async () => {
      await t.http().get('/api/v1/instruments').expect(401);
    });
  });

  describe('scoring on the server', () => {
    const cases: [name: string, instrument: string, answers: unknown, total: number, band: string][] = [
      ['AUDIT as an array (zone IV starts at 20)', 'AUDIT', [4, 4, 4, 4, 0, 0, 0, 0, 2, 2], 20, 'zone_4'],
      ['AUDIT as an object (zone II)', 'AUDIT',
        { q1: 2, q2: 1, q3: 1, q4: 1, q5: 1, q6: 0, q7: 0, q8: 0, q9: 0, q10: 2 }, 8, 'zone_2'],
      ['DAST-10 all "no" scores 1 (item 3 is reverse-scored)', 'DAST-10', Array(10).fill('no'), 1, 'low'],
      ['DAST-10 all "yes" scores 9 (item 3 "yes" scores 0)', 'DAST-10', Array(10).fill('yes'), 9, 'severe'],
      ['DAST-10 as an object', 'DAST-10',
        { q1: 'yes', q2: 'yes', q3: 'no', q4: 'no', q5: 'yes', q6: 'no', q7: 'no', q8: 'no', q9: 'no', q10: 'no' }, 4, 'moderate'],
      ['CAGE two "yes" is positive', 'CAGE', ['yes', 'no', 'yes', 'no'], 2, 'positive'],
      ['CAGE as an object, one "yes"', 'CAGE', { q1: 'no', q2: 'no', q3: 'no', q4: 'yes' }, 1, 'negative'],
      ['PHQ-9 15 is moderately severe', 'PHQ-9', [3, 3, 3, 3, 3, 0, 0, 0, 0], 15, 'moderately_severe'],
      ['PHQ-9 all zero is minimal', 'PHQ-9', { q1: 0, q2: 0, q3: 0, q4: 0, q5: 0, q6: 0, q7: 0, q8: 0, q9: 0 }, 0, 'minimal'],
      ['GAD-7 as an object, 14 is moderate', 'GAD-7', { q1: 2, q2: 2, q3: 2, q4: 2, q5: 2, q6: 2, q7: 2 }, 14, 'moderate'],
      ['GAD-7 all maximum is severe', 'GAD-7', [3, 3, 3, 3, 3, 3, 3], 21, 'severe'],
    ];

    it.each(cases)('scores %s', async (_name, instrument, answers, total, band) => {
      const patientId = await teamPatient();
      const res = await as(clinician).post(screeningsUrl(patientId), { instrument, answers }).expect(201);
      expect(res.body).toMatchObject({ patientId, instrument, total, band, flags: [], recordedBy: clinician.id });
      expect(Object.keys(res.body.answers)).toHaveLength(Array.isArray(answers) ? answers.length : Object.keys(answers as object).length);
      const [row] = await t.db.query(`SELECT * FROM screenings WHERE id = $1`, [res.body.id]);
      expect(row).toMatchObject({ patient_id: patientId, instrument, total, band, flags: [], recorded_by: clinician.id });
      expect(row.instrument_version).toBe(res.body.instrumentVersion);
      // Stored keyed by item whichever form was sent, so history reads the same.
      expect(row.answers).toEqual(res.body.answers);
      expect(Object.keys(row.answers)[0]).toBe('q1');
    });

    it('keeps the answers keyed by item and the points per item (DAST-10 item 3 reversed)', async () => {
      const patientId = await teamPatient();
      const res = await as(clinician)
        .post(screeningsUrl(patientId), { instrument: 'DAST-10', answers: Array(10).fill('no') })
        .expect(201);
      expect(res.body.answers).toEqual({
        q1: 'no', q2: 'no', q3: 'no', q4: 'no', q5: 'no', q6: 'no', q7: 'no', q8: 'no', q9: 'no', q10: 'no',
      });
      expect(res.body.itemScores).toMatchObject({ q1: 0, q3: 1, q10: 0 });
      expect(res.body.instrumentVersion).toBe('1982');
    });

    it('applies the AUDIT-C cut-off for the sex at birth in the patient record (4 male, 3 female, 3 + flag otherwise)', async () => {
      const answers = [1, 1, 1];
      const male = await teamPatient({ sexAtBirth: 'male' });
      const female = await teamPatient({ sexAtBirth: 'female' });
      const unknown = await teamPatient({ sexAtBirth: 'unknown' });
      const intersex = await teamPatient({ sexAtBirth: 'intersex' });
      const m = await as(clinician).post(screeningsUrl(male), { instrument: 'AUDIT-C', answers }).expect(201);
      expect(m.body).toMatchObject({ total: 3, band: 'negative', flags: [] });
      const m4 = await as(clinician).post(screeningsUrl(male), { instrument: 'AUDIT-C', answers: [2, 1, 1] }).expect(201);
      expect(m4.body).toMatchObject({ total: 4, band: 'positive', flags: [] });
      const f = await as(clinician).post(screeningsUrl(female), { instrument: 'AUDIT-C', answers }).expect(201);
      expect(f.body).toMatchObject({ total: 3, band: 'positive', flags: [] });
      const f2 = await as(clinician).post(screeningsUrl(female), { instrument: 'AUDIT-C', answers: [1, 1, 0] }).expect(201);
      expect(f2.body).toMatchObject({ total: 2, band: 'negative', flags: [] });
      for (const patientId of [unknown, intersex]) {
        const u = await as(clinician).post(screeningsUrl(patientId), { instrument: 'AUDIT-C', answers }).expect(201);
        expect(u.body).toMatchObject({ total: 3, band: 'positive', flags: ['sex_unknown'] });
      }
      const [row] = await t.db.query(`SELECT flags FROM screenings WHERE patient_id = $1`, [unknown]);
      expect(row.flags).toEqual(['sex_unknown']);
    });

    it('defaults administeredAt to now and keeps a past time the client gives', async () => {
      const patientId = await teamPatient();
      const before = Date.now();
      const now = await as(clinician).post(screeningsUrl(patientId), { instrument: 'CAGE', answers: ['no', 'no', 'no', 'no'] }).expect(201);
      expect(Math.abs(new Date(now.body.administeredAt).getTime() - before)).toBeLessThan(60_000);
      const past = await as(clinician)
        .post(screeningsUrl(patientId), { instrument: 'CAGE', answers: ['no', 'no', 'no', 'no'], administeredAt: '2025-01-15T09:30:00-05:00' })
        .expect(201);
      expect(past.body.administeredAt).toBe('2025-01-15T14:30:00.000Z');
    });
  });

  describe('invalid answers: rejected whole, naming the item, nothing stored', () => {
    const invalid: [name: string, body: Record<string, unknown>, errors: { field: string; message: string }[]][] = [
      ['a missing item (object)', { instrument: 'PHQ-9', answers: { q1: 0, q2: 0, q4: 0, q5: 0, q6: 0, q7: 0, q8: 0, q9: 0 } },
        [{ field: 'answers.q3', message: 'is required' }]],
      ['a missing item (short array)', { instrument: 'GAD-7', answers: [0, 0, 0, 0, 0, 0] },
        [{ field: 'answers.q7', message: 'is required' }]],
      ['an extra item key', { instrument: 'CAGE', answers: { q1: 'no', q2: 'no', q3: 'no', q4: 'no', q5: 'yes' } },
        [{ field: 'answers.q5', message: 'is not an item of CAGE' }]],
      ['an extra array value', { instrument: 'CAGE', answers: ['no', 'no', 'no', 'no', 'no'] },
        [{ field: 'answers', message: 'has 1 extra value; CAGE has 4 items' }]],
      ['an out-of-range value', { instrument: 'PHQ-9', answers: [0, 0, 0, 0, 4, 0, 0, 0, 0] },
        [{ field: 'answers.q5', message: 'must be one of 0, 1, 2, 3' }]],
      ['a value not allowed for AUDIT item 9 (0, 2 or 4)', { instrument: 'AUDIT', answers: [0, 0, 0, 0, 0, 0, 0, 0, 1, 0] },
        [{ field: 'answers.q9', message: 'must be one of 0, 2, 4' }]],
      ['a number on a yes/no item', { instrument: 'DAST-10', answers: [1, 'no', 'no', 'no', 'no', 'no', 'no', 'no', 'no', 'no'] },
        [{ field: 'answers.q1', message: 'must be a string, one of "yes", "no"' }]],
      ['a string on a scaled item', { instrument: 'GAD-7', answers: { q1: '2', q2: 0, q3: 0, q4: 0, q5: 0, q6: 0, q7: 0 } },
        [{ field: 'answers.q1', message: 'must be a number, one of 0, 1, 2, 3' }]],
      ['answers that are neither array nor object', { instrument: 'CAGE', answers: 'yes,yes,no,no' },
        [{ field: 'answers', message: 'must be an array of 4 values in item order or an object keyed by item' }]],
    ];

    it.each(invalid)('refuses %s with a 400', async (_name, body, errors) => {
      const patientId = await teamPatient();
      const auditBefore = await t.count('audit_events', `patient_id = $1 AND action = 'screening.create'`, [patientId]);
      const res = await as(clinician).post(screeningsUrl(patientId), body).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 400, errors });
      expect(await screeningRows(patientId)).toBe(0);
      expect(await t.count('audit_events', `patient_id = $1 AND action = 'screening.create'`, [patientId])).toBe(auditBefore);
    });

    it('names every bad item at once', async () => {
      const patientId = await teamPatient();
      const res = await as(clinician)
        .post(screeningsUrl(patientId), { instrument: 'GAD-7', answers: { q1: 9, q2: 0, q3: 0, q4: 0, q5: 0, q6: 0, q8: 1 } })
        .expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['answers.q1', 'answers.q7', 'answers.q8']);
      expect(await screeningRows(patientId)).toBe(0);
    });

    it.each([['total', 14], ['band', 'severe'], ['score', 27], ['flags', []]])(
      'refuses a client-sent %s as an unknown field',
      async (field, value) => {
        const patientId = await teamPatient();
        const res = await as(clinician)
          .post(screeningsUrl(patientId), { instrument: 'GAD-7', answers: [2, 2, 2, 2, 2, 2, 2], [field]: value })
          .expect(400);
        expect(res.body.errors).toEqual([{ field, message: expect.stringContaining('unknown field') }]);
        expect(await screeningRows(patientId)).toBe(0);
      },
    );

    it('refuses an unknown instrument, missing answers, a future or offset-less administeredAt', async () => {
      const patientId = await teamPatient();
      const unknown = await as(clinician).post(screeningsUrl(patientId), { instrument: 'BDI-II', answers: [0] }).expect(400);
      expect(unknown.body.errors).toEqual([{ field: 'instrument', message: expect.stringContaining('AUDIT, AUDIT-C') }]);
      const missing = await as(clinician).post(screeningsUrl(patientId), { instrument: 'CAGE' }).expect(400);
      expect(missing.body.errors).toEqual([{ field: 'answers', message: 'answers is required' }]);
      const future = new Date(Date.now() + 60 * 60 * 1000).toISOString();
      const ahead = await as(clinician)
        .post(screeningsUrl(patientId), { instrument: 'CAGE', answers: ['no', 'no', 'no', 'no'], administeredAt: future })
        .expect(400);
      expect(ahead.body.errors).toEqual([{ field: 'administeredAt', message: 'must not be in the future' }]);
      await as(clinician)
        .post(screeningsUrl(patientId), { instrument: 'CAGE', answers: ['no', 'no', 'no', 'no'], administeredAt: '2025-01-15T09:30:00' })
        .expect(400);
      expect(await screeningRows(patientId)).toBe(0);
    });

    it('the database refuses a row whose self-harm flag disagrees with PHQ-9 item 9, and any edit', async () => {
      const patientId = await teamPatient();
      const insert = (flags: string[]) =>
        t.db.query(
          `INSERT INTO screenings (patient_id, instrument, instrument_version, answers, item_scores, total, band, flags, recorded_by)
           VALUES ($1, 'PHQ-9', '2001', $2, '{}', 2, 'minimal', $3, $4)`,
          [patientId, JSON.stringify({ q1: 0, q2: 0, q3: 0, q4: 0, q5: 0, q6: 0, q7: 0, q8: 0, q9: 2 }), flags, clinician.id],
        );
      await expect(insert([])).rejects.toThrow(/screenings_self_harm_flag_check/);
      await insert(['self_harm_risk']);
      await expect(t.db.query(`UPDATE screenings SET total = 0 WHERE patient_id = $1`, [patientId])).rejects.toThrow(/append-only/);
      await expect(t.db.query(`DELETE FROM screenings WHERE patient_id = $1`, [patientId])).rejects.toThrow(/append-only/);
      await expect(
        t.db.query(
          `INSERT INTO screenings (patient_id, instrument, instrument_version, answers, item_scores, total, band, recorded_by)
           VALUES ($1, 'GAD-7', '2006', '{}', '{}', 22, 'severe', $2)`,
          [patientId, clinician.id],
        ),
      ).rejects.toThrow(/screenings_total_band_check/);
    });
  });

  describe('history', () => {
    it('returns PHQ-9 results filtered by instrument, ordered by administeredAt, with the version scored with', async () => {
      const patientId = await teamPatient();
      const record = (answers: number[], administeredAt: string, instrument = 'PHQ-9') =>
        as(clinician).post(screeningsUrl(patientId), { instrument, answers, administeredAt }).expect(201);
      // Recorded out of order on purpose: the list orders by when the patient completed it.
      await record([2, 2, 2, 2, 2, 2, 1, 1, 0], '2025-02-01T10:00:00Z');
      await record([3, 3, 3, 3, 2, 2, 2, 2, 0], '2025-01-01T10:00:00Z');
      await record([1, 1, 1, 1, 0, 0, 0, 0, 0], '2025-03-01T10:00:00Z');
      await record([1, 1, 1, 1, 1, 1, 1], '2025-02-15T10:00:00Z', 'GAD-7');

      const trend = await as(clinician).get(`${screeningsUrl(patientId)}?instrument=PHQ-9&order=asc`).expect(200);
      expect(trend.body).toMatchObject({ total: 3, limit: 20, offset: 0 });
      expect(trend.body.items.map((s: { total: number; band: string }) => [s.total, s.band])).toEqual([
        [20, 'severe'], [14, 'moderate'], [4, 'minimal'],
      ]);
      expect(trend.body.items.every((s: { instrumentVersion: string }) => s.instrumentVersion === '2001')).toBe(true);

      const newest = await as(clinician).get(`${screeningsUrl(patientId)}?limit=2`).expect(200);
      expect(newest.body.total).toBe(4);
      expect(newest.body.items.map((s: { instrument: string; total: number }) => [s.instrument, s.total])).toEqual([
        ['PHQ-9', 4], ['GAD-7', 7],
      ]);
      const window = await as(clinician)
        .get(`${screeningsUrl(patientId)}?from=2025-01-15T00:00:00Z&to=2025-02-15T10:00:00Z`)
        .expect(200);
      expect(window.body.items.map((s: { total: number }) => s.total)).toEqual([14]);

      const one = await as(clinician).get(`${screeningsUrl(patientId)}/${trend.body.items[0].id}`).expect(200);
      expect(one.body).toMatchObject({ id: trend.body.items[0].id, total: 20, instrumentVersion: '2001' });
      await as(clinician).get(`${screeningsUrl(patientId)}/00000000-0000-4000-8000-000000000000`).expect(404);

      await as(clinician).get(`${screeningsUrl(patientId)}?instrument=BDI-II`).expect(400);
      await as(clinician).get(`${screeningsUrl(patientId)}?limit=101`).expect(400);
      expect(await t.count('audit_events', `patient_id = $1 AND action = 'screening.read'`, [patientId])).toBe(4);
    });
  });

  describe('roles and care-team scope', () => {
    it('lets a case manager record a screening and read totals, bands and flags but not item answers', async () => {
      const patientId = await teamPatient();
      const created = await as(caseManager)
        .post(screeningsUrl(patientId), { instrument: 'GAD-7', answers: [1, 1, 1, 1, 1, 0, 0] })
        .expect(201);
      expect(created.body).toMatchObject({ total: 5, band: 'mild', flags: [], answers: null, itemScores: null, recordedBy: caseManager.id });
      const [row] = await t.db.query(`SELECT answers FROM screenings WHERE id = $1`, [created.body.id]);
      expect(row.answers).toEqual({ q1: 1, q2: 1, q3: 1, q4: 1, q5: 1, q6: 0, q7: 0 });
      const listed = await as(caseManager).get(screeningsUrl(patientId)).expect(200);
      expect(listed.body.items).toEqual([expect.objectContaining({ total: 5, band: 'mild', answers: null, itemScores: null })]);
      const clinicianView = await as(clinician).get(screeningsUrl(patientId)).expect(200);
      expect(clinicianView.body.items[0].answers).toEqual(row.answers);
      const audits = await t.db.query(
        `SELECT user_id, details FROM audit_events WHERE patient_id = $1 AND action = 'screening.read' ORDER BY id`,
        [patientId],
      );
      expect(audits.map((a: { user_id: string; details: { itemAnswers: boolean } }) => [a.user_id, a.details.itemAnswers])).toEqual([
        [caseManager.id, false], [clinician.id, true],
      ]);
    });

    it('refuses admins (no clinical access) with 403 and writes nothing', async () => {
      const patientId = await teamPatient();
      await as(admin).post(screeningsUrl(patientId), { instrument: 'CAGE', answers: ['no', 'no', 'no', 'no'] }).expect(403);
      await as(admin).get(screeningsUrl(patientId)).expect(403);
      expect(await screeningRows(patientId)).toBe(0);
    });

    it('answers 404 to a clinician outside the care team, stores nothing and audits the denial', async () => {
      const patientId = await teamPatient();
      const res = await as(outsider).post(screeningsUrl(patientId), { instrument: 'CAGE', answers: ['no', 'no', 'no', 'no'] }).expect(404);
      expect(res.body.detail).toBe('Patient was not found.');
      await as(outsider).get(screeningsUrl(patientId)).expect(404);
      expect(await screeningRows(patientId)).toBe(0);
      expect(await t.count('audit_events', `patient_id = $1 AND user_id = $2 AND outcome = 'denied'`, [patientId, outsider.id])).toBe(2);
    });

    it('lets a clinician under emergency access read the history, flagged in the audit trail', async () => {
      const patientId = await teamPatient();
      await as(clinician).post(screeningsUrl(patientId), { instrument: 'CAGE', answers: ['yes', 'yes', 'no', 'no'] }).expect(201);
      const doctor = await t.createUser('clinician');
      await as(doctor).get(screeningsUrl(patientId)).expect(404);
      await as(doctor).post(`/api/v1/patients/${patientId}/emergency-access`, { reason: 'Patient unresponsive in clinic, team unreachable' }).expect(201);
      const res = await as(doctor).get(screeningsUrl(patientId)).expect(200);
      expect(res.body.items).toEqual([expect.objectContaining({ instrument: 'CAGE', total: 2, band: 'positive' })]);
      expect(
        await t.count('audit_events', `patient_id = $1 AND user_id = $2 AND action = 'screening.read' AND emergency_access`, [patientId, doctor.id]),
      ).toBe(1);
    });

    it('audits each recorded screening with its id and instrument, and no answers', async () => {
      const patientId = await teamPatient();
      const res = await as(clinician).post(screeningsUrl(patientId), { instrument: 'AUDIT-C', answers: [0, 0, 0] }).expect(201);
      const events = await t.db.query(
        `SELECT user_id, resource_type, resource_id, outcome, details FROM audit_events WHERE patient_id = $1 AND action = 'screening.create'`,
        [patientId],
      );
      expect(events).toEqual([
        { user_id: clinician.id, resource_type: 'screening', resource_id: res.body.id, outcome: 'success', details: { instrument: 'AUDIT-C' } },
      ]);
    });
  });

  describe('PHQ-9 self-harm alert', () => {
    it('flags item 9 above 0 and raises an urgent care-team alert in the same request, whatever the total', async () => {
      const patientId = await teamPatient();
      const res = await as(caseManager)
        .post(screeningsUrl(patientId), { instrument: 'PHQ-9', answers: [0, 0, 0, 0, 0, 0, 0, 0, 1] })
        .expect(201);
      expect(res.body).toMatchObject({ total: 1, band: 'minimal', flags: ['self_harm_risk'] });
      const alerts = await t.db.query(`SELECT * FROM alerts WHERE patient_id = $1`, [patientId]);
      expect(alerts).toHaveLength(1);
      expect(alerts[0]).toMatchObject({
        source: 'screening', rule: 'self_harm_risk', severity: 'urgent', audience: 'care_team', status: 'open',
        reading_id: res.body.id,
      });
      expect(alerts[0].reading).toMatchObject({ instrument: 'PHQ-9', item: 'q9', value: 1, total: 1, band: 'minimal' });
      const [audit] = await t.db.query(
        `SELECT details FROM audit_events WHERE patient_id = $1 AND action = 'screening.create'`,
        [patientId],
      );
      expect(audit.details).toEqual({ instrument: 'PHQ-9', alertId: alerts[0].id });

      // The care team sees it among open alerts; a clinician outside the team does not.
      for (const member of [clinician, caseManager]) {
        const open = await as(member).get(`/api/v1/alerts?status=open&patientId=${patientId}`).expect(200);
        expect(open.body.items).toEqual([
          expect.objectContaining({ id: alerts[0].id, rule: 'self_harm_risk', severity: 'urgent', readingId: res.body.id }),
        ]);
      }
      // Item answers are for clinicians (screenings.read-answers): the case manager's copy carries no reading.
      const forCaseManager = await as(caseManager).get(`/api/v1/alerts?status=open&patientId=${patientId}`).expect(200);
      expect(forCaseManager.body.items[0]).toMatchObject({ reading: {}, readingWithheld: true });
      const forClinician = await as(clinician).get(`/api/v1/alerts?status=open&patientId=${patientId}`).expect(200);
      expect(forClinician.body.items[0]).toMatchObject({ reading: { item: 'q9', value: 1 }, readingWithheld: false });
      const foreign = await as(outsider).get(`/api/v1/alerts?status=open&patientId=${patientId}`).expect(200);
      expect(foreign.body.items).toEqual([]);

      const ack = await as(clinician).post(`/api/v1/alerts/${alerts[0].id}/acknowledge`, { note: 'seen in person' }).expect(200);
      expect(ack.body).toMatchObject({ status: 'acknowledged', acknowledgedBy: clinician.id });
      const stillOpen = await as(clinician).get(`/api/v1/alerts?status=open&patientId=${patientId}`).expect(200);
      expect(stillOpen.body.items).toEqual([]);
      const [row] = await t.db.query(`SELECT status, acknowledged_by FROM alerts WHERE id = $1`, [alerts[0].id]);
      expect(row).toEqual({ status: 'acknowledged', acknowledged_by: clinician.id });
    });

    it('raises no alert when item 9 is 0, even for a severe total', async () => {
      const patientId = await teamPatient();
      const res = await as(clinician)
        .post(screeningsUrl(patientId), { instrument: 'PHQ-9', answers: [3, 3, 3, 3, 3, 3, 3, 3, 0] })
        .expect(201);
      expect(res.body).toMatchObject({ total: 24, band: 'severe', flags: [] });
      expect(await t.count('alerts', 'patient_id = $1', [patientId])).toBe(0);
    });

    it('raises nothing when the response is invalid, even with item 9 above 0', async () => {
      const patientId = await teamPatient();
      await as(clinician)
        .post(screeningsUrl(patientId), { instrument: 'PHQ-9', answers: { q1: 7, q2: 0, q3: 0, q4: 0, q5: 0, q6: 0, q7: 0, q8: 0, q9: 3 } })
        .expect(400);
      expect(await t.count('alerts', 'patient_id = $1', [patientId])).toBe(0);
      expect(await screeningRows(patientId)).toBe(0);
    });
  });
});
