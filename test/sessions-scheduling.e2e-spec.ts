import { createTestApp, type TestApp, type TestUser } from './support/test-app';
import { book, booked, createRoom, localOf, ny, patientOf } from './support/sessions-fixtures';
import { createGroup, generateMeetings, meetingsOf } from './support/support-groups-fixtures';

describe('sessions: scheduling without double booking', () => {
  let t: TestApp;
  let admin: TestUser;
  let clinician: TestUser;
  let caseManager: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.createUser('admin');
    clinician = await t.createUser('clinician');
    caseManager = await t.createUser('case_manager');
  });
  afterAll(() => t.close());

  const counts = async () => ({
    sessions: await t.count('sessions'),
    clinicians: await t.count('session_clinicians'),
    patients: await t.count('session_patients'),
    series: await t.count('session_series'),
  });

  it("refuses to book a patient into a session during a meeting of their support group (409 naming the meeting), writing nothing", async () => {
    const facilitator = await t.createUser('clinician');
    const patient = await patientOf(t, clinician);
    const group = await createGroup(t, facilitator, [facilitator.id], {
      schedule: { weekdays: ['TU'], startTime: '18:00', endTime: '19:30', firstDate: '2030-01-08', lastDate: '2030-01-29' },
      videoUrl: 'https://video.example.org/group-room',
    });
    await generateMeetings(t, '2030-01-01T12:00:00Z');
    const [meeting] = await meetingsOf(t, group.id);
    expect(localOf(meeting?.starts_at as Date)).toBe('2030-01-08 Tue 18:00');
    await t.as(clinician).post(`/api/v1/support-groups/${group.id}/members`, { patientId: patient }).expect(201);
    const before = await counts();
    const res = await book(t, clinician, {
      startsAt: ny('2030-01-08T19:00'), endsAt: ny('2030-01-08T20:00'), clinicianIds: [clinician.id], patientIds: [patient],
    }).expect(409);
    expect(res.body).toMatchObject({
      type: 'https://outpatient-program.example/problems/slot-taken',
      conflicts: [{ meetingId: meeting?.id, resource: 'patient', resourceId: patient }],
    });
    expect(await counts()).toEqual(before);
    // Right after the meeting is free; moving that session into the meeting is refused the same way.
    const after = await booked(t, clinician, {
      startsAt: ny('2030-01-08T19:30'), endsAt: ny('2030-01-08T20:30'), clinicianIds: [clinician.id], patientIds: [patient],
    });
    const moved = await t.as(clinician).patch(`/api/v1/sessions/${after.id}`).set('If-Match', '"1"')
      .send({ startsAt: ny('2030-01-08T19:00'), endsAt: ny('2030-01-08T20:00') }).expect(409);
    expect(moved.body.conflicts).toEqual([{ meetingId: meeting?.id, resource: 'patient', resourceId: patient }]);
    expect(await t.count('sessions', `id = $1 AND version = 1 AND starts_at = $2`, [after.id, ny('2030-01-08T19:30')])).toBe(1);
    // A patient who is not in the group is never held up by it.
    const other = await patientOf(t, clinician);
    await book(t, clinician, {
      startsAt: ny('2030-01-15T18:00'), endsAt: ny('2030-01-15T19:00'), clinicianIds: [clinician.id], patientIds: [other],
    }).expect(201);
  });

  it('books a session: the bookings carry its half-open period and the write is audited', async () => {
    const patient = await patientOf(t, clinician);
    const room = await createRoom(t, admin, 'Room booking-1', 4);
    const res = await book(t, clinician, {
      startsAt: ny('2030-01-07T09:00'), endsAt: ny('2030-01-07T10:00'), roomId: room,
      clinicianIds: [clinician.id], patientIds: [patient],
    }).expect(201);
    expect(res.body).toEqual({
      seriesId: null,
      sessions: [
        expect.objectContaining({
          kind: 'individual', startsAt: '2030-01-07T14:00:00.000Z', endsAt: '2030-01-07T15:00:00.000Z',
          roomId: room, roomName: 'Room booking-1', status: 'scheduled', clinicianIds: [clinician.id],
          patientIds: [patient], patientCount: 1, version: 1, cancelledBy: null,
        }),
      ],
    });
    const id = res.body.sessions[0].id;
    const rows = await t.db.query(
      `SELECT c.period::text AS cp, c.active AS ca, p.period::text AS pp, p.active AS pa FROM session_clinicians c
       JOIN session_patients p ON p.session_id = c.session_id WHERE c.session_id = $1`,
      [id],
    );
    expect(rows).toEqual([{
      cp: '["2030-01-07 14:00:00+00","2030-01-07 15:00:00+00")', ca: true,
      pp: '["2030-01-07 14:00:00+00","2030-01-07 15:00:00+00")', pa: true,
    }]);
    expect(await t.count('audit_events', `action = 'session.create' AND patient_id = $1 AND resource_id = $2`, [patient, id])).toBe(1);
  });

  it('refuses to book a clinician twice at overlapping times (409 naming the session and clinician), writing nothing', async () => {
    const [p1, p2] = [await patientOf(t, clinician), await patientOf(t, clinician)];
    const first = await booked(t, clinician, {
      startsAt: ny('2030-01-08T09:00'), endsAt: ny('2030-01-08T10:00'), clinicianIds: [clinician.id], patientIds: [p1],
    });
    const before = await counts();
    const res = await book(t, clinician, {
      startsAt: ny('2030-01-08T09:30'), endsAt: ny('2030-01-08T10:30'), clinicianIds: [clinician.id], patientIds: [p2],
    }).expect(409);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({
      type: 'https://outpatient-program.example/problems/slot-taken',
      status: 409,
      conflicts: [{ sessionId: first.id, resource: 'clinician', resourceId: clinician.id }],
    });
    expect(await counts()).toEqual(before);
  });

  it('refuses to book a room twice at overlapping times', async () => {
    const other = await t.createUser('clinician');
    const [p1, p2] = [await patientOf(t, clinician), await patientOf(t, other)];
    const room = await createRoom(t, admin, 'Room conflict', 4);
    const first = await booked(t, clinician, {
      startsAt: ny('2030-01-09T09:00'), endsAt: ny('2030-01-09T10:00'), roomId: room, clinicianIds: [clinician.id], patientIds: [p1],
    });
    const before = await counts();
    const res = await book(t, other, {
      startsAt: ny('2030-01-09T08:30'), endsAt: ny('2030-01-09T09:15'), roomId: room, clinicianIds: [other.id], patientIds: [p2],
    }).expect(409);
    expect(res.body.conflicts).toEqual([{ sessionId: first.id, resource: 'room', resourceId: room }]);
    expect(await counts()).toEqual(before);
  });

  it('refuses to book a patient twice at overlapping times', async () => {
    const other = await t.createUser('clinician');
    const patient = await patientOf(t, clinician);
    const first = await booked(t, clinician, {
      startsAt: ny('2030-01-10T09:00'), endsAt: ny('2030-01-10T10:00'), clinicianIds: [clinician.id], patientIds: [patient],
    });
    const before = await counts();
    const res = await book(t, clinician, {
      kind: 'medication_management',
      startsAt: ny('2030-01-10T09:59'), endsAt: ny('2030-01-10T10:30'), clinicianIds: [other.id], patientIds: [patient],
    }).expect(409);
    expect(res.body.conflicts).toEqual([{ sessionId: first.id, resource: 'patient', resourceId: patient }]);
    expect(await counts()).toEqual(before);
  });

  it('names every colliding resource at once', async () => {
    const patient = await patientOf(t, clinician);
    const room = await createRoom(t, admin, 'Room all', 4);
    const first = await booked(t, clinician, {
      startsAt: ny('2030-01-11T09:00'), endsAt: ny('2030-01-11T10:00'), roomId: room, clinicianIds: [clinician.id], patientIds: [patient],
    });
    const res = await book(t, clinician, {
      startsAt: ny('2030-01-11T09:00'), endsAt: ny('2030-01-11T10:00'), roomId: room, clinicianIds: [clinician.id], patientIds: [patient],
    }).expect(409);
    expect(res.body.conflicts).toEqual([
      { sessionId: first.id, resource: 'clinician', resourceId: clinician.id },
      { sessionId: first.id, resource: 'patient', resourceId: patient },
      { sessionId: first.id, resource: 'room', resourceId: room },
    ]);
  });

  it('allows back-to-back sessions of the same clinician, room and patient (half-open intervals)', async () => {
    const patient = await patientOf(t, clinician);
    const room = await createRoom(t, admin, 'Room back-to-back', 4);
    const input = { roomId: room, clinicianIds: [clinician.id], patientIds: [patient] };
    await booked(t, clinician, { ...input, startsAt: ny('2030-01-14T09:00'), endsAt: ny('2030-01-14T10:00') });
    await booked(t, clinician, { ...input, startsAt: ny('2030-01-14T10:00'), endsAt: ny('2030-01-14T11:00') });
    await booked(t, clinician, { ...input, startsAt: ny('2030-01-14T08:00'), endsAt: ny('2030-01-14T09:00') });
    expect(await t.count('sessions', `room_id = $1`, [room])).toBe(3);
  });

  it('lets exactly one of 20 simultaneous requests for the same slot win; the other 19 get 409', async () => {
    const clinicians = await Promise.all(Array.from({ length: 20 }, () => t.createUser('clinician')));
    const patients: string[] = [];
    for (const c of clinicians) patients.push(await patientOf(t, c));
    const room = await createRoom(t, admin, 'Room contested', 4);
    // Different clinicians and patients, one room: only the room can collide.
    const responses = await Promise.all(
      clinicians.map((c, i) =>
        book(t, c, {
          startsAt: ny('2030-02-04T13:00'), endsAt: ny('2030-02-04T14:00'), roomId: room,
          clinicianIds: [c.id], patientIds: [patients[i] as string],
        }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array<number>(19).fill(409)]);
    const winner = responses.find((r) => r.status === 201)?.body.sessions[0].id;
    for (const r of responses.filter((x) => x.status === 409)) {
      expect(r.body.conflicts).toEqual([{ sessionId: winner, resource: 'room', resourceId: room }]);
    }
    expect(await t.count('sessions', `room_id = $1`, [room])).toBe(1);
    expect(await t.count('session_clinicians', `session_id = $1`, [winner])).toBe(1);
    expect(await t.count('session_patients', `session_id IN (SELECT id FROM sessions WHERE room_id = $1)`, [room])).toBe(1);
  });

  it('is enforced by the database itself: a booking written past the application is refused too', async () => {
    const c = await t.createUser('clinician');
    const [p1, p2] = [await patientOf(t, c), await patientOf(t, c)];
    const room = await createRoom(t, admin, 'Room raw', 4);
    await booked(t, c, {
      startsAt: ny('2030-02-05T13:00'), endsAt: ny('2030-02-05T14:00'), roomId: room, clinicianIds: [c.id], patientIds: [p1],
    });
    const [raw] = await t.db.query(
      `INSERT INTO sessions (kind, starts_at, ends_at, created_by) VALUES ('individual', $1, $2, $3) RETURNING id`,
      [ny('2030-02-05T13:30'), ny('2030-02-05T14:30'), c.id],
    );
    await expect(t.db.query(`INSERT INTO session_clinicians (session_id, clinician_id) VALUES ($1, $2)`, [raw.id, c.id]))
      .rejects.toThrow(/staff_bookings_no_overlap/);
    await expect(t.db.query(`INSERT INTO session_patients (session_id, patient_id) VALUES ($1, $2)`, [raw.id, p1]))
      .rejects.toThrow(/session_patients_no_overlap/);
    await expect(t.db.query(`UPDATE sessions SET room_id = $2 WHERE id = $1`, [raw.id, room]))
      .rejects.toThrow(/room_bookings_no_overlap/);
    // A booking's period cannot be faked: the trigger copies it from the session.
    await t.db.query(
      `INSERT INTO session_patients (session_id, patient_id, period, active) VALUES ($1, $2, '[2000-01-01,2000-01-02)', false)`,
      [raw.id, p2],
    );
    const [row] = await t.db.query(`SELECT period::text, active FROM session_patients WHERE session_id = $1`, [raw.id]);
    expect(row).toEqual({ period: '["2030-02-05 18:30:00+00","2030-02-05 19:30:00+00")', active: true });
  });

  describe('weekly series', () => {
    it('keeps an 18:00 group at 18:00 local across the November DST change', async () => {
      const patients = [await patientOf(t, clinician), await patientOf(t, clinician)];
      const res = await book(t, clinician, {
        kind: 'group', startsAt: ny('2030-10-23T18:00'), endsAt: ny('2030-10-23T19:30'),
        clinicianIds: [clinician.id], patientIds: patients, recurrence: { weekdays: ['WE'], count: 3 },
      }).expect(201);
      expect(res.body.seriesId).toEqual(expect.any(String));
      const sessions = res.body.sessions as { startsAt: string; endsAt: string; seriesId: string }[];
      expect(sessions.map((s) => localOf(s.startsAt))).toEqual(['2030-10-23 Wed 18:00', '2030-10-30 Wed 18:00', '2030-11-06 Wed 18:00']);
      expect(sessions.map((s) => s.startsAt)).toEqual(['2030-10-23T22:00:00.000Z', '2030-10-30T22:00:00.000Z', '2030-11-06T23:00:00.000Z']);
      expect(new Set(sessions.map((s) => s.seriesId))).toEqual(new Set([res.body.seriesId]));
      expect(await t.count('sessions', `series_id = $1`, [res.body.seriesId])).toBe(3);
      expect(await t.count('session_patients', `session_id IN (SELECT id FROM sessions WHERE series_id = $1)`, [res.body.seriesId])).toBe(6);
    });

    it('books every occurrence or none: one collision in week 3 refuses the whole series', async () => {
      const c = await t.createUser('clinician');
      const [p1, p2] = [await patientOf(t, c), await patientOf(t, c)];
      const blocker = await booked(t, c, {
        startsAt: ny('2030-03-20T10:30'), endsAt: ny('2030-03-20T11:30'), clinicianIds: [c.id], patientIds: [p2],
      });
      const before = await counts();
      const res = await book(t, c, {
        startsAt: ny('2030-03-06T10:00'), endsAt: ny('2030-03-06T11:00'), clinicianIds: [c.id], patientIds: [p1],
        recurrence: { weekdays: ['WE'], count: 4 },
      }).expect(409);
      expect(res.body.conflicts).toEqual([{ sessionId: blocker.id, resource: 'clinician', resourceId: c.id }]);
      expect(await counts()).toEqual(before);
    });

    it('refuses an until that would give more than 200 occurrences instead of truncating it', async () => {
      const patient = await patientOf(t, clinician);
      const before = await counts();
      const res = await book(t, clinician, {
        startsAt: ny('2031-01-06T09:00'), endsAt: ny('2031-01-06T09:30'), clinicianIds: [clinician.id], patientIds: [patient],
        recurrence: { weekdays: ['MO', 'TU', 'WE', 'TH', 'FR'], until: ny('2032-12-31T00:00') },
      }).expect(400);
      expect(res.body.errors).toEqual([
        { field: 'recurrence.until', message: 'gives more than 200 occurrences; choose an earlier until' },
      ]);
      expect(await counts()).toEqual(before);
    });

    it('refuses a recurrence that lists a weekday twice, and writes nothing', async () => {
      const patient = await patientOf(t, clinician);
      const before = await counts();
      const res = await book(t, clinician, {
        startsAt: ny('2031-01-06T09:00'), endsAt: ny('2031-01-06T09:30'), clinicianIds: [clinician.id], patientIds: [patient],
        recurrence: { weekdays: ['MO', 'MO', 'TH'], count: 4 },
      }).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors).toEqual([{ field: 'recurrence.weekdays', message: 'weekdays must not list a day twice' }]);
      expect(await counts()).toEqual(before);
    });

    it('books a series until a date, inclusive', async () => {
      const patient = await patientOf(t, clinician);
      const res = await book(t, clinician, {
        startsAt: ny('2031-02-03T09:00'), endsAt: ny('2031-02-03T09:30'), clinicianIds: [clinician.id], patientIds: [patient],
        recurrence: { weekdays: ['MO', 'TH'], until: ny('2031-02-13T09:00') },
      }).expect(201);
      expect(res.body.sessions.map((s: { startsAt: string }) => localOf(s.startsAt))).toEqual([
        '2031-02-03 Mon 09:00', '2031-02-06 Thu 09:00', '2031-02-10 Mon 09:00', '2031-02-13 Thu 09:00',
      ]);
    });
  });

  describe('cancel and reschedule', () => {
    it('frees a cancelled slot so it can be booked again', async () => {
      const c = await t.createUser('clinician');
      const [p1, p2] = [await patientOf(t, c), await patientOf(t, c)];
      const room = await createRoom(t, admin, 'Room rebook', 4);
      const slot = { startsAt: ny('2030-04-01T09:00'), endsAt: ny('2030-04-01T10:00'), roomId: room, clinicianIds: [c.id] };
      const first = await booked(t, c, { ...slot, patientIds: [p1] });
      await book(t, c, { ...slot, patientIds: [p2] }).expect(409);
      const cancelled = await t.as(c).post(`/api/v1/sessions/${first.id}/cancel`)
        .send({ reason: 'clinician unavailable', by: 'program' }).expect(200);
      expect(cancelled.body.session).toMatchObject({ status: 'cancelled', cancelledBy: 'program', version: 2 });
      expect(cancelled.body.affectedSessionIds).toEqual([first.id]);
      expect(await t.count('session_clinicians', `session_id = $1 AND NOT active`, [first.id])).toBe(1);
      expect(await t.count('session_patients', `session_id = $1 AND NOT active`, [first.id])).toBe(1);
      const again = await book(t, c, { ...slot, patientIds: [p2] }).expect(201);
      expect(again.body.sessions[0].id).not.toBe(first.id);
      // A cancelled session is final.
      await t.as(c).post(`/api/v1/sessions/${first.id}/cancel`).send({ reason: 'again', by: 'program' }).expect(409);
    });

    it('reschedules with If-Match: 428 without it, 412 when stale, and moves the bookings with the session', async () => {
      const patient = await patientOf(t, clinician);
      const s = await booked(t, clinician, {
        startsAt: ny('2030-04-02T09:00'), endsAt: ny('2030-04-02T10:00'), clinicianIds: [clinician.id], patientIds: [patient],
      });
      const move = { startsAt: ny('2030-04-02T11:00') };
      await t.as(clinician).patch(`/api/v1/sessions/${s.id}`).send(move).expect(428);
      await t.as(clinician).patch(`/api/v1/sessions/${s.id}`).set('If-Match', '"7"').send(move).expect(412);
      const got = await t.as(clinician).get(`/api/v1/sessions/${s.id}`).expect(200);
      expect(got.headers.etag).toBe('"1"');
      const res = await t.as(clinician).patch(`/api/v1/sessions/${s.id}`).set('If-Match', got.headers.etag as string)
        .send(move).expect(200);
      expect(res.headers.etag).toBe('"2"');
      expect(res.body.session).toMatchObject({ startsAt: '2030-04-02T15:00:00.000Z', endsAt: '2030-04-02T16:00:00.000Z', version: 2 });
      const [row] = await t.db.query(
        `SELECT c.period::text AS cp, p.period::text AS pp FROM session_clinicians c JOIN session_patients p USING (session_id)
         WHERE session_id = $1`, [s.id],
      );
      expect(row).toEqual({ cp: '["2030-04-02 15:00:00+00","2030-04-02 16:00:00+00")', pp: '["2030-04-02 15:00:00+00","2030-04-02 16:00:00+00")' });
      // The old slot is free again.
      await booked(t, clinician, {
        startsAt: ny('2030-04-02T09:00'), endsAt: ny('2030-04-02T10:00'), clinicianIds: [clinician.id], patientIds: [await patientOf(t, clinician)],
      });
    });

    it('refuses a reschedule onto a taken slot with 409 and leaves the session as it was', async () => {
      const patient = await patientOf(t, clinician);
      const a = await booked(t, clinician, {
        startsAt: ny('2030-04-03T09:00'), endsAt: ny('2030-04-03T10:00'), clinicianIds: [clinician.id], patientIds: [patient],
      });
      const b = await booked(t, clinician, {
        startsAt: ny('2030-04-03T11:00'), endsAt: ny('2030-04-03T12:00'), clinicianIds: [clinician.id], patientIds: [patient],
      });
      const res = await t.as(clinician).patch(`/api/v1/sessions/${b.id}`).set('If-Match', '"1"')
        .send({ startsAt: ny('2030-04-03T09:30') }).expect(409);
      expect(res.body.conflicts).toEqual([
        { sessionId: a.id, resource: 'clinician', resourceId: clinician.id },
        { sessionId: a.id, resource: 'patient', resourceId: patient },
      ]);
      const [row] = await t.db.query(`SELECT starts_at, version FROM sessions WHERE id = $1`, [b.id]);
      expect(row).toEqual({ starts_at: new Date('2030-04-03T15:00:00Z'), version: 1 });
      expect(await t.count('session_clinicians', `session_id = $1 AND lower(period) = '2030-04-03T15:00:00Z'`, [b.id])).toBe(1);
    });

    it('moves this and the following occurrences of a series (scope following), keeping local time across DST', async () => {
      const c = await t.createUser('clinician');
      const patient = await patientOf(t, c);
      const res = await book(t, c, {
        startsAt: ny('2030-02-27T18:00'), endsAt: ny('2030-02-27T19:00'), clinicianIds: [c.id], patientIds: [patient],
        recurrence: { weekdays: ['WE'], count: 4 },
      }).expect(201);
      const ids = res.body.sessions.map((s: { id: string }) => s.id) as string[];
      // Move the 2nd occurrence (6 March) to Thursday 17:00, 90 minutes; the following ones go with it.
      const moved = await t.as(c).patch(`/api/v1/sessions/${ids[1]}`).set('If-Match', '"1"')
        .send({ startsAt: ny('2030-03-07T17:00'), endsAt: ny('2030-03-07T18:30'), scope: 'following' }).expect(200);
      expect(moved.body.affectedSessionIds).toEqual(ids.slice(1));
      const rows = await t.db.query(`SELECT id, starts_at, ends_at, version FROM sessions WHERE series_id = $1 ORDER BY starts_at`, [res.body.seriesId]);
      expect(rows.map((r: { starts_at: Date }) => localOf(r.starts_at))).toEqual([
        '2030-02-27 Wed 18:00', '2030-03-07 Thu 17:00', '2030-03-14 Thu 17:00', '2030-03-21 Thu 17:00',
      ]);
      expect(rows.map((r: { starts_at: Date; ends_at: Date }) => (r.ends_at.getTime() - r.starts_at.getTime()) / 60000)).toEqual([60, 90, 90, 90]);
      expect(rows.map((r: { version: number }) => r.version)).toEqual([1, 2, 2, 2]);
      // Booking periods follow the sessions.
      expect(await t.count('session_clinicians b JOIN sessions s ON s.id = b.session_id',
        `s.series_id = $1 AND b.period = tstzrange(s.starts_at, s.ends_at, '[)')`, [res.body.seriesId])).toBe(4);
    });

    it('moves a series by a week without colliding with itself', async () => {
      const c = await t.createUser('clinician');
      const patient = await patientOf(t, c);
      const res = await book(t, c, {
        startsAt: ny('2030-05-01T10:00'), endsAt: ny('2030-05-01T11:00'), clinicianIds: [c.id], patientIds: [patient],
        recurrence: { weekdays: ['WE'], count: 3 },
      }).expect(201);
      const first = res.body.sessions[0].id as string;
      await t.as(c).patch(`/api/v1/sessions/${first}`).set('If-Match', '"1"')
        .send({ startsAt: ny('2030-05-08T10:00'), scope: 'following' }).expect(200);
      const rows = await t.db.query(`SELECT starts_at FROM sessions WHERE series_id = $1 ORDER BY starts_at`, [res.body.seriesId]);
      expect(rows.map((r: { starts_at: Date }) => localOf(r.starts_at))).toEqual([
        '2030-05-08 Wed 10:00', '2030-05-15 Wed 10:00', '2030-05-22 Wed 10:00',
      ]);
    });

    it('cancels the rest of a series (scope following) and keeps the earlier occurrences', async () => {
      const c = await t.createUser('clinician');
      const patient = await patientOf(t, c);
      const res = await book(t, c, {
        startsAt: ny('2030-06-03T10:00'), endsAt: ny('2030-06-03T11:00'), clinicianIds: [c.id], patientIds: [patient],
        recurrence: { weekdays: ['MO'], count: 4 },
      }).expect(201);
      const ids = res.body.sessions.map((s: { id: string }) => s.id) as string[];
      const out = await t.as(c).post(`/api/v1/sessions/${ids[2]}/cancel`)
        .send({ reason: 'patient moving away', by: 'patient', scope: 'following' }).expect(200);
      expect(out.body.affectedSessionIds).toEqual(ids.slice(2));
      const rows = await t.db.query(`SELECT status, cancelled_by FROM sessions WHERE series_id = $1 ORDER BY starts_at`, [res.body.seriesId]);
      expect(rows).toEqual([
        { status: 'scheduled', cancelled_by: null }, { status: 'scheduled', cancelled_by: null },
        { status: 'cancelled', cancelled_by: 'patient' }, { status: 'cancelled', cancelled_by: 'patient' },
      ]);
    });
  });

  describe('rules and roles', () => {
    it('lets case managers schedule for their patients, but not admins', async () => {
      const patient = await patientOf(t, caseManager);
      const input = { startsAt: ny('2030-07-01T09:00'), endsAt: ny('2030-07-01T10:00'), clinicianIds: [clinician.id], patientIds: [patient] };
      const before = await counts();
      await book(t, admin, input).expect(403);
      expect(await counts()).toEqual(before);
      await book(t, caseManager, input).expect(201);
    });

    it('answers 404 for a patient outside the caller\'s care team and books nothing', async () => {
      const outsider = await t.createUser('clinician');
      const patient = await patientOf(t, clinician);
      const before = await counts();
      await book(t, outsider, {
        startsAt: ny('2030-07-02T09:00'), endsAt: ny('2030-07-02T10:00'), clinicianIds: [outsider.id], patientIds: [patient],
      }).expect(404);
      expect(await counts()).toEqual(before);
    });

    it('refuses invalid bookings with field errors and writes nothing', async () => {
      const [p1, p2] = [await patientOf(t, clinician), await patientOf(t, clinician)];
      const base = { startsAt: ny('2030-07-03T09:00'), endsAt: ny('2030-07-03T10:00'), clinicianIds: [clinician.id], patientIds: [p1] };
      const before = await counts();
      const reversed = await book(t, clinician, { ...base, endsAt: ny('2030-07-03T08:00') }).expect(400);
      expect(reversed.body.errors).toEqual([{ field: 'endsAt', message: 'must be after startsAt' }]);
      const two = await book(t, clinician, { ...base, patientIds: [p1, p2] }).expect(400);
      expect(two.body.errors).toEqual([{ field: 'patientIds', message: 'an individual session has exactly 1 patient' }]);
      const floating = await book(t, clinician, { ...base, startsAt: '2030-07-03T09:00:00' }).expect(400);
      expect(floating.body.errors[0].field).toBe('startsAt');
      await book(t, clinician, { ...base, kind: 'yoga' }).expect(400);
      await book(t, clinician, { ...base, clinicianIds: [clinician.id, clinician.id] }).expect(400);
      const notClinician = await book(t, clinician, { ...base, clinicianIds: [caseManager.id] }).expect(422);
      expect(notClinician.body.clinicianIds).toEqual([caseManager.id]);
      expect(await counts()).toEqual(before);
    });

    it('refuses a retired room and a room too small for everyone', async () => {
      const patients = [await patientOf(t, clinician), await patientOf(t, clinician)];
      const small = await createRoom(t, admin, 'Room small', 2);
      const retired = await createRoom(t, admin, 'Room retired', 10);
      await t.as(admin).patch(`/api/v1/rooms/${retired}`).set('If-Match', '"1"').send({ active: false }).expect(200);
      const base = { kind: 'group', startsAt: ny('2030-07-04T09:00'), endsAt: ny('2030-07-04T10:00'), clinicianIds: [clinician.id], patientIds: patients };
      const full = await book(t, clinician, { ...base, roomId: small }).expect(409);
      expect(full.body).toMatchObject({ capacity: 2, people: 3 });
      await book(t, clinician, { ...base, roomId: retired }).expect(422);
      expect(await t.count('sessions', `room_id IN ($1, $2)`, [small, retired])).toBe(0);
    });

    it('lets only the session\'s clinicians or the care team of all its patients change it', async () => {
      const outsider = await t.createUser('case_manager');
      const patient = await patientOf(t, clinician);
      const s = await booked(t, clinician, {
        startsAt: ny('2030-07-05T09:00'), endsAt: ny('2030-07-05T10:00'), clinicianIds: [clinician.id], patientIds: [patient],
      });
      await t.as(outsider).post(`/api/v1/sessions/${s.id}/cancel`).send({ reason: 'x', by: 'program' }).expect(403);
      await t.as(outsider).patch(`/api/v1/sessions/${s.id}`).set('If-Match', '"1"').send({ startsAt: ny('2030-07-05T11:00') }).expect(403);
      expect(await t.count('sessions', `id = $1 AND status = 'scheduled' AND version = 1`, [s.id])).toBe(1);
    });
  });

  describe('calendars and free slots', () => {
    it('shows other care teams\' patients in a calendar only as a count', async () => {
      const cm = await t.createUser('case_manager');
      const c = await t.createUser('clinician');
      const mine = await patientOf(t, cm);
      const theirs = await patientOf(t, c);
      await t.db.query(`INSERT INTO care_team_members (patient_id, user_id) VALUES ($1, $2)`, [mine, c.id]);
      const s = await booked(t, c, {
        kind: 'group', startsAt: ny('2030-08-05T18:00'), endsAt: ny('2030-08-05T19:30'), clinicianIds: [c.id], patientIds: [mine, theirs],
      });
      const res = await t.as(cm).get('/api/v1/sessions')
        .query({ clinicianId: c.id, from: ny('2030-08-01T00:00'), to: ny('2030-09-01T00:00') }).expect(200);
      expect(res.body.items).toEqual([expect.objectContaining({ id: s.id, patientIds: [mine], patientCount: 2 })]);
      expect(JSON.stringify(res.body)).not.toContain(theirs);
      await t.as(cm).get('/api/v1/sessions')
        .query({ patientId: theirs, from: ny('2030-08-01T00:00'), to: ny('2030-09-01T00:00') }).expect(404);
      const own = await t.as(cm).get('/api/v1/sessions')
        .query({ patientId: mine, from: ny('2030-08-01T00:00'), to: ny('2030-09-01T00:00') }).expect(200);
      expect(own.body).toMatchObject({ total: 1, items: [{ id: s.id }] });
      const one = await t.as(cm).get(`/api/v1/sessions/${s.id}`).expect(200);
      expect(one.body.patientIds).toEqual([mine]);
      expect(one.body.cancelReason).toBeUndefined();
    });

    it('lists a room\'s calendar within the range, cancelled sessions included and filterable', async () => {
      const room = await createRoom(t, admin, 'Room calendar', 6);
      const patient = await patientOf(t, clinician);
      const input = { roomId: room, clinicianIds: [clinician.id], patientIds: [patient] };
      const a = await booked(t, clinician, { ...input, startsAt: ny('2030-09-02T09:00'), endsAt: ny('2030-09-02T10:00') });
      const b = await booked(t, clinician, { ...input, startsAt: ny('2030-09-03T09:00'), endsAt: ny('2030-09-03T10:00') });
      await booked(t, clinician, { ...input, startsAt: ny('2030-10-03T09:00'), endsAt: ny('2030-10-03T10:00') });
      await t.as(clinician).post(`/api/v1/sessions/${b.id}/cancel`).send({ reason: 'holiday', by: 'program' }).expect(200);
      const range = { roomId: room, from: ny('2030-09-01T00:00'), to: ny('2030-09-30T00:00') };
      const all = await t.as(clinician).get('/api/v1/sessions').query(range).expect(200);
      expect(all.body.items.map((s: { id: string; status: string }) => [s.id, s.status])).toEqual([[a.id, 'scheduled'], [b.id, 'cancelled']]);
      expect(all.body.items[1].cancelReason).toBe('holiday');
      const scheduled = await t.as(clinician).get('/api/v1/sessions').query({ ...range, status: 'scheduled' }).expect(200);
      expect(scheduled.body.total).toBe(1);
      await t.as(clinician).get('/api/v1/sessions').query({ from: range.from, to: range.to }).expect(400);
    });

    it('proposes the earliest slots where all clinicians and the room are free, within working hours', async () => {
      const [c1, c2] = [await t.createUser('clinician'), await t.createUser('clinician')];
      const room = await createRoom(t, admin, 'Room free-slots', 6);
      const [p1, p2] = [await patientOf(t, c1), await patientOf(t, c2)];
      await booked(t, c1, { startsAt: ny('2030-11-04T08:00'), endsAt: ny('2030-11-04T09:00'), clinicianIds: [c1.id], patientIds: [p1] });
      await booked(t, c2, { startsAt: ny('2030-11-04T09:00'), endsAt: ny('2030-11-04T09:30'), clinicianIds: [c2.id], patientIds: [p2], roomId: room });
      const res = await t.as(caseManager).get('/api/v1/sessions/free-slots').query({
        clinicianIds: `${c1.id},${c2.id}`, roomId: room, durationMinutes: 60,
        from: ny('2030-11-04T00:00'), to: ny('2030-11-05T00:00'), limit: 3,
      }).expect(200);
      expect(res.body.timeZone).toBe('America/New_York');
      expect(res.body.slots.map((s: { startsAt: string }) => localOf(s.startsAt))).toEqual([
        '2030-11-04 Mon 09:30', '2030-11-04 Mon 09:45', '2030-11-04 Mon 10:00',
      ]);
      // Working hours are a setting: open at 10:00 and only the 10:00 slot remains first.
      await t.as(admin).put('/api/v1/settings/sessions.working-hours')
        .send({ value: { days: ['MO', 'TU', 'WE', 'TH', 'FR'], start: '10:00', end: '12:00', stepMinutes: 30 } }).expect(200);
      const later = await t.as(caseManager).get('/api/v1/sessions/free-slots').query({
        clinicianIds: [c1.id, c2.id], roomId: room, durationMinutes: 60,
        from: ny('2030-11-04T00:00'), to: ny('2030-11-06T00:00'),
      }).expect(200);
      expect(later.body.slots.map((s: { startsAt: string }) => localOf(s.startsAt))).toEqual([
        '2030-11-04 Mon 10:00', '2030-11-04 Mon 10:30', '2030-11-04 Mon 11:00',
        '2030-11-05 Tue 10:00', '2030-11-05 Tue 10:30', '2030-11-05 Tue 11:00',
      ]);
      await t.db.query(`DELETE FROM settings WHERE key = 'sessions.working-hours'`);
      await t.settled();
      await t.as(caseManager).get('/api/v1/sessions/free-slots')
        .query({ durationMinutes: 60, from: ny('2030-11-04T00:00'), to: ny('2030-11-05T00:00') }).expect(400);
    });
  });

  describe('rooms', () => {
    it('lets admins add and edit rooms (If-Match), and everyone scheduling read them', async () => {
      await t.as(clinician).post('/api/v1/rooms').send({ name: 'Room nope', capacity: 3 }).expect(403);
      const created = await t.as(admin).post('/api/v1/rooms').send({ name: 'Room Maple', capacity: 8 }).expect(201);
      expect(created.body).toMatchObject({ name: 'Room Maple', capacity: 8, active: true, version: 1 });
      await t.as(admin).post('/api/v1/rooms').send({ name: 'room maple', capacity: 3 }).expect(409);
      await t.as(admin).post('/api/v1/rooms').send({ name: 'Room zero', capacity: 0 }).expect(400);
      await t.as(admin).patch(`/api/v1/rooms/${created.body.id}`).send({ capacity: 9 }).expect(428);
      const updated = await t.as(admin).patch(`/api/v1/rooms/${created.body.id}`).set('If-Match', '"1"').send({ capacity: 9 }).expect(200);
      expect(updated.body).toMatchObject({ capacity: 9, version: 2 });
      await t.as(admin).patch(`/api/v1/rooms/${created.body.id}`).set('If-Match', '"1"').send({ capacity: 10 }).expect(412);
      await t.as(clinician).patch(`/api/v1/rooms/${created.body.id}`).set('If-Match', '"2"').send({ capacity: 10 }).expect(403);
      const list = await t.as(caseManager).get('/api/v1/rooms').expect(200);
      expect(list.body.items.map((r: { name: string }) => r.name)).toContain('Room Maple');
      expect(await t.count('rooms', `lower(name) = 'room maple'`)).toBe(1);
    });
  });
});
