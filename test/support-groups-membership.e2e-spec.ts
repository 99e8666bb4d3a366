import { addToCareTeam } from './support/factories';
import { patientOf } from './support/sessions-fixtures';
import { createGroup } from './support/support-groups-fixtures';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';

describe('support groups: membership, capacity and the fair waitlist', () => {
  let t: TestApp;
  let clinician: TestUser;
  let caseManager: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    clinician = await t.createUser('clinician');
    caseManager = await t.createUser('case_manager');
  });
  afterAll(() => t.close());

  const join = (user: TestUser, groupId: string, patientId: string, extra: Record<string, unknown> = {}) =>
    t.as(user).post(`/api/v1/support-groups/${groupId}/members`, { patientId, ...extra });
  const leave = (user: TestUser, groupId: string, patientId: string, reason = 'moved away') =>
    t.as(user).delete(`/api/v1/support-groups/${groupId}/members/${patientId}`).send({ reason });
  const statuses = (groupId: string) =>
    t.db.query(
      `SELECT patient_id::text, status, promoted_from_waitlist, seated_at IS NOT NULL AS seated
       FROM support_group_memberships WHERE group_id = $1 ORDER BY arrival`,
      [groupId],
    ) as Promise<{ patient_id: string; status: string; promoted_from_waitlist: boolean; seated: boolean }[]>;

  it('seats patients while seats remain, then waitlists them first come with positions', async () => {
    const group = await createGroup(t, clinician, [clinician.id], { capacity: 2 });
    const [a, b, c, d] = [await patientOf(t, clinician), await patientOf(t, clinician), await patientOf(t, clinician), await patientOf(t, clinician)];
    expect((await join(clinician, group.id, a).expect(201)).body).toMatchObject({ status: 'member', position: null, patientId: a });
    await join(clinician, group.id, b).expect(201);
    expect((await join(clinician, group.id, c).expect(201)).body).toMatchObject({ status: 'waitlisted', position: 1, seatedAt: null });
    expect((await join(clinician, group.id, d).expect(201)).body).toMatchObject({ status: 'waitlisted', position: 2 });
    const list = await t.as(clinician).get(`/api/v1/support-groups/${group.id}/members`).expect(200);
    expect(list.body).toMatchObject({ memberCount: 2, waitlistCount: 2 });
    expect(list.body.items.map((i: { patientId: string; position: number | null }) => [i.patientId, i.position])).toEqual([
      [a, null], [b, null], [c, 1], [d, 2],
    ]);
    expect(await t.count('audit_events', `action = 'support-group.join' AND patient_id = ANY($1)`, [[a, b, c, d]])).toBe(4);
  });

  it('refuses a second join of the same patient with 409, writing nothing', async () => {
    const group = await createGroup(t, clinician, [clinician.id]);
    const p = await patientOf(t, clinician);
    await join(clinician, group.id, p).expect(201);
    const again = await join(clinician, group.id, p).expect(409);
    expect(again.body.detail).toBe('The patient is already a member.');
    expect(await t.count('support_group_memberships', `group_id = $1`, [group.id])).toBe(1);
  });

  it('a leaving member frees the seat for the first waiting patient in the same transaction, alerting their case manager', async () => {
    const group = await createGroup(t, clinician, [clinician.id], { capacity: 1 });
    const [a, b, c] = [await patientOf(t, clinician), await patientOf(t, clinician), await patientOf(t, clinician)];
    await addToCareTeam(t, b, caseManager);
    for (const p of [a, b, c]) await join(clinician, group.id, p).expect(201);
    await leave(clinician, group.id, a, 'finished the program').expect(204);
    expect(await statuses(group.id)).toEqual([
      { patient_id: a, status: 'left', promoted_from_waitlist: false, seated: true },
      { patient_id: b, status: 'member', promoted_from_waitlist: true, seated: true },
      { patient_id: c, status: 'waitlisted', promoted_from_waitlist: false, seated: false },
    ]);
    const [left] = await t.db.query(`SELECT leave_reason, left_at FROM support_group_memberships WHERE patient_id = $1`, [a]);
    expect(left).toMatchObject({ leave_reason: 'finished the program', left_at: expect.any(Date) });
    const alerts = await t.db.query(`SELECT source, rule, audience, patient_id::text FROM alerts WHERE patient_id = ANY($1)`, [[a, b, c]]);
    expect(alerts).toEqual([{ source: 'support-groups', rule: 'waitlist_seat_assigned', audience: 'case_manager', patient_id: b }]);
    const cmAlerts = await t.as(caseManager).get('/api/v1/alerts').query({ patientId: b }).expect(200);
    expect(cmAlerts.body.items).toHaveLength(1);
    // The one still waiting moved up to position 1.
    const list = await t.as(clinician).get(`/api/v1/support-groups/${group.id}/members`).expect(200);
    expect(list.body.items.find((i: { patientId: string }) => i.patientId === c)).toMatchObject({ position: 1 });
    expect(await t.count('audit_events', `action = 'support-group.promote' AND patient_id = $1`, [b])).toBe(1);
    // The history is kept: the leaver's entry shows when and why; the promoted patient's shows the promotion.
    const history = await t.as(clinician).get(`/api/v1/patients/${a}/support-group-memberships`).expect(200);
    expect(history.body).toEqual([expect.objectContaining({
      groupId: group.id, status: 'left', leaveReason: 'finished the program', leftAt: expect.any(String), promotedFromWaitlist: false,
    })]);
    const promoted = await t.as(caseManager).get(`/api/v1/patients/${b}/support-group-memberships`).expect(200);
    expect(promoted.body).toEqual([expect.objectContaining({ status: 'member', promotedFromWaitlist: true, seatedAt: expect.any(String) })]);
    await t.as(await t.createUser('clinician')).get(`/api/v1/patients/${a}/support-group-memberships`).expect(404);
  });

  it('leaving the waitlist closes the gap in positions and seats nobody', async () => {
    const group = await createGroup(t, clinician, [clinician.id], { capacity: 1 });
    const [a, b, c] = [await patientOf(t, clinician), await patientOf(t, clinician), await patientOf(t, clinician)];
    for (const p of [a, b, c]) await join(clinician, group.id, p).expect(201);
    await leave(clinician, group.id, b).expect(204);
    const list = await t.as(clinician).get(`/api/v1/support-groups/${group.id}/members`).expect(200);
    expect(list.body.items.map((i: { patientId: string; position: number | null }) => [i.patientId, i.position])).toEqual([[a, null], [c, 1]]);
    await leave(clinician, group.id, b).expect(404);
  });

  it('with one seat left, 30 parallel joins give exactly one member and 29 waitlisted at positions 1..29 in arrival order', async () => {
    const group = await createGroup(t, clinician, [clinician.id], { capacity: 3 });
    for (let i = 0; i < 2; i += 1) await join(clinician, group.id, await patientOf(t, clinician)).expect(201);
    const racers: string[] = [];
    for (let i = 0; i < 30; i += 1) racers.push(await patientOf(t, clinician));
    const answers = await Promise.all(racers.map((p) => join(clinician, group.id, p)));
    expect(answers.map((r) => r.status)).toEqual(racers.map(() => 201));
    const seated = answers.filter((r) => r.body.status === 'member');
    expect(seated).toHaveLength(1);
    const waitlisted = answers.filter((r) => r.body.status === 'waitlisted');
    expect(waitlisted.map((r) => r.body.position as number).sort((x, y) => x - y)).toEqual(Array.from({ length: 29 }, (_, i) => i + 1));
    // Positions follow the order the database handed out arrivals and request times.
    const rows = (await t.db.query(
      `SELECT patient_id::text, requested_at FROM support_group_memberships WHERE group_id = $1 AND status = 'waitlisted' ORDER BY arrival`,
      [group.id],
    )) as { patient_id: string; requested_at: Date }[];
    const position = new Map(waitlisted.map((r) => [r.body.patientId as string, r.body.position as number]));
    expect(rows.map((r) => position.get(r.patient_id))).toEqual(Array.from({ length: 29 }, (_, i) => i + 1));
    expect(rows.every((r, i) => i === 0 || r.requested_at >= (rows[i - 1] as { requested_at: Date }).requested_at)).toBe(true);
    expect(await t.count('support_group_memberships', `group_id = $1 AND status = 'member'`, [group.id])).toBe(3);
  });

  it('refuses lowering capacity below the membership with 409, and raising it seats the waitlist in order', async () => {
    const group = await createGroup(t, clinician, [clinician.id], { capacity: 2 });
    const ps = [await patientOf(t, clinician), await patientOf(t, clinician), await patientOf(t, clinician), await patientOf(t, clinician)];
    for (const p of ps) await join(clinician, group.id, p).expect(201);
    const refused = await t.as(clinician).patch(`/api/v1/support-groups/${group.id}`, { capacity: 1 }, `"${group.version}"`).expect(409);
    expect(refused.body).toMatchObject({ members: 2, capacity: 1 });
    expect((await t.as(clinician).get(`/api/v1/support-groups/${group.id}`).expect(200)).body).toMatchObject({ capacity: 2, version: group.version });
    await t.as(clinician).patch(`/api/v1/support-groups/${group.id}`, { capacity: 3 }, `"${group.version}"`).expect(200);
    expect((await statuses(group.id)).map((s) => s.status)).toEqual(['member', 'member', 'member', 'waitlisted']);
    // A stale version is refused.
    await t.as(clinician).patch(`/api/v1/support-groups/${group.id}`, { name: 'Renamed' }, `"${group.version}"`).expect(412);
  });

  it('the database itself refuses a member past capacity', async () => {
    const group = await createGroup(t, clinician, [clinician.id], { capacity: 1 });
    const [a, b] = [await patientOf(t, clinician), await patientOf(t, clinician)];
    await join(clinician, group.id, a).expect(201);
    await expect(t.db.query(
      `INSERT INTO support_group_memberships (group_id, patient_id, status, seated_at, added_by) VALUES ($1, $2, 'member', now(), $3)`,
      [group.id, b, clinician.id],
    )).rejects.toThrow(/the support group is full/);
  });

  it('a closed group needs a referral', async () => {
    const group = await createGroup(t, clinician, [clinician.id], { enrollment: 'closed' });
    const p = await patientOf(t, clinician);
    await join(clinician, group.id, p).expect(422);
    expect(await t.count('support_group_memberships', `group_id = $1`, [group.id])).toBe(0);
    await join(clinician, group.id, p, { referral: 'referred by primary counselor' }).expect(201);
  });

  describe('roles and privacy', () => {
    it('lets admins read groups but not create them or change membership', async () => {
      const admin = await t.createUser('admin');
      const group = await createGroup(t, caseManager, [clinician.id]);
      await t.as(admin).get(`/api/v1/support-groups/${group.id}`).expect(200);
      await t.as(admin).post('/api/v1/support-groups', {}).expect(403);
      await t.as(admin).post(`/api/v1/support-groups/${group.id}/members`, { patientId: await patientOf(t, clinician) }).expect(403);
    });

    it('answers 404 for a patient outside the caller\'s care team, writing nothing', async () => {
      const group = await createGroup(t, clinician, [clinician.id]);
      const p = await patientOf(t, clinician);
      const outsider = await t.createUser('case_manager');
      const res = await join(outsider, group.id, p).expect(404);
      expect(res.body.detail).toBe('Patient was not found.');
      expect(await t.count('support_group_memberships', `group_id = $1`, [group.id])).toBe(0);
      await join(clinician, group.id, p).expect(201);
      await leave(outsider, group.id, p).expect(404);
      expect(await t.count('support_group_memberships', `group_id = $1 AND status = 'member'`, [group.id])).toBe(1);
    });

    it('facilitators see the roster by name only; other staff see only their own patients', async () => {
      const facilitator = await t.createUser('clinician');
      const group = await createGroup(t, clinician, [facilitator.id]);
      const p = await patientOf(t, clinician, { givenName: 'Rosa', familyName: 'Rosterly' });
      await join(clinician, group.id, p).expect(201);
      const asFacilitator = await t.as(facilitator).get(`/api/v1/support-groups/${group.id}/members`).expect(200);
      expect(asFacilitator.body.roster).toEqual([{ patientId: p, displayName: 'Rosa Rosterly', status: 'member', position: null }]);
      expect(asFacilitator.body.items).toEqual([]);
      // The roster does not open the patient's record to the facilitator.
      await t.as(facilitator).get(`/api/v1/patients/${p}`).expect(404);
      const other = await t.as(await t.createUser('case_manager')).get(`/api/v1/support-groups/${group.id}/members`).expect(200);
      expect(other.body).toEqual({ memberCount: 1, waitlistCount: 0, roster: null, items: [] });
      expect(await t.count('audit_events', `action = 'support-group.roster-read' AND patient_id = $1 AND user_id = $2`, [p, facilitator.id])).toBe(1);
    });
  });
});
