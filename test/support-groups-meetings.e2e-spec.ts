import { addToCareTeam } from './support/factories';
import { booked, book, createRoom, ny, patientOf } from './support/sessions-fixtures';
import { createGroup, generateMeetings, groupInput, meetingsOf } from './support/support-groups-fixtures';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';

describe('support groups: meetings that hold their room and facilitators, attendance, self-reports', () => {
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

  it('refuses a schedule sent as an array (400, not 500), on create and on edit, writing nothing', async () => {
    const before = await t.count('support_groups');
    const input = groupInput([clinician.id]);
    for (const schedule of [[input.schedule], []]) {
      const res = await t.as(clinician).post('/api/v1/support-groups', { ...input, schedule }).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors).toEqual([{ field: 'schedule', message: 'schedule must be an object' }]);
    }
    expect(await t.count('support_groups')).toBe(before);
    const group = await createGroup(t, clinician, [clinician.id]);
    const res = await t.as(clinician).patch(`/api/v1/support-groups/${group.id}`, { schedule: [input.schedule] })
      .set('If-Match', `"${group.version}"`).expect(400);
    expect(res.body.errors).toEqual([{ field: 'schedule', message: 'schedule must be an object' }]);
  });

  describe('generation', () => {
    it('creates the schedule\'s meetings for the 8-week horizon, at local time across DST, idempotently', async () => {
      const facilitator = await t.createUser('clinician');
      const group = await createGroup(t, clinician, [facilitator.id], {
        schedule: { weekdays: ['TU'], startTime: '18:00', endTime: '19:30', firstDate: '2027-02-23' },
      });
      expect(await generateMeetings(t, '2027-02-20T12:00:00Z')).toBe(true);
      const meetings = await meetingsOf(t, group.id);
      // 2027-02-20 + 8 weeks: Tuesdays 23 Feb .. 13 Apr; New York springs forward on 14 March 2027.
      expect(meetings.map((m) => m.starts_at.toISOString())).toEqual([
        '2027-02-23T23:00:00.000Z', '2027-03-02T23:00:00.000Z', '2027-03-09T23:00:00.000Z', '2027-03-16T22:00:00.000Z',
        '2027-03-23T22:00:00.000Z', '2027-03-30T22:00:00.000Z', '2027-04-06T22:00:00.000Z', '2027-04-13T22:00:00.000Z',
      ]);
      expect(await t.count('staff_bookings', `user_id = $1`, [facilitator.id])).toBe(8);
      await generateMeetings(t, '2027-02-20T12:00:00Z');
      expect(await t.count('support_group_meetings', `group_id = $1`, [group.id])).toBe(8);
      // A later run extends the horizon without duplicating.
      await generateMeetings(t, '2027-02-27T12:00:00Z');
      expect(await t.count('support_group_meetings', `group_id = $1`, [group.id])).toBe(9);
    });

    it('a cancelled meeting frees its room and facilitators and is not recreated', async () => {
      const room = await createRoom(t, admin, 'Group room cancel');
      const group = await createGroup(t, clinician, [clinician.id], {
        roomId: room, videoUrl: undefined, schedule: { weekdays: ['WE'], startTime: '10:00', endTime: '11:00', firstDate: '2031-01-01', lastDate: '2031-01-08' },
      });
      await generateMeetings(t, '2030-12-30T00:00:00Z');
      const [first] = await meetingsOf(t, group.id);
      const cancel = await t.as(clinician).post(`/api/v1/support-groups/${group.id}/meetings/${first?.id}/cancel`, { reason: 'holiday' }).expect(201);
      expect(cancel.body).toMatchObject({ status: 'cancelled', cancelReason: 'holiday' });
      expect(await t.count('room_bookings', `meeting_id = $1`, [first?.id])).toBe(0);
      expect(await t.count('staff_bookings', `meeting_id = $1`, [first?.id])).toBe(0);
      await generateMeetings(t, '2030-12-30T00:00:00Z');
      expect(await t.count('support_group_meetings', `group_id = $1`, [group.id])).toBe(2);
      await booked(t, clinician, {
        startsAt: ny('2031-01-01T10:00'), endsAt: ny('2031-01-01T11:00'), roomId: room, clinicianIds: [clinician.id],
        patientIds: [await patientOf(t, clinician)],
      });
    });
  });

  describe('editing the schedule', () => {
    const localTimes = async (groupId: string) =>
      (await t.db.query(
        `SELECT to_char(starts_at AT TIME ZONE 'America/New_York', 'YYYY-MM-DD Dy HH24:MI') AS local, status
         FROM support_group_meetings WHERE group_id = $1 ORDER BY starts_at`,
        [groupId],
      )) as { local: string; status: string }[];

    it('changes the schedule from a date on: earlier meetings stay, later ones follow the new schedule, cancelled ones stay cancelled', async () => {
      const facilitator = await t.createUser('clinician');
      const group = await createGroup(t, clinician, [facilitator.id], {
        schedule: { weekdays: ['MO'], startTime: '10:00', endTime: '11:00', firstDate: '2032-01-05', lastDate: '2032-01-26' },
      });
      await generateMeetings(t, '2032-01-01T00:00:00Z');
      const cancelled = (await meetingsOf(t, group.id))[3];
      await t.as(clinician).post(`/api/v1/support-groups/${group.id}/meetings/${cancelled?.id}/cancel`, { reason: 'holiday' }).expect(201);
      const res = await t.as(clinician).patch(`/api/v1/support-groups/${group.id}`, {
        schedule: { weekdays: ['WE'], startTime: '14:00', endTime: '15:00', firstDate: '2032-01-12', lastDate: '2032-01-26' },
      }, `"${group.version}"`).expect(200);
      expect(res.body).toMatchObject({ version: group.version + 1, skippedMeetings: [] });
      expect(res.headers.etag).toBe(`"${group.version + 1}"`);
      await generateMeetings(t, '2032-01-01T00:00:00Z');
      expect(await localTimes(group.id)).toEqual([
        { local: '2032-01-05 Mon 10:00', status: 'scheduled' },
        { local: '2032-01-14 Wed 14:00', status: 'scheduled' },
        { local: '2032-01-21 Wed 14:00', status: 'scheduled' },
        { local: '2032-01-26 Mon 10:00', status: 'cancelled' },
      ]);
      expect(await t.count('staff_bookings', `user_id = $1`, [facilitator.id])).toBe(3);
    });

    it('moving a group into a room books the room for meetings not yet held; archiving cancels them and frees it', async () => {
      const facilitator = await t.createUser('clinician');
      const room = await createRoom(t, admin, 'Group room move');
      const group = await createGroup(t, clinician, [facilitator.id], {
        schedule: { weekdays: ['FR'], startTime: '12:00', endTime: '13:00', firstDate: '2032-02-06', lastDate: '2032-02-20' },
      });
      await generateMeetings(t, '2032-02-01T00:00:00Z');
      const moved = await t.as(clinician).patch(`/api/v1/support-groups/${group.id}`, { roomId: room }, `"${group.version}"`).expect(200);
      expect(moved.body).toMatchObject({ roomId: room, videoUrl: null });
      await generateMeetings(t, '2032-02-01T00:00:00Z');
      expect(await t.count('room_bookings', `room_id = $1`, [room])).toBe(3);
      await t.as(clinician).patch(`/api/v1/support-groups/${group.id}`, { status: 'archived' }, `"${moved.body.version}"`).expect(200);
      expect((await localTimes(group.id)).map((m) => m.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
      expect(await t.count('room_bookings', `room_id = $1`, [room])).toBe(0);
      expect(await t.count('staff_bookings', `user_id = $1`, [facilitator.id])).toBe(0);
      await t.as(clinician).post(`/api/v1/support-groups/${group.id}/members`, { patientId: await patientOf(t, clinician) }).expect(409);
    });
  });

  describe('calendars', () => {
    it("shows meetings in the group's and the facilitators' calendar.ics, without patient names", async () => {
      const facilitator = await t.createUser('clinician');
      const group = await createGroup(t, clinician, [facilitator.id], {
        name: 'Thursday SMART Recovery', kind: 'smart_recovery',
        schedule: { weekdays: ['TH'], startTime: '17:00', endTime: '18:00', firstDate: '2030-06-06', lastDate: '2030-06-13' },
      });
      await generateMeetings(t, '2030-06-01T00:00:00Z');
      const patient = await patientOf(t, clinician, { givenName: 'Cal', familyName: 'Endarson' });
      await t.as(clinician).post(`/api/v1/support-groups/${group.id}/members`, { patientId: patient }).expect(201);
      const [first] = await meetingsOf(t, group.id);
      const range = { from: '2030-06-01T00:00:00Z', to: '2030-07-01T00:00:00Z' };
      const feed = await t.as(caseManager).get(`/api/v1/support-groups/${group.id}/calendar.ics`).query(range).expect(200);
      expect(feed.headers['content-type']).toMatch(/^text\/calendar/);
      expect(feed.text.match(/BEGIN:VEVENT/g)).toHaveLength(2);
      expect(feed.text).toContain(`UID:${first?.id}@outpatient-program`);
      expect(feed.text).toContain('DTSTART;TZID=America/New_York:20300606T170000');
      expect(feed.text).toContain('SUMMARY:Thursday SMART Recovery');
      expect(feed.text).not.toMatch(/Cal|Endarson/);
      const mine = await t.as(facilitator).get(`/api/v1/clinicians/${facilitator.id}/calendar.ics`).query(range).expect(200);
      expect(mine.text.match(/SUMMARY:Support group meeting/g)).toHaveLength(2);
      expect(mine.text).not.toMatch(/Endarson/);
    });
  });

  describe('one booking mechanism for sessions and meetings', () => {
    it('refuses a session in a room or with a clinician a meeting holds, 409 naming the meeting', async () => {
      const facilitator = await t.createUser('clinician');
      const room = await createRoom(t, admin, 'Group room A');
      const group = await createGroup(t, clinician, [facilitator.id], {
        roomId: room, videoUrl: undefined,
        schedule: { weekdays: ['MO'], startTime: '18:00', endTime: '19:30', firstDate: '2030-01-07', lastDate: '2030-01-28' },
      });
      await generateMeetings(t, '2030-01-01T00:00:00Z');
      const [meeting] = await meetingsOf(t, group.id);
      const patient = await patientOf(t, clinician);
      const inRoom = await book(t, clinician, {
        startsAt: ny('2030-01-07T19:00'), endsAt: ny('2030-01-07T20:00'), roomId: room, clinicianIds: [clinician.id], patientIds: [patient],
      }).expect(409);
      expect(inRoom.body.conflicts).toEqual([{ meetingId: meeting?.id, resource: 'room', resourceId: room }]);
      await addToCareTeam(t, patient, facilitator);
      const withFacilitator = await book(t, facilitator, {
        startsAt: ny('2030-01-07T18:00'), endsAt: ny('2030-01-07T18:30'), clinicianIds: [facilitator.id], patientIds: [patient],
      }).expect(409);
      expect(withFacilitator.body).toMatchObject({ type: 'https://outpatient-program.example/problems/slot-taken' });
      expect(withFacilitator.body.conflicts).toEqual([{ meetingId: meeting?.id, resource: 'clinician', resourceId: facilitator.id }]);
      expect(await t.count('sessions', `starts_at >= $1 AND starts_at < $2`, [ny('2030-01-07T00:00'), ny('2030-01-08T00:00')])).toBe(0);
      // Back to back is fine.
      await booked(t, clinician, {
        startsAt: ny('2030-01-07T19:30'), endsAt: ny('2030-01-07T20:30'), roomId: room, clinicianIds: [clinician.id], patientIds: [patient],
      });
    });

    it('does not create a meeting where a session holds the room or a facilitator, and reports it', async () => {
      const facilitator = await t.createUser('clinician');
      const room = await createRoom(t, admin, 'Group room B');
      const patient = await patientOf(t, facilitator);
      const session = await booked(t, facilitator, {
        startsAt: ny('2030-03-04T18:30'), endsAt: ny('2030-03-04T19:00'), roomId: room, clinicianIds: [facilitator.id], patientIds: [patient],
      });
      const group = await createGroup(t, clinician, [facilitator.id], {
        roomId: room, videoUrl: undefined,
        schedule: { weekdays: ['MO'], startTime: '18:00', endTime: '19:30', firstDate: '2030-03-04', lastDate: '2030-03-18' },
      });
      await generateMeetings(t, '2030-03-01T00:00:00Z');
      expect((await meetingsOf(t, group.id)).map((m) => m.starts_at.toISOString())).toEqual(['2030-03-11T22:00:00.000Z', '2030-03-18T22:00:00.000Z']);
      const list = await t.as(caseManager).get(`/api/v1/support-groups/${group.id}/meetings`).query({ from: '2030-03-01T00:00:00Z' }).expect(200);
      expect(list.body.skipped).toEqual([{
        startsAt: '2030-03-04T23:00:00.000Z', endsAt: '2030-03-05T00:30:00.000Z',
        conflicts: [
          { sessionId: session.id, resource: 'room', resourceId: room },
          { sessionId: session.id, resource: 'facilitator', resourceId: facilitator.id },
        ],
      }]);
      // The next run tries again: still blocked, still one report, no meeting.
      await generateMeetings(t, '2030-03-01T00:00:00Z');
      expect(await t.count('support_group_meetings', `group_id = $1`, [group.id])).toBe(2);
      expect(await t.count('support_group_meeting_skips', `group_id = $1`, [group.id])).toBe(1);
      // Once the session is cancelled, the occurrence is created and the report cleared.
      await t.as(facilitator).post(`/api/v1/sessions/${session.id}/cancel`, { reason: 'moved', by: 'program' }).expect(200);
      await generateMeetings(t, '2030-03-01T00:00:00Z');
      expect(await t.count('support_group_meetings', `group_id = $1`, [group.id])).toBe(3);
      expect(await t.count('support_group_meeting_skips', `group_id = $1`, [group.id])).toBe(0);
    });

    it('is enforced by the database: a meeting written past the application cannot take a session\'s room', async () => {
      const room = await createRoom(t, admin, 'Group room raw');
      const patient = await patientOf(t, clinician);
      await booked(t, clinician, {
        startsAt: ny('2030-05-06T10:00'), endsAt: ny('2030-05-06T11:00'), roomId: room, clinicianIds: [clinician.id], patientIds: [patient],
      });
      const group = await createGroup(t, clinician, [clinician.id]);
      await expect(t.db.query(
        `INSERT INTO support_group_meetings (group_id, starts_at, ends_at, room_id) VALUES ($1, $2, $3, $4)`,
        [group.id, ny('2030-05-06T10:30'), ny('2030-05-06T11:30'), room],
      )).rejects.toThrow(/room_bookings_no_overlap/);
    });
  });

  describe('attendance', () => {
    /**
     * A group with past meetings (2025) and the patient seated before them. Each facilitator runs one such group:
     * the 2025 Tuesday evenings would otherwise collide and not be created.
     */
    const pastGroup = async (facilitator: TestUser, patient: string) => {
      const group = await createGroup(t, clinician, [facilitator.id], {
        schedule: { weekdays: ['TU'], startTime: '18:00', endTime: '19:30', firstDate: '2025-01-07', lastDate: '2025-02-25' },
      });
      await generateMeetings(t, '2025-01-01T00:00:00Z');
      await t.as(clinician).post(`/api/v1/support-groups/${group.id}/members`, { patientId: patient }).expect(201);
      // The membership dates from before the meetings (seated in December 2024).
      await t.db.query(`UPDATE support_group_memberships SET seated_at = '2024-12-01T00:00:00Z', requested_at = '2024-12-01T00:00:00Z' WHERE group_id = $1`, [group.id]);
      return { group, meetings: await meetingsOf(t, group.id) };
    };
    const record = (user: TestUser, groupId: string, meetingId: string, patientId: string, status: string) =>
      t.as(user).post(`/api/v1/support-groups/${groupId}/meetings/${meetingId}/attendance`, { patientId, status });

    it('two consecutive absences raise the engagement alert for the case manager, the same rule as session no-shows', async () => {
      const facilitator = await t.createUser('case_manager');
      const patient = await patientOf(t, clinician, { givenName: 'Abe', familyName: 'Sentee' });
      await addToCareTeam(t, patient, caseManager);
      const { group, meetings } = await pastGroup(facilitator, patient);
      const ids = meetings.map((m) => m.id);
      await record(facilitator, group.id, ids[0] as string, patient, 'present').expect(201);
      await record(facilitator, group.id, ids[1] as string, patient, 'absent').expect(201);
      await record(facilitator, group.id, ids[2] as string, patient, 'excused').expect(201);
      expect(await t.count('alerts', `patient_id = $1`, [patient])).toBe(0);
      const second = await record(facilitator, group.id, ids[3] as string, patient, 'absent').expect(201);
      expect(second.body).toMatchObject({ meetingId: ids[3], patientId: patient, status: 'absent', recordedBy: facilitator.id });
      const alerts = await t.db.query(`SELECT source, rule, audience, severity, message, reading FROM alerts WHERE patient_id = $1`, [patient]);
      expect(alerts).toEqual([{
        source: 'support-groups', rule: 'consecutive_no_shows', audience: 'case_manager', severity: 'warning',
        message: expect.any(String), reading: { consecutiveMissed: 2, occasionIds: [ids[1], ids[3]], threshold: 2 },
      }]);
      expect(alerts[0].message).not.toMatch(/Abe|Sentee/);
      await record(facilitator, group.id, ids[4] as string, patient, 'absent').expect(201);
      expect(await t.count('alerts', `patient_id = $1`, [patient])).toBe(1);
      // The facilitator recorded attendance without gaining access to the patient's record.
      await t.as(facilitator).get(`/api/v1/patients/${patient}`).expect(404);
      expect(await t.count('audit_events', `action = 'support-group-attendance.record' AND patient_id = $1`, [patient])).toBe(5);
    });

    it('records members only, never before the meeting starts, never for a cancelled meeting', async () => {
      const patient = await patientOf(t, clinician);
      const outsider = await patientOf(t, clinician);
      const { group, meetings } = await pastGroup(await t.createUser('clinician'), patient);
      await record(clinician, group.id, meetings[0]?.id as string, outsider, 'present').expect(422);
      const future = await createGroup(t, clinician, [clinician.id], {
        schedule: { weekdays: ['TU'], startTime: '18:00', endTime: '19:30', firstDate: '2031-01-07', lastDate: '2031-01-07' },
      });
      await generateMeetings(t, '2031-01-01T00:00:00Z');
      await t.as(clinician).post(`/api/v1/support-groups/${future.id}/members`, { patientId: patient }).expect(201);
      const [upcoming] = await meetingsOf(t, future.id);
      const early = await record(clinician, future.id, upcoming?.id as string, patient, 'present').expect(422);
      expect(early.body.detail).toBe('Attendance is recorded once the meeting has started.');
      await t.as(clinician).post(`/api/v1/support-groups/${future.id}/meetings/${upcoming?.id}/cancel`, { reason: 'snow' }).expect(201);
      await record(clinician, future.id, upcoming?.id as string, patient, 'present').expect(422);
      expect(await t.count('support_group_attendance', `patient_id IN ($1, $2)`, [patient, outsider])).toBe(0);
    });

    it('answers 404 to staff who neither facilitate nor are on the care team, writing nothing', async () => {
      const patient = await patientOf(t, clinician);
      const { group, meetings } = await pastGroup(await t.createUser('clinician'), patient);
      const outsider = await t.createUser('case_manager');
      await record(outsider, group.id, meetings[0]?.id as string, patient, 'present').expect(404);
      await record(admin, group.id, meetings[0]?.id as string, patient, 'present').expect(403);
      expect(await t.count('support_group_attendance', `patient_id = $1`, [patient])).toBe(0);
      const list = await t.as(outsider).get(`/api/v1/support-groups/${group.id}/meetings/${meetings[0]?.id}/attendance`).expect(200);
      expect(list.body).toEqual([]);
    });

    it('summarises verified and self-reported attendance per program-zone week, self-reports marked as such', async () => {
      const patient = await patientOf(t, clinician);
      const { group, meetings } = await pastGroup(await t.createUser('clinician'), patient);
      await record(clinician, group.id, meetings[0]?.id as string, patient, 'present').expect(201); // Tue 7 Jan 2025
      await record(clinician, group.id, meetings[1]?.id as string, patient, 'late').expect(201); // Tue 14 Jan
      const aa = await t.as(clinician).post(`/api/v1/patients/${patient}/community-meetings`, { date: '2025-01-12', kind: 'aa', name: 'Sunday night AA' }).expect(201);
      expect(aa.body).toMatchObject({ date: '2025-01-12', kind: 'aa', selfReported: true, place: null });
      await t.as(clinician).post(`/api/v1/patients/${patient}/community-meetings`, { date: '2099-01-01', kind: 'na' }).expect(400);
      const summary = await t.as(clinician).get(`/api/v1/patients/${patient}/group-attendance`).query({ from: '2025-01-01', to: '2025-01-31' }).expect(200);
      expect(summary.body).toMatchObject({ countsTowardIopHours: false, timeZone: 'America/New_York' });
      expect(summary.body.weeks).toEqual([
        { weekStart: '2025-01-06', verified: { present: 1, late: 0, absent: 0, excused: 0 }, selfReported: 1 },
        { weekStart: '2025-01-13', verified: { present: 0, late: 1, absent: 0, excused: 0 }, selfReported: 0 },
      ]);
      const outsider = await t.createUser('clinician');
      await t.as(outsider).get(`/api/v1/patients/${patient}/group-attendance`).query({ from: '2025-01-01', to: '2025-01-31' }).expect(404);
      await t.as(outsider).post(`/api/v1/patients/${patient}/community-meetings`, { date: '2025-01-12', kind: 'aa' }).expect(404);
      expect(await t.count('community_meetings', `patient_id = $1`, [patient])).toBe(1);
      expect(await t.count('audit_events', `action = 'group-attendance.read' AND patient_id = $1 AND outcome = 'success'`, [patient])).toBe(1);
    });
  });
  it('refuses a group with more seats and facilitators than its room holds (409), on create and on a capacity change', async () => {
    const room = await createRoom(t, admin, 'Small consult room', 3);
    const before = await t.count('support_groups');
    const res = await t.as(clinician).post('/api/v1/support-groups', {
      name: 'Too big for the room', kind: 'relapse_prevention', facilitatorIds: [clinician.id], capacity: 50, roomId: room,
      schedule: { weekdays: ['TH'], startTime: '10:00', endTime: '11:00', firstDate: '2031-02-06', lastDate: '2031-02-13' }, enrollment: 'open',
    }).expect(409);
    expect(res.body).toMatchObject({ type: expect.stringContaining('capacity-reached'), roomCapacity: 3, capacity: 50, facilitators: 1 });
    expect(await t.count('support_groups')).toBe(before);
    const fits = await t.as(clinician).post('/api/v1/support-groups', {
      name: 'Fits the room', kind: 'relapse_prevention', facilitatorIds: [clinician.id], capacity: 2, roomId: room,
      schedule: { weekdays: ['FR'], startTime: '10:00', endTime: '11:00', firstDate: '2031-02-07', lastDate: '2031-02-14' }, enrollment: 'open',
    }).expect(201);
    await t.as(clinician).patch(`/api/v1/support-groups/${fits.body.id}`, { capacity: 3 }, `"${fits.body.version}"`).expect(409);
    expect(await t.count('support_groups', 'id = $1 AND capacity = 2', [fits.body.id])).toBe(1);
  });
});
