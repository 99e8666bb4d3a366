import { patientOf } from './support/sessions-fixtures';
import { createGroup, generateMeetings, meetingsOf } from './support/support-groups-fixtures';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';

/**
 * Facilitators read a group's roster by name and record every member's attendance; membership in a recovery group
 * identifies a patient (42 CFR Part 2). So only the group's own active facilitators change who facilitates it.
 */
describe('support groups: who may change the facilitators', () => {
  let t: TestApp;
  let admin: TestUser;
  let creator: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.createUser('admin');
    creator = await t.createUser('clinician');
  });
  afterAll(() => t.close());

  const FORBIDDEN = 'https://outpatient-program.example/problems/forbidden';
  const facilitatorsOf = async (groupId: string) =>
    ((await t.db.query(`SELECT user_id::text FROM support_group_facilitators WHERE group_id = $1 ORDER BY user_id`, [groupId])) as {
      user_id: string;
    }[]).map((r) => r.user_id);
  const versionOf = async (groupId: string) =>
    ((await t.db.query(`SELECT version FROM support_groups WHERE id = $1`, [groupId])) as { version: number }[])[0]?.version;
  const meetingFacilitators = (groupId: string) =>
    t.db.query(
      `SELECT mt.id::text AS meeting_id, f.user_id::text FROM support_group_meetings mt
       JOIN support_group_meeting_facilitators f ON f.meeting_id = mt.id WHERE mt.group_id = $1 ORDER BY mt.starts_at, f.user_id`,
      [groupId],
    );
  const deniedAudits = (user: TestUser, groupId: string) =>
    t.count('audit_events', `action = 'support-group.change-facilitators' AND outcome = 'denied' AND user_id = $1 AND resource_id = $2`, [
      user.id, groupId,
    ]);
  const patchAs = (user: TestUser, groupId: string, body: object, version: number) =>
    t.as(user).patch(`/api/v1/support-groups/${groupId}`, body, `"${version}"`);
  const reassignAs = (user: TestUser, groupId: string, facilitatorIds: string[], version: number) =>
    t.as(user).put(`/api/v1/support-groups/${groupId}/facilitators`, { facilitatorIds }).set('If-Match', `"${version}"`);

  it('refuses a clinician on no care team who names themselves facilitator: 403, audited, nothing written, roster stays closed', async () => {
    const m1 = await t.createUser('clinician');
    const group = await createGroup(t, creator, [m1.id], {
      schedule: { weekdays: ['MO'], startTime: '09:00', endTime: '10:00', firstDate: '2033-03-07', lastDate: '2033-03-21' },
    });
    await generateMeetings(t, '2033-03-01T00:00:00Z');
    const before = await meetingFacilitators(group.id);
    expect(before).toHaveLength(3);
    await t.as(creator).post(`/api/v1/support-groups/${group.id}/members`, { patientId: await patientOf(t, creator) }).expect(201);
    const c4 = await t.createUser('clinician');
    expect((await t.as(c4).get(`/api/v1/support-groups/${group.id}/members`).expect(200)).body.roster).toBeNull();

    const refused = await patchAs(c4, group.id, { facilitatorIds: [m1.id, c4.id] }, group.version).expect(403);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({
      type: FORBIDDEN, status: 403, reason: 'not_a_facilitator',
      detail: "Only one of the group's active facilitators may change its facilitators.",
    });
    expect(await versionOf(group.id)).toBe(group.version);
    expect(await facilitatorsOf(group.id)).toEqual([m1.id]);
    expect(await meetingFacilitators(group.id)).toEqual(before);
    expect(await t.count('staff_bookings', `user_id = $1`, [c4.id])).toBe(0);
    expect(await deniedAudits(c4, group.id)).toBe(1);
    expect(await t.count('audit_events', `action = 'support-group.update' AND resource_id = $1`, [group.id])).toBe(0);
    expect((await t.as(c4).get(`/api/v1/support-groups/${group.id}/members`).expect(200)).body.roster).toBeNull();

    // Whoever created the group does not facilitate it either; removing someone is a change too.
    await patchAs(creator, group.id, { facilitatorIds: [creator.id] }, group.version).expect(403);
    await patchAs(creator, group.id, { name: 'Renamed', facilitatorIds: [await t.createUser('case_manager').then((u) => u.id)] }, group.version)
      .expect(403);
    expect(await t.db.query(`SELECT name, version FROM support_groups WHERE id = $1`, [group.id])).toEqual([
      { name: 'Tuesday evening relapse prevention', version: group.version },
    ]);
    expect(await facilitatorsOf(group.id)).toEqual([m1.id]);
  });

  it('refuses a case manager who would appoint themselves to record attendance; they stay outside the group', async () => {
    const m1 = await t.createUser('case_manager');
    const patient = await patientOf(t, creator);
    const group = await createGroup(t, creator, [m1.id], {
      schedule: { weekdays: ['TH'], startTime: '13:00', endTime: '14:00', firstDate: '2025-02-06', lastDate: '2025-02-13' },
    });
    await generateMeetings(t, '2025-02-01T00:00:00Z');
    await t.as(creator).post(`/api/v1/support-groups/${group.id}/members`, { patientId: patient }).expect(201);
    await t.db.query(`UPDATE support_group_memberships SET seated_at = '2025-01-01T00:00:00Z', requested_at = '2025-01-01T00:00:00Z' WHERE group_id = $1`, [group.id]);
    const [meeting] = await meetingsOf(t, group.id);
    const cm = await t.createUser('case_manager');

    const refused = await patchAs(cm, group.id, { facilitatorIds: [m1.id, cm.id] }, group.version).expect(403);
    expect(refused.body).toMatchObject({ type: FORBIDDEN, reason: 'not_a_facilitator' });
    expect(await facilitatorsOf(group.id)).toEqual([m1.id]);
    await t.as(cm).post(`/api/v1/support-groups/${group.id}/meetings/${meeting?.id}/attendance`, { patientId: patient, status: 'absent' })
      .expect(404);
    expect(await t.count('support_group_attendance', `patient_id = $1`, [patient])).toBe(0);
    expect(await deniedAudits(cm, group.id)).toBe(1);
  });

  it("lets an active facilitator add and remove facilitators (the meetings follow); other fields keep their permission", async () => {
    const [m1, m2] = [await t.createUser('clinician'), await t.createUser('case_manager')];
    const group = await createGroup(t, creator, [m1.id], {
      schedule: { weekdays: ['WE'], startTime: '09:00', endTime: '10:00', firstDate: '2033-04-06', lastDate: '2033-04-13' },
    });
    await generateMeetings(t, '2033-04-01T00:00:00Z');

    const added = await patchAs(m1, group.id, { facilitatorIds: [m1.id, m2.id] }, group.version).expect(200);
    expect(added.body).toMatchObject({ version: group.version + 1, facilitatorIds: [m1.id, m2.id].sort() });
    await generateMeetings(t, '2033-04-01T00:00:00Z');
    expect(await t.count('support_group_meeting_facilitators f JOIN support_group_meetings mt ON mt.id = f.meeting_id',
      `mt.group_id = $1 AND mt.status = 'scheduled' AND f.user_id = $2`, [group.id, m2.id])).toBe(2);

    // m2 hands the group over to themselves alone: m1 is no longer a facilitator and cannot come back by themselves.
    const handed = await patchAs(m2, group.id, { facilitatorIds: [m2.id] }, added.body.version).expect(200);
    expect(await facilitatorsOf(group.id)).toEqual([m2.id]);
    await patchAs(m1, group.id, { facilitatorIds: [m1.id, m2.id] }, handed.body.version).expect(403);
    expect(await facilitatorsOf(group.id)).toEqual([m2.id]);

    // Anyone with support-groups.manage still edits the rest; sending the current list unchanged is no change.
    const outsider = await t.createUser('clinician');
    const renamed = await patchAs(outsider, group.id, { name: 'Wednesday SMART', facilitatorIds: [m2.id] }, handed.body.version).expect(200);
    expect(renamed.body).toMatchObject({ name: 'Wednesday SMART', facilitatorIds: [m2.id] });
    expect(await deniedAudits(outsider, group.id)).toBe(0);
  });

  it('when no facilitator is active any more, only an admin names new ones, never an admin, and only then', async () => {
    const m1 = await t.createUser('clinician');
    const group = await createGroup(t, creator, [m1.id]);
    await t.as(admin).post(`/api/v1/users/${m1.id}/deactivate`).expect(200);
    const c4 = await t.createUser('clinician');

    const orphaned = await patchAs(c4, group.id, { facilitatorIds: [c4.id] }, group.version).expect(403);
    expect(orphaned.body).toMatchObject({ type: FORBIDDEN, reason: 'no_active_facilitator' });
    expect(orphaned.body.detail).toMatch(/no active facilitator left; an admin names/);
    // The route is the admin's: clinicians are refused by permission; admins do not edit groups otherwise.
    await reassignAs(c4, group.id, [c4.id], group.version).expect(403);
    await patchAs(admin, group.id, { name: 'x' }, group.version).expect(403);

    const notStaff = await reassignAs(admin, group.id, [admin.id], group.version).expect(422);
    expect(notStaff.body).toMatchObject({ type: 'https://outpatient-program.example/problems/facilitator-not-active', facilitatorIds: [admin.id] });
    await reassignAs(admin, group.id, [c4.id], group.version + 5).expect(412);
    expect(await facilitatorsOf(group.id)).toEqual([m1.id]);
    expect(await versionOf(group.id)).toBe(group.version);

    const named = await reassignAs(admin, group.id, [c4.id], group.version).expect(200);
    expect(named.headers.etag).toBe(`"${group.version + 1}"`);
    expect(named.body).toMatchObject({ facilitatorIds: [c4.id], version: group.version + 1 });
    expect(await facilitatorsOf(group.id)).toEqual([c4.id]);

    // Now the group has an active facilitator again: the admin's part is over, c4's begins.
    const again = await reassignAs(admin, group.id, [m1.id], named.body.version).expect(403);
    expect(again.body).toMatchObject({ reason: 'not_a_facilitator' });
    expect(await facilitatorsOf(group.id)).toEqual([c4.id]);
    expect(await deniedAudits(admin, group.id)).toBe(1);
    expect(await deniedAudits(c4, group.id)).toBe(1);
  });
});
