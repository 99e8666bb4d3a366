import { addToCareTeam } from './support/factories';
import { book, booked, ny, patientOf } from './support/sessions-fixtures';
import { createGroup, generateMeetings, meetingsOf } from './support/support-groups-fixtures';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';

/** A seat in a group books its member for the meetings ahead: no seat over the patient's own sessions. */
describe('support groups: a seat never double-books a patient with their sessions', () => {
  let t: TestApp;
  let caseManager: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    caseManager = await t.createUser('case_manager');
  });
  afterAll(() => t.close());

  const join = (user: TestUser, groupId: string, patientId: string) =>
    t.as(user).post(`/api/v1/support-groups/${groupId}/members`, { patientId });

  /** A weekly Tuesday 18:00-19:30 (New York) group in `year`, its January meetings generated; its own facilitator. */
  async function tuesdayGroup(year: number, capacity = 8) {
    const facilitator = await t.createUser('clinician');
    const group = await createGroup(t, facilitator, [facilitator.id], {
      capacity,
      schedule: { weekdays: ['TU'], startTime: '18:00', endTime: '19:30', firstDate: `${year}-01-01`, lastDate: `${year}-01-31` },
    });
    await generateMeetings(t, `${year - 1}-12-31T12:00:00Z`);
    return { group, meetings: await meetingsOf(t, group.id) };
  }

  it('refuses to seat a patient booked into a session during a meeting ahead (409 naming both), writing nothing', async () => {
    const clinician = await t.createUser('clinician');
    const patient = await patientOf(t, clinician);
    const { group, meetings } = await tuesdayGroup(2033);
    const meeting = meetings.find((m) => m.starts_at.toISOString() === '2033-01-11T23:00:00.000Z');
    const session = await booked(t, clinician, {
      startsAt: ny('2033-01-11T19:00'), endsAt: ny('2033-01-11T20:00'), clinicianIds: [clinician.id], patientIds: [patient],
    });
    const res = await join(clinician, group.id, patient).expect(409);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      type: 'https://outpatient-program.example/problems/slot-taken',
      conflicts: [{ meetingId: meeting?.id, sessionId: session.id, resource: 'patient', resourceId: patient }],
    });
    expect(await t.count('support_group_memberships', `group_id = $1`, [group.id])).toBe(0);
    expect(await t.count('audit_events', `action = 'support-group.join' AND patient_id = $1`, [patient])).toBe(0);
    // Back to back with the meeting is no overlap; once the session is cancelled the seat is free to take.
    await book(t, clinician, {
      startsAt: ny('2033-01-18T17:00'), endsAt: ny('2033-01-18T18:00'), clinicianIds: [clinician.id], patientIds: [patient],
    }).expect(201);
    await t.as(clinician).post(`/api/v1/sessions/${session.id}/cancel`).send({ reason: 'moved to the group', by: 'program' }).expect(200);
    expect((await join(clinician, group.id, patient).expect(201)).body).toMatchObject({ status: 'member' });
  });

  it('waitlists a patient with such sessions when the group is full: no seat, no conflict', async () => {
    const clinician = await t.createUser('clinician');
    const [seated, waiting] = [await patientOf(t, clinician), await patientOf(t, clinician)];
    const { group } = await tuesdayGroup(2034, 1);
    await join(clinician, group.id, seated).expect(201);
    await booked(t, clinician, {
      startsAt: ny('2034-01-10T18:00'), endsAt: ny('2034-01-10T19:00'), clinicianIds: [clinician.id], patientIds: [waiting],
    });
    expect((await join(clinician, group.id, waiting).expect(201)).body).toMatchObject({ status: 'waitlisted', position: 1 });
  });

  it('passes over a waiting patient with such sessions for a freed seat: they keep their place, their case manager is told', async () => {
    const clinician = await t.createUser('clinician');
    const [leaver, booked1, next] = [await patientOf(t, clinician), await patientOf(t, clinician), await patientOf(t, clinician)];
    await addToCareTeam(t, booked1, caseManager);
    const { group } = await tuesdayGroup(2035, 1);
    for (const p of [leaver, booked1, next]) await join(clinician, group.id, p).expect(201);
    await booked(t, clinician, {
      startsAt: ny('2035-01-16T18:30'), endsAt: ny('2035-01-16T19:30'), clinicianIds: [clinician.id], patientIds: [booked1],
    });
    await t.as(clinician).delete(`/api/v1/support-groups/${group.id}/members/${leaver}`).send({ reason: 'moved away' }).expect(204);
    const rows = await t.db.query(
      `SELECT patient_id::text, status FROM support_group_memberships WHERE group_id = $1 ORDER BY arrival`, [group.id],
    );
    expect(rows).toEqual([
      { patient_id: leaver, status: 'left' }, { patient_id: booked1, status: 'waitlisted' }, { patient_id: next, status: 'member' },
    ]);
    const alerts = await t.db.query(
      `SELECT patient_id::text, rule, audience FROM alerts WHERE patient_id = ANY($1) ORDER BY rule`, [[booked1, next]],
    );
    expect(alerts).toEqual([
      // `next` has no case manager on the care team, so the whole team is told.
      { patient_id: next, rule: 'waitlist_seat_assigned', audience: 'care_team' },
      { patient_id: booked1, rule: 'waitlist_seat_blocked', audience: 'case_manager' },
    ]);
    const list = await t.as(clinician).get(`/api/v1/support-groups/${group.id}/members`).expect(200);
    expect(list.body.items.find((i: { patientId: string }) => i.patientId === booked1)).toMatchObject({ position: 1 });
  });

  it('creates a meeting over a member\'s session booked before it existed, and alerts their case manager once', async () => {
    const clinician = await t.createUser('clinician');
    const facilitator = await t.createUser('clinician');
    const patient = await patientOf(t, clinician);
    await addToCareTeam(t, patient, caseManager);
    const group = await createGroup(t, facilitator, [facilitator.id], {
      schedule: { weekdays: ['TU'], startTime: '18:00', endTime: '19:30', firstDate: '2038-01-05', lastDate: '2038-03-30' },
    });
    await generateMeetings(t, '2037-12-31T12:00:00Z');
    await join(clinician, group.id, patient).expect(201);
    // 9 March lies beyond the 8-week horizon: no meeting yet, so the session is booked.
    const session = await booked(t, clinician, {
      startsAt: ny('2038-03-09T18:30'), endsAt: ny('2038-03-09T19:30'), clinicianIds: [clinician.id], patientIds: [patient],
    });
    await generateMeetings(t, '2038-02-01T12:00:00Z');
    await generateMeetings(t, '2038-02-02T12:00:00Z');
    const meeting = (await meetingsOf(t, group.id)).find((m) => m.starts_at.toISOString() === '2038-03-09T23:00:00.000Z');
    expect(meeting).toBeDefined();
    const alerts = await t.db.query(
      `SELECT rule, audience, reading FROM alerts WHERE patient_id = $1 AND source = 'support-groups'`, [patient],
    );
    expect(alerts).toEqual([{
      rule: 'meeting_overlaps_session', audience: 'case_manager',
      reading: { groupId: group.id, meetingId: meeting?.id, sessionId: session.id },
    }]);
  });

  it('is enforced by the database: a seat written past the application is refused', async () => {
    const clinician = await t.createUser('clinician');
    const patient = await patientOf(t, clinician);
    const { group } = await tuesdayGroup(2036);
    await booked(t, clinician, {
      startsAt: ny('2036-01-08T18:00'), endsAt: ny('2036-01-08T19:30'), clinicianIds: [clinician.id], patientIds: [patient],
    });
    await expect(t.db.query(
      `INSERT INTO support_group_memberships (group_id, patient_id, status, seated_at, added_by)
       VALUES ($1, $2, 'member', now(), $3)`,
      [group.id, patient, clinician.id],
    )).rejects.toMatchObject({ code: '23P01', constraint: 'support_group_memberships_session_overlap' });
    expect(await t.count('support_group_memberships', `group_id = $1`, [group.id])).toBe(0);
    // Nor can a member's seat be moved back over the session.
    await t.db.query(
      `INSERT INTO support_group_memberships (group_id, patient_id, status, seated_at, added_by)
       VALUES ($1, $2, 'member', '2036-01-09T12:00:00Z', $3)`,
      [group.id, patient, clinician.id],
    );
    await expect(t.db.query(
      `UPDATE support_group_memberships SET seated_at = '2036-01-01T00:00:00Z' WHERE group_id = $1 AND patient_id = $2`,
      [group.id, patient],
    )).rejects.toMatchObject({ code: '23P01', constraint: 'support_group_memberships_session_overlap' });
  });

  it('a join and a session booking racing for the same patient and time: exactly one of them lands', async () => {
    const clinician = await t.createUser('clinician');
    const { group } = await tuesdayGroup(2037, 50);
    for (let round = 0; round < 6; round += 1) {
      const patient = await patientOf(t, clinician);
      const [seat, session] = await Promise.all([
        join(clinician, group.id, patient),
        book(t, clinician, {
          startsAt: ny(`2037-01-${String(6 + 7 * (round % 4)).padStart(2, '0')}T18:${String(10 * round).padStart(2, '0')}`),
          endsAt: ny(`2037-01-${String(6 + 7 * (round % 4)).padStart(2, '0')}T19:${String(10 * round).padStart(2, '0')}`),
          clinicianIds: [clinician.id], patientIds: [patient],
        }),
      ]);
      expect([seat.status, session.status].sort()).toEqual([201, 409]);
      const seats = await t.count('support_group_memberships', `patient_id = $1 AND status = 'member'`, [patient]);
      const sessions = await t.count('session_patients', `patient_id = $1 AND active`, [patient]);
      expect(seats + sessions).toBe(1);
    }
  });
});
