import { PLAN, planUrl, today } from './support/aftercare-fixtures';
import { createPatient } from './support/factories';
import { createGroup } from './support/support-groups-fixtures';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

/**
 * If-Match on conditional writes follows RFC 9110 §13.1.1: strong comparison (a weak tag never matches), a list
 * matches when any listed tag is the current one, and `*` matches any current version. Without it: 428.
 */
describe('If-Match', () => {
  let t: TestApp;
  let caseManager: TestUser;
  let clinician: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    caseManager = await t.createUser('case_manager');
    clinician = await t.createUser('clinician');
    admin = await t.createUser('admin');
  });
  afterAll(() => t.close());

  const expectStale = (res: Answer) => {
    expect(res.status).toBe(412);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: 'https://outpatient-program.example/problems/stale-version', status: 412 });
  };
  const patientRow = async (id: string) =>
    ((await t.db.query(`SELECT pronouns, version FROM patients WHERE id = $1`, [id])) as { pronouns: string | null; version: number }[])[0];
  const patientUpdates = (id: string) => t.count('audit_events', `action = 'patient.update' AND patient_id = $1`, [id]);

  describe('a patient edit', () => {
    it('refuses a weak tag even when its version is current (412) and changes nothing', async () => {
      const patient = await createPatient(t, caseManager);
      const url = `/api/v1/patients/${patient.id}`;
      for (const weak of ['W/"1"', 'W/"1", W/"2"']) {
        expectStale(await t.as(caseManager).patch(url, { pronouns: 'they/them' }, weak));
      }
      expect(await patientRow(patient.id)).toEqual({ pronouns: null, version: 1 });
      expect(await patientUpdates(patient.id)).toBe(0);
    });

    it('applies an edit when any strong tag of a list is the current one', async () => {
      const patient = await createPatient(t, caseManager);
      const url = `/api/v1/patients/${patient.id}`;
      const first = await t.as(caseManager).patch(url, { pronouns: 'they/them' }, '"7", "1"').expect(200);
      expect(first.headers.etag).toBe('"2"');
      expect(first.body).toMatchObject({ pronouns: 'they/them', version: 2 });
      // Compact list syntax, empty elements ignored.
      await t.as(caseManager).patch(url, { pronouns: 'she/her' }, '"1",,"2"').expect(200);
      expect(await patientRow(patient.id)).toEqual({ pronouns: 'she/her', version: 3 });
    });

    it('refuses a list whose only current tag is weak, or that holds no current tag, and changes nothing', async () => {
      const patient = await createPatient(t, caseManager);
      const url = `/api/v1/patients/${patient.id}`;
      expectStale(await t.as(caseManager).patch(url, { pronouns: 'they/them' }, '"2", W/"1"'));
      expectStale(await t.as(caseManager).patch(url, { pronouns: 'they/them' }, '"2", "3"'));
      expectStale(await t.as(caseManager).patch(url, { pronouns: 'they/them' }, '"1" "2"'));
      expect(await patientRow(patient.id)).toEqual({ pronouns: null, version: 1 });
      expect(await patientUpdates(patient.id)).toBe(0);
    });

    it('applies an edit with If-Match: * whatever the current version', async () => {
      const patient = await createPatient(t, caseManager);
      const url = `/api/v1/patients/${patient.id}`;
      await t.as(caseManager).patch(url, { pronouns: 'they/them' }, '"1"').expect(200);
      const res = await t.as(caseManager).patch(url, { pronouns: 'she/her' }, '*').expect(200);
      expect(res.headers.etag).toBe('"3"');
      expect(await patientRow(patient.id)).toEqual({ pronouns: 'she/her', version: 3 });
    });

    it('still requires If-Match (428) and writes nothing without it', async () => {
      const patient = await createPatient(t, caseManager);
      const res = await t.as(caseManager).patch(`/api/v1/patients/${patient.id}`, { pronouns: 'they/them' });
      expect(res.status).toBe(428);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(await patientRow(patient.id)).toEqual({ pronouns: null, version: 1 });
    });
  });

  describe('other conditional edits follow the same rules', () => {
    it('edits a room with a list or *, never with a weak tag', async () => {
      const room = await t.as(admin).post('/api/v1/rooms').send({ name: 'Room If-Match', capacity: 8 }).expect(201);
      const url = `/api/v1/rooms/${room.body.id}`;
      expectStale(await t.as(admin).patch(url, { capacity: 9 }, 'W/"1"'));
      expect(await t.count('rooms', 'id = $1 AND capacity = 8 AND version = 1', [room.body.id])).toBe(1);
      await t.as(admin).patch(url, { capacity: 9 }, '"5", "1"').expect(200);
      await t.as(admin).patch(url, { capacity: 10 }, '*').expect(200);
      expect(await t.count('rooms', 'id = $1 AND capacity = 10 AND version = 3', [room.body.id])).toBe(1);
    });

    it('opts an aftercare plan out with a list, never with a weak tag', async () => {
      const patient = await createPatient(t, caseManager);
      await t.db.query(`UPDATE patients SET phase = 'aftercare' WHERE id = $1`, [patient.id]);
      const url = planUrl(patient.id);
      const plan = await t.as(caseManager).post(url, { ...PLAN, startDate: today() }).expect(201);
      const version = plan.body.version as number;
      expectStale(await t.as(caseManager).post(`${url}/opt-out`).set('If-Match', `W/"${version}"`));
      expect(await t.count('aftercare_plans', 'patient_id = $1 AND version = $2 AND opted_out_on IS NULL', [patient.id, version])).toBe(1);
      await t.as(caseManager).post(`${url}/opt-out`).set('If-Match', `"${version + 5}", "${version}"`).expect(200);
      expect(await t.count('aftercare_plans', 'patient_id = $1 AND opted_out_on IS NOT NULL', [patient.id])).toBe(1);
    });

    it('edits a support group with a list, never with a weak tag', async () => {
      const group = await createGroup(t, clinician, [clinician.id]);
      const url = `/api/v1/support-groups/${group.id}`;
      expectStale(await t.as(clinician).patch(url, { capacity: 9 }, `W/"${group.version}"`));
      expect(await t.count('support_groups', 'id = $1 AND capacity = 8 AND version = $2', [group.id, group.version])).toBe(1);
      await t.as(clinician).patch(url, { capacity: 9 }, `"${group.version + 5}", "${group.version}"`).expect(200);
      expect(await t.count('support_groups', 'id = $1 AND capacity = 9', [group.id])).toBe(1);
    });
  });
});
