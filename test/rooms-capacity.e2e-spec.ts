import { book, booked, createRoom, ny, patientOf } from './support/sessions-fixtures';
import { createGroup, generateMeetings, meetingsOf } from './support/support-groups-fixtures';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';

/** A room's capacity counts everyone in it; it is never cut below what is booked into it from now on. */
describe('rooms: capacity never below the sessions and meetings booked into them', () => {
  let t: TestApp;
  let admin: TestUser;
  let clinician: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.createUser('admin');
    clinician = await t.createUser('clinician');
  });
  afterAll(() => t.close());

  const CAPACITY_REACHED = 'https://outpatient-program.example/problems/capacity-reached';
  const roomRow = async (id: string) =>
    ((await t.db.query(`SELECT capacity, version FROM rooms WHERE id = $1`, [id])) as { capacity: number; version: number }[])[0];
  const resize = (id: string, capacity: number, version: number) =>
    t.as(admin).patch(`/api/v1/rooms/${id}`, { capacity }, `"${version}"`);
  const roomUpdates = (id: string) => t.count('audit_events', `action = 'room.update' AND resource_id = $1`, [id]);

  it('refuses a capacity below a future 2-person session with 409 naming it and the capacity needed, writing nothing', async () => {
    const room = await createRoom(t, admin, 'Resize session room', 4);
    const session = await booked(t, clinician, {
      startsAt: ny('2031-05-05T09:00'), endsAt: ny('2031-05-05T10:00'), roomId: room,
      clinicianIds: [clinician.id], patientIds: [await patientOf(t, clinician)],
    });
    const refused = await resize(room, 1, 1).expect(409);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({
      type: CAPACITY_REACHED, status: 409, roomId: room, capacity: 1, capacityNeeded: 2,
      sessionIds: [session.id], meetingIds: [], groupIds: [],
    });
    expect(refused.body.detail).toMatch(/need 2 places/);
    expect(await roomRow(room)).toEqual({ capacity: 4, version: 1 });
    expect(await roomUpdates(room)).toBe(0);
    // Exactly enough is fine; renaming a crowded room is not a capacity change.
    expect((await resize(room, 2, 1).expect(200)).body).toMatchObject({ capacity: 2, version: 2 });
    await t.as(admin).patch(`/api/v1/rooms/${room}`, { name: 'Resize session room (east)' }, '"2"').expect(200);
  });

  it('does not count cancelled or past sessions', async () => {
    const room = await createRoom(t, admin, 'Resize past room', 6);
    const trio = async (day: string) => booked(t, clinician, {
      kind: 'group', startsAt: ny(`${day}T13:00`), endsAt: ny(`${day}T14:00`), roomId: room, clinicianIds: [clinician.id],
      patientIds: [await patientOf(t, clinician), await patientOf(t, clinician), await patientOf(t, clinician)],
    });
    const cancelled = await trio('2031-06-02');
    await t.as(clinician).post(`/api/v1/sessions/${cancelled.id}/cancel`, { reason: 'room repairs', by: 'program' }).expect(200);
    const past = await trio('2031-06-03');
    await t.db.query(`UPDATE sessions SET starts_at = now() - interval '3 hours', ends_at = now() - interval '2 hours' WHERE id = $1`, [past.id]);
    expect((await resize(room, 1, 1).expect(200)).body).toMatchObject({ capacity: 1 });
  });

  it('refuses moving a session into the future in a room that has since become too small, writing nothing', async () => {
    const room = await createRoom(t, admin, 'Shrunk room', 6);
    const session = await booked(t, clinician, {
      kind: 'group', startsAt: ny('2031-06-10T13:00'), endsAt: ny('2031-06-10T14:00'), roomId: room, clinicianIds: [clinician.id],
      patientIds: [await patientOf(t, clinician), await patientOf(t, clinician)],
    });
    // In the past it no longer counts, so the room can be cut to 2 places; the session still has 3 people.
    await t.db.query(`UPDATE sessions SET starts_at = now() - interval '30 hours', ends_at = now() - interval '29 hours' WHERE id = $1`, [session.id]);
    await resize(room, 2, 1).expect(200);
    const before = await t.db.query(`SELECT starts_at, ends_at, room_id::text, version FROM sessions WHERE id = $1`, [session.id]);
    const moves = () => t.count('audit_events', `action = 'session.reschedule' AND resource_id = $1`, [session.id]);

    const refused = await t.as(clinician).patch(`/api/v1/sessions/${session.id}`).set('If-Match', '"1"')
      .send({ startsAt: ny('2031-06-17T13:00'), endsAt: ny('2031-06-17T14:00') }).expect(409);
    expect(refused.body).toMatchObject({ type: CAPACITY_REACHED, roomId: room, capacity: 2, people: 3 });
    expect(await t.db.query(`SELECT starts_at, ends_at, room_id::text, version FROM sessions WHERE id = $1`, [session.id])).toEqual(before);
    expect(await moves()).toBe(0);

    // Once the room holds them again, the same move goes through.
    await resize(room, 3, 2).expect(200);
    await t.as(clinician).patch(`/api/v1/sessions/${session.id}`).set('If-Match', '"1"')
      .send({ startsAt: ny('2031-06-17T13:00'), endsAt: ny('2031-06-17T14:00') }).expect(200);
    expect(await moves()).toBe(2); // one per patient
  });

  it("counts a support group's seats and facilitators, for its booked meetings and the group itself", async () => {
    const room = await createRoom(t, admin, 'Resize group room', 10);
    const facilitator = await t.createUser('case_manager');
    const group = await createGroup(t, clinician, [facilitator.id], {
      capacity: 5, roomId: room, videoUrl: undefined,
      schedule: { weekdays: ['FR'], startTime: '15:00', endTime: '16:00', firstDate: '2033-09-02', lastDate: '2033-09-09' },
    });
    const withoutMeetings = await resize(room, 5, 1).expect(409);
    expect(withoutMeetings.body).toMatchObject({ capacityNeeded: 6, sessionIds: [], meetingIds: [], groupIds: [group.id] });
    await generateMeetings(t, '2033-08-30T00:00:00Z');
    const meetings = (await meetingsOf(t, group.id)).map((m) => m.id).sort();
    expect(meetings).toHaveLength(2);
    const refused = await resize(room, 4, 1).expect(409);
    expect(refused.body).toMatchObject({ capacityNeeded: 6, sessionIds: [], meetingIds: meetings, groupIds: [group.id] });
    expect(await roomRow(room)).toEqual({ capacity: 10, version: 1 });
    await resize(room, 6, 1).expect(200);
    // Archived, the group and its cancelled meetings no longer hold the room.
    await t.as(clinician).patch(`/api/v1/support-groups/${group.id}`, { status: 'archived' }, `"${group.version}"`).expect(200);
    await resize(room, 1, 2).expect(200);
  });

  it('a booking waits for a capacity change under way and is then refused by the new capacity (room row lock)', async () => {
    const room = await createRoom(t, admin, 'Resize race room', 4);
    const patients = [await patientOf(t, clinician), await patientOf(t, clinician)];
    const change = t.db.createQueryRunner();
    await change.connect();
    try {
      // What PATCH /rooms does: lock the room, then change its capacity.
      await change.startTransaction();
      await change.query(`SELECT 1 FROM rooms WHERE id = $1 FOR NO KEY UPDATE`, [room]);
      let settled = false;
      const booking = book(t, clinician, {
        kind: 'group', startsAt: ny('2031-07-07T09:00'), endsAt: ny('2031-07-07T10:00'), roomId: room,
        clinicianIds: [clinician.id], patientIds: patients,
      }).then((res) => {
        settled = true;
        return res;
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(settled).toBe(false);
      await change.query(`UPDATE rooms SET capacity = 2, version = version + 1 WHERE id = $1`, [room]);
      await change.commitTransaction();
      const res = await booking;
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ type: CAPACITY_REACHED, roomId: room, capacity: 2, people: 3 });
      expect(await t.count('sessions', `room_id = $1`, [room])).toBe(0);
    } finally {
      if (change.isTransactionActive) await change.rollbackTransaction();
      await change.release();
    }
  });

  it('a capacity change waits for a booking under way and then counts it', async () => {
    const room = await createRoom(t, admin, 'Resize race room 2', 4);
    const patients = [await patientOf(t, clinician), await patientOf(t, clinician)];
    const booking = t.db.createQueryRunner();
    await booking.connect();
    try {
      // What a booking does: lock the room FOR SHARE while checking its capacity, then write the session.
      await booking.startTransaction();
      await booking.query(`SELECT capacity FROM rooms WHERE id = $1 FOR SHARE`, [room]);
      const [session] = (await booking.query(
        `INSERT INTO sessions (kind, starts_at, ends_at, room_id, created_by) VALUES ('group', $1, $2, $3, $4) RETURNING id::text`,
        [ny('2031-08-04T09:00'), ny('2031-08-04T10:00'), room, clinician.id],
      )) as { id: string }[];
      await booking.query(`INSERT INTO session_clinicians (session_id, clinician_id) VALUES ($1, $2)`, [session?.id, clinician.id]);
      await booking.query(`INSERT INTO session_patients (session_id, patient_id) SELECT $1, unnest($2::uuid[])`, [session?.id, patients]);
      let settled = false;
      const resizing = resize(room, 2, 1).then((res) => {
        settled = true;
        return res;
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(settled).toBe(false);
      await booking.commitTransaction();
      const res = await resizing;
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ type: CAPACITY_REACHED, capacityNeeded: 3, sessionIds: [session?.id] });
      expect(await roomRow(room)).toEqual({ capacity: 4, version: 1 });
    } finally {
      if (booking.isTransactionActive) await booking.rollbackTransaction();
      await booking.release();
    }
  });
});
