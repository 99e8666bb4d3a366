import { createTestApp, type TestApp, type TestUser } from './support/test-app';
import { booked, ny, patientOf } from './support/sessions-fixtures';

/** The audit event a calendar read writes in the same statement as the read: what it names, and what it does not. */
describe('sessions: the audit of a calendar page', () => {
  let t: TestApp;
  let first: TestUser;
  let second: TestUser;
  let ownA: string;
  let ownB: string;
  let othersPatient: string;
  let groupId: string;
  let individualId: string;
  let sharedId: string;

  interface ListEvent { user_id: string; patient_id: string | null; outcome: string; details: Record<string, unknown> }
  const listEvents = async (userId: string) => (await t.db.query(
    `SELECT user_id::text, patient_id::text, outcome, details FROM audit_events
     WHERE action = 'session.list' AND user_id = $1 ORDER BY id`,
    [userId],
  )) as ListEvent[];

  beforeAll(async () => {
    t = await createTestApp();
    first = await t.createUser('clinician');
    second = await t.createUser('clinician');
    ownA = await patientOf(t, first);
    ownB = await patientOf(t, first);
    othersPatient = await patientOf(t, second);
    groupId = (await booked(t, first, {
      kind: 'group', startsAt: ny('2031-05-06T18:00'), endsAt: ny('2031-05-06T19:00'),
      clinicianIds: [first.id], patientIds: [ownB, ownA],
    })).id;
    individualId = (await booked(t, first, {
      startsAt: ny('2031-05-08T10:00'), endsAt: ny('2031-05-08T11:00'), clinicianIds: [first.id], patientIds: [ownA],
    })).id;
    // Co-led with the first clinician, for a patient only the second one may see.
    sharedId = (await booked(t, second, {
      startsAt: ny('2031-05-07T09:00'), endsAt: ny('2031-05-07T10:00'), clinicianIds: [first.id, second.id], patientIds: [othersPatient],
    })).id;
  });
  afterAll(() => t.close());

  const may = { from: ny('2031-05-01T00:00'), to: ny('2031-06-01T00:00') };

  it("names the page's sessions in page order and each patient the reader sees once, never a hidden one", async () => {
    const res = await t.as(first).get('/api/v1/sessions').query({ clinicianId: first.id, ...may }).expect(200);
    expect(res.body.items.map((s: { id: string }) => s.id)).toEqual([groupId, sharedId, individualId]);
    expect(res.body.total).toBe(3);
    expect(res.body.items[1]).toMatchObject({ patientIds: [], patientCount: 1 });

    const events = await listEvents(first.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toEqual({
      user_id: first.id, patient_id: null, outcome: 'success',
      // The group lists its visible patients sorted by id, so they appear first in that order.
      details: { sessionIds: [groupId, sharedId, individualId], patientIds: [ownA, ownB].sort() },
    });
    expect(JSON.stringify(events[0]?.details)).not.toContain(othersPatient);
  });

  it("audits a patient-filtered page as that patient's event, naming only the sessions", async () => {
    const res = await t.as(first).get('/api/v1/sessions').query({ patientId: ownA, ...may }).expect(200);
    expect(res.body.items.map((s: { id: string }) => s.id)).toEqual([groupId, individualId]);
    const events = await listEvents(first.id);
    expect(events).toHaveLength(2);
    expect(events[1]).toEqual({
      user_id: first.id, patient_id: ownA, outcome: 'success', details: { sessionIds: [groupId, individualId] },
    });
  });

  it('audits an empty page (past the end) with no sessions and still counts the total', async () => {
    const res = await t.as(first).get('/api/v1/sessions').query({ clinicianId: first.id, ...may, offset: 5 }).expect(200);
    expect(res.body).toMatchObject({ items: [], total: 3, offset: 5 });
    const events = await listEvents(first.id);
    expect(events).toHaveLength(3);
    expect(events[2]?.details).toEqual({ sessionIds: [], patientIds: [] });
  });

  it("writes no calendar event for a patient the reader may not see", async () => {
    const res = await t.as(first).get('/api/v1/sessions').query({ patientId: othersPatient, ...may });
    expect([403, 404]).toContain(res.status);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(await listEvents(first.id)).toHaveLength(3);
  });
});
