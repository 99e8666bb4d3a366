import { addToCareTeam, createPatient, patientInput } from './support/factories';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';

describe('patients', () => {
  let t: TestApp;
  let caseManager: TestUser;
  let clinician: TestUser;
  let outsider: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    caseManager = await t.createUser('case_manager');
    clinician = await t.createUser('clinician');
    outsider = await t.createUser('clinician');
    admin = await t.createUser('admin');
  });
  afterAll(() => t.close());

  const as = (user: TestUser) => t.as(user);

  describe('registration', () => {
    it('registers a patient in screening with a generated MRN and puts the registrar on the care team', async () => {
      const res = await as(caseManager).post('/api/v1/patients', patientInput({ pronouns: 'she/her' })).expect(201);
      expect(res.body).toMatchObject({
        mrn: expect.stringMatching(/^MRN\d{7}$/),
        givenName: 'Alex',
        phase: 'screening',
        pronouns: 'she/her',
        primarySubstances: ['alcohol'],
        version: 1,
      });
      expect(res.headers.etag).toBe('"1"');
      expect(await t.count('care_team_members', 'patient_id = $1 AND user_id = $2', [res.body.id, caseManager.id])).toBe(1);
      expect(await t.count('patient_phase_changes', 'patient_id = $1', [res.body.id])).toBe(1);
      expect(await t.count('audit_events', `action = 'patient.create' AND patient_id = $1 AND user_id = $2`, [res.body.id, caseManager.id])).toBe(1);
    });

    it('gives every patient a different MRN', async () => {
      const a = await createPatient(t, caseManager);
      const b = await createPatient(t, caseManager);
      expect(a.mrn).not.toBe(b.mrn);
    });

    it('refuses an invalid registration and writes nothing', async () => {
      const before = await t.count('patients');
      const res = await as(caseManager)
        .post('/api/v1/patients', patientInput({ dateOfBirth: '12/04/1985', sexAtBirth: 'x', extra: 1 }))
        .expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['dateOfBirth', 'extra', 'sexAtBirth']);
      expect(await t.count('patients')).toBe(before);
    });

    it('does not let admins register patients', async () => {
      await as(admin).post('/api/v1/patients', patientInput()).expect(403);
    });
  });

  describe('care-team scope', () => {
    it('hides a patient from clinicians outside the care team (404) and audits the denial', async () => {
      const patient = await createPatient(t, caseManager);
      const res = await as(outsider).get(`/api/v1/patients/${patient.id}`).expect(404);
      expect(res.body.type).toMatch(/not-found$/);
      await as(outsider).patch(`/api/v1/patients/${patient.id}`, { pronouns: 'they/them' }, '"1"').expect(404);
      expect(await t.count('audit_events', `patient_id = $1 AND user_id = $2 AND outcome = 'denied'`, [patient.id, outsider.id])).toBe(2);
      const [row] = await t.db.query(`SELECT pronouns FROM patients WHERE id = $1`, [patient.id]);
      expect(row.pronouns).toBeNull();
    });

    it('gives a clinician access once added to the care team, and takes it away on removal', async () => {
      const patient = await createPatient(t, caseManager);
      await as(clinician).get(`/api/v1/patients/${patient.id}`).expect(404);
      const team = await as(caseManager).post(`/api/v1/patients/${patient.id}/care-team`, { userId: clinician.id }).expect(201);
      expect(team.body.map((m: { userId: string }) => m.userId).sort()).toEqual([caseManager.id, clinician.id].sort());
      await as(clinician).get(`/api/v1/patients/${patient.id}`).expect(200);
      await as(caseManager).delete(`/api/v1/patients/${patient.id}/care-team/${clinician.id}`).expect(204);
      await as(clinician).get(`/api/v1/patients/${patient.id}`).expect(404);
    });

    it('refuses to put an admin on a care team', async () => {
      const patient = await createPatient(t, caseManager);
      await as(caseManager).post(`/api/v1/patients/${patient.id}/care-team`, { userId: admin.id }).expect(422);
      expect(await t.count('care_team_members', 'patient_id = $1', [patient.id])).toBe(1);
    });

    it('lets admins see demographics and phase of every patient', async () => {
      const patient = await createPatient(t, caseManager);
      const res = await as(admin).get(`/api/v1/patients/${patient.id}`).expect(200);
      expect(res.body).toMatchObject({ id: patient.id, phase: 'screening' });
      await as(admin).patch(`/api/v1/patients/${patient.id}`, { pronouns: 'he/him' }, '"1"').expect(403);
    });

    it('searches only the caller\'s patients, by name, MRN and phase, with pagination', async () => {
      const searcher = await t.createUser('case_manager');
      const mine = await createPatient(t, searcher, { givenName: 'Quinn', familyName: 'Searchable' });
      await createPatient(t, searcher, { givenName: 'Robin', familyName: 'Searchable' });
      await createPatient(t, caseManager, { givenName: 'Sky', familyName: 'Searchable' });
      const byName = await as(searcher).post('/api/v1/patients/search', { name: 'searchable', limit: 1 }).expect(200);
      expect(byName.body).toMatchObject({ total: 2, limit: 1, offset: 0 });
      expect(byName.body.items).toHaveLength(1);
      const byMrn = await as(searcher).get(`/api/v1/patients?mrn=${mine.mrn}`).expect(200);
      expect(byMrn.body.items.map((p: { id: string }) => p.id)).toEqual([mine.id]);
      const byPhase = await as(searcher).get('/api/v1/patients?phase=detox').expect(200);
      expect(byPhase.body.total).toBe(0);
      const all = await as(admin).post('/api/v1/patients/search', { name: 'searchable' }).expect(200);
      expect(all.body.total).toBe(3);
      await as(searcher).get('/api/v1/patients?limit=101').expect(400);
      await as(searcher).get('/api/v1/patients?limit=').expect(400);
      // A JSON body's number must be a number: true, [] or "" are not read as 1 or 0.
      for (const limit of [true, [], '', '1.5']) {
        const refused = await as(searcher).post('/api/v1/patients/search', { name: 'searchable', limit }).expect(400);
        expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
        expect([...new Set(refused.body.errors.map((e: { field: string }) => e.field))]).toEqual(['limit']);
      }
      await as(searcher).post('/api/v1/patients/search', { name: 'searchable', offset: false }).expect(400);
      // Names are never accepted in the URL.
      await as(searcher).get('/api/v1/patients?name=searchable').expect(400);
    });
  });

  describe('optimistic concurrency', () => {
    it('requires If-Match (428), refuses a stale version (412) and applies a current one', async () => {
      const patient = await createPatient(t, caseManager);
      const url = `/api/v1/patients/${patient.id}`;
      await as(caseManager).patch(url, { pronouns: 'they/them' }).expect(428);
      const first = await as(caseManager).patch(url, { pronouns: 'they/them' }, '"1"').expect(200);
      expect(first.headers.etag).toBe('"2"');
      expect(first.body).toMatchObject({ pronouns: 'they/them', version: 2 });
      const stale = await as(caseManager).patch(url, { pronouns: 'she/her' }, '"1"').expect(412);
      expect(stale.headers['content-type']).toMatch(/application\/problem\+json/);
      const [row] = await t.db.query(`SELECT pronouns, version FROM patients WHERE id = $1`, [patient.id]);
      expect(row).toEqual({ pronouns: 'they/them', version: 2 });
    });

    it('lets only one of two concurrent edits of the same version win', async () => {
      const patient = await createPatient(t, caseManager);
      const url = `/api/v1/patients/${patient.id}`;
      const results = await Promise.all([
        as(caseManager).patch(url, { phone: '555-0100' }, '"1"'),
        as(caseManager).patch(url, { phone: '555-0199' }, '"1"'),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
    });
  });

  describe('phase', () => {
    it('moves along allowed transitions, requires a discharge reason, and keeps the history', async () => {
      const patient = await createPatient(t, caseManager);
      const url = `/api/v1/patients/${patient.id}/phase`;
      const bad = await as(caseManager).post(url, { to: 'aftercare', reason: 'skip ahead' }).expect(409);
      expect(bad.body).toMatchObject({ from: 'screening', to: 'aftercare', allowed: ['detox', 'outpatient', 'discharged'] });
      await as(caseManager).post(url, { to: 'discharged', reason: 'moved away' }).expect(400);
      const discharged = await as(caseManager)
        .post(url, { to: 'discharged', reason: 'moved away', dischargeReason: 'administrative' }).expect(200);
      expect(discharged.body).toMatchObject({ phase: 'discharged', dischargeReason: 'administrative' });
      await as(caseManager).post(url, { to: 'screening', reason: 're-referred' }).expect(200);
      const history = await as(caseManager).get(`/api/v1/patients/${patient.id}/phase-history`).expect(200);
      expect(history.body.map((h: { toPhase: string }) => h.toPhase)).toEqual(['screening', 'discharged', 'screening']);
      expect(history.body[1]).toMatchObject({ fromPhase: 'screening', dischargeReason: 'administrative' });
    });
  });

  describe('demographic edits', () => {
    it('clears an optional contact field with null, and refuses blank substances (400) as registration does, changing nothing', async () => {
      const patient = await createPatient(t, caseManager);
      const url = `/api/v1/patients/${patient.id}`;
      const set = await t.as(caseManager).patch(url, { email: 'synthetic.person@example.org', phone: '+1 555 0100' }, '*').expect(200);
      expect(set.body).toMatchObject({ email: 'synthetic.person@example.org', phone: '+1 555 0100' });
      const cleared = await t.as(caseManager).patch(url, { email: null, phone: null }, '*').expect(200);
      expect(cleared.body).toMatchObject({ email: null, phone: null });
      expect(await t.count('patients', 'id = $1 AND email IS NULL AND phone IS NULL', [patient.id])).toBe(1);
      for (const primarySubstances of [[''], ['   ']]) {
        const res = await t.as(caseManager).patch(url, { primarySubstances }, '*').expect(400);
        expect(res.body.errors).toEqual([expect.objectContaining({ field: 'primarySubstances' })]);
      }
      await t.as(caseManager).patch(url, { givenName: null }, '*').expect(400);
      expect(await t.count('patients', `id = $1 AND version = 3`, [patient.id])).toBe(1);
    });
  });

  describe('emergency access', () => {
    it('grants a clinician outside the team 4 hours of access, flagged in the audit trail', async () => {
      const patient = await createPatient(t, caseManager);
      const doctor = await t.createUser('clinician');
      await as(doctor).get(`/api/v1/patients/${patient.id}`).expect(404);
      await as(doctor).post(`/api/v1/patients/${patient.id}/emergency-access`, { reason: 'short' }).expect(400);
      const grant = await as(doctor)
        .post(`/api/v1/patients/${patient.id}/emergency-access`, { reason: 'Patient collapsed in the lobby, team unreachable' })
        .expect(201);
      const hours = (new Date(grant.body.expiresAt).getTime() - new Date(grant.body.grantedAt).getTime()) / 3_600_000;
      expect(hours).toBe(4);
      await as(doctor).get(`/api/v1/patients/${patient.id}`).expect(200);
      const flagged = await t.db.query(
        `SELECT action FROM audit_events WHERE patient_id = $1 AND user_id = $2 AND emergency_access ORDER BY id`,
        [patient.id, doctor.id],
      );
      expect(flagged.map((r: { action: string }) => r.action)).toEqual(['patient.emergency-access', 'patient.read']);
      // The reviewer of the flagged event needs the justification beside it, not only in the grants table.
      const [granted] = await t.db.query(`SELECT details FROM audit_events WHERE action = 'patient.emergency-access' AND resource_id = $1`, [grant.body.id]);
      expect(granted.details).toEqual({ reason: 'Patient collapsed in the lobby, team unreachable', expiresAt: grant.body.expiresAt });
      await t.db.query(`UPDATE emergency_access_grants SET granted_at = now() - interval '5 hours', expires_at = now() - interval '1 hour' WHERE id = $1`, [grant.body.id]);
      await as(doctor).get(`/api/v1/patients/${patient.id}`).expect(404);
    });

    it('refuses emergency access to a clinician already on the care team (409), writing no grant and no flagged event', async () => {
      const patient = await createPatient(t, caseManager);
      const member = await t.createUser('clinician');
      await as(caseManager).post(`/api/v1/patients/${patient.id}/care-team`, { userId: member.id }).expect(201);
      const res = await as(member)
        .post(`/api/v1/patients/${patient.id}/emergency-access`, { reason: 'Patient collapsed in the lobby, team unreachable' })
        .expect(409);
      expect(res.body).toMatchObject({ type: 'https://outpatient-program.example/problems/already-on-care-team', status: 409 });
      expect(await t.count('emergency_access_grants', 'patient_id = $1', [patient.id])).toBe(0);
      expect(await t.count('audit_events', 'patient_id = $1 AND emergency_access', [patient.id])).toBe(0);
    });

    it('does not let emergency access change the phase (a discharge ends care) or record or revoke a consent', async () => {
      const patient = await createPatient(t, caseManager);
      const doctor = await t.createUser('clinician');
      await as(doctor).post(`/api/v1/patients/${patient.id}/emergency-access`, { reason: 'Overdose in the waiting room, team away' }).expect(201);
      const discharge = await as(doctor).post(`/api/v1/patients/${patient.id}/phase`,
        { to: 'discharged', reason: 'recorded in an emergency', dischargeReason: 'deceased' }).expect(403);
      expect(discharge.body.detail).toContain('emergency access does not allow it');
      expect(await t.count('patients', `id = $1 AND phase = 'screening'`, [patient.id])).toBe(1);
      expect(await t.count('patient_phase_changes', 'patient_id = $1', [patient.id])).toBe(1);
      await as(doctor).post(`/api/v1/patients/${patient.id}/consents`, {
        recipient: 'Acme Insurance', recipientKind: 'organisation', purpose: 'payment', informationToDisclose: 'everything',
        signedOn: '2026-01-05', expiresOn: '2027-01-05', coveredExports: ['vitals'],
      }).expect(403);
      expect(await t.count('consents', 'patient_id = $1', [patient.id])).toBe(0);
      expect(await t.count('audit_events', `outcome = 'denied' AND user_id = $1 AND emergency_access AND action IN ('patient.change-phase', 'consent.change')`, [doctor.id])).toBe(2);
    });

    it('does not let emergency access change the care team', async () => {
      const patient = await createPatient(t, caseManager);
      const doctor = await t.createUser('clinician');
      await as(doctor).post(`/api/v1/patients/${patient.id}/emergency-access`, { reason: 'Overdose in the waiting room, team away' }).expect(201);
      await as(doctor).post(`/api/v1/patients/${patient.id}/care-team`, { userId: doctor.id }).expect(403);
      await as(doctor).delete(`/api/v1/patients/${patient.id}/care-team/${caseManager.id}`).expect(403);
      const team = await t.db.query(`SELECT user_id FROM care_team_members WHERE patient_id = $1`, [patient.id]);
      expect(team.map((r: { user_id: string }) => r.user_id)).toEqual([caseManager.id]);
      expect(await t.count('audit_events', `action = 'care-team.change' AND outcome = 'denied' AND user_id = $1 AND emergency_access`, [doctor.id])).toBe(2);
    });

    it('is not available to case managers', async () => {
      const patient = await createPatient(t, caseManager);
      const other = await t.createUser('case_manager');
      await as(other).post(`/api/v1/patients/${patient.id}/emergency-access`, { reason: 'I would like to look at it' }).expect(403);
      expect(await t.count('emergency_access_grants', 'patient_id = $1', [patient.id])).toBe(0);
    });
  });

  describe('consents (42 CFR Part 2)', () => {
    it('records, lists and revokes a consent to disclose', async () => {
      const patient = await createPatient(t, caseManager);
      await addToCareTeam(t, patient.id, clinician);
      const url = `/api/v1/patients/${patient.id}/consents`;
      const consent = {
        recipient: 'Example County Probation Office', recipientKind: 'organisation', purpose: 'court-ordered treatment verification',
        informationToDisclose: 'attendance and completion status', signedOn: '2026-11-01', expiresOn: '2027-11-01',
      };
      await as(caseManager).post(url, { ...consent, expiresOn: '2026-10-01' }).expect(400);
      const created = await as(caseManager).post(url, consent).expect(201);
      expect(created.body).toMatchObject({ ...consent, active: true, revokedAt: null });
      const revoked = await as(clinician)
        .post(`${url}/${created.body.id}/revoke`, { reason: 'patient withdrew consent in writing' }).expect(200);
      expect(revoked.body).toMatchObject({ active: false, revocationReason: 'patient withdrew consent in writing' });
      await as(clinician).post(`${url}/${created.body.id}/revoke`, { reason: 'again' }).expect(409);
      const list = await as(outsider).get(url).expect(404);
      expect(list.body.status).toBe(404);
      expect((await as(caseManager).get(url).expect(200)).body).toHaveLength(1);
    });
  });
});
