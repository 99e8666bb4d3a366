import { createTestApp, type TestApp, type TestUser } from './support/test-app';
import { book, booked, createRoom, ny, patientOf } from './support/sessions-fixtures';

/**
 * The calendar's JSON is built by PostgreSQL; each session in it must be
 * exactly what GET /sessions/{id} answers for the same reader, and the
 * cancel reason only for a reader who sees every patient of the session.
 */
describe('sessions: the calendar answer', () => {
  let t: TestApp;
  let first: TestUser;
  let second: TestUser;
  let seriesIds: string[];
  let cancelledId: string;
  const reason = 'Ward "B" \\ closed\nüber-cold — 🌨';
  const june = { from: ny('2031-06-01T00:00'), to: ny('2031-07-01T00:00') };

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await t.createUser('admin');
    first = await t.createUser('clinician');
    second = await t.createUser('clinician');
    const room = await createRoom(t, admin, 'Calendar answer room');
    const own = await patientOf(t, first);
    const othersPatient = await patientOf(t, second);
    const series = await book(t, first, {
      startsAt: ny('2031-06-02T09:00'), endsAt: ny('2031-06-02T09:50'), roomId: room,
      clinicianIds: [first.id], patientIds: [own], recurrence: { weekdays: ['MO'], count: 2 },
    }).expect(201);
    seriesIds = series.body.sessions.map((s: { id: string }) => s.id);
    // Co-led by both clinicians for the second one's patient, then cancelled with a reason in free text.
    cancelledId = (await booked(t, second, {
      startsAt: ny('2031-06-04T14:00'), endsAt: ny('2031-06-04T15:00'), clinicianIds: [first.id, second.id], patientIds: [othersPatient],
    })).id;
    await t.as(second).post(`/api/v1/sessions/${cancelledId}/cancel`).send({ reason, by: 'program' }).expect(200);
  });
  afterAll(() => t.close());

  const sessionAs = async (user: TestUser, id: string) => (await t.as(user).get(`/api/v1/sessions/${id}`).expect(200)).body;

  it("lists each session exactly as GET /sessions/{id} answers it, the cancel reason only where the reader sees everyone", async () => {
    const mine = await t.as(first).get('/api/v1/sessions').query({ clinicianId: first.id, ...june }).expect(200);
    expect(mine.headers['content-type']).toBe('application/json; charset=utf-8');
    const [firstWeek, secondWeek] = seriesIds as [string, string];
    expect(mine.body).toEqual({
      items: [await sessionAs(first, firstWeek), await sessionAs(first, cancelledId), await sessionAs(first, secondWeek)],
      total: 3, limit: expect.any(Number), offset: 0,
    });
    const hidden = mine.body.items[1];
    expect(hidden).toMatchObject({ status: 'cancelled', cancelledBy: 'program', patientIds: [], patientCount: 1 });
    expect(hidden).not.toHaveProperty('cancelReason');
    expect(mine.text).not.toContain('Ward');
    expect(mine.body.items[0]).toMatchObject({ roomName: 'Calendar answer room', seriesId: expect.any(String), cancelledAt: null });

    const theirs = await t.as(second).get('/api/v1/sessions').query({ clinicianId: second.id, ...june }).expect(200);
    expect(theirs.body.items).toEqual([await sessionAs(second, cancelledId)]);
    expect(theirs.body.items[0]).toMatchObject({ cancelReason: reason, clinicianIds: [first.id, second.id].sort() });
  });

  it('pages with limit and offset as numbers and counts the whole range, an empty page included', async () => {
    const page = await t.as(first).get('/api/v1/sessions').query({ clinicianId: first.id, ...june, limit: 1, offset: 1 }).expect(200);
    expect(page.body).toEqual({ items: [await sessionAs(first, cancelledId)], total: 3, limit: 1, offset: 1 });
    const past = await t.as(first).get('/api/v1/sessions').query({ clinicianId: first.id, ...june, offset: 9 }).expect(200);
    expect(past.body).toEqual({ items: [], total: 3, limit: expect.any(Number), offset: 9 });
    const none = await t.as(first).get('/api/v1/sessions')
      .query({ clinicianId: first.id, from: ny('2031-08-01T00:00'), to: ny('2031-08-02T00:00') }).expect(200);
    expect(none.body).toEqual({ items: [], total: 0, limit: expect.any(Number), offset: 0 });
  });
});
