import { createTestApp, type TestApp, type TestUser } from './support/test-app';
import { addToCareTeam, createPatient } from './support/factories';

/** A list that shows a patient among others is an access to that patient's record, found wherever the patient's accesses are. */
describe('list reads in a patient\'s access trail', () => {
  let t: TestApp;
  let admin: TestUser;
  let caseManager: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.createUser('admin');
    caseManager = await t.createUser('case_manager');
  });
  afterAll(() => t.close());

  it('lists a patient search that showed the patient in the access report and the audit filter, and not for others', async () => {
    const shown = await createPatient(t, caseManager);
    const other = await createPatient(t, caseManager);
    const reader = await t.createUser('case_manager');
    await addToCareTeam(t, shown.id, reader);
    const list = await t.as(reader).get('/api/v1/patients?limit=50').expect(200);
    expect(list.body.items.map((p: { id: string }) => p.id)).toEqual([shown.id]);

    const report = await t.as(admin).get(`/api/v1/patients/${shown.id}/access-report?limit=100`).expect(200);
    expect(report.body.items).toContainEqual(expect.objectContaining({ userId: reader.id, action: 'patient.search', outcome: 'success' }));
    const filtered = await t.as(admin).get(`/api/v1/audit-events?patientId=${shown.id}&action=patient.search`).expect(200);
    expect(filtered.body.items.map((e: { userId: string }) => e.userId)).toEqual([reader.id]);

    const otherReport = await t.as(admin).get(`/api/v1/patients/${other.id}/access-report?limit=100`).expect(200);
    expect(otherReport.body.items.some((e: { userId: string }) => e.userId === reader.id)).toBe(false);
    await t.as(admin).get(`/api/v1/audit-events?patientId=${other.id}&action=patient.search`).expect(200)
      .then((res) => expect(res.body.total).toBe(0));
  });
});
