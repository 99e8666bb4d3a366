import { aftercareHelpers, CHECK_IN, checkInsUrl, today } from './support/aftercare-fixtures';
import { createGroup, generateMeetings, meetingsOf } from './support/support-groups-fixtures';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';

// Aftercare reads support-groups' published attendance: check-in prefill and the recovery timeline. Synthetic data.
describe('aftercare and support-group attendance', () => {
  let t: TestApp;
  let clinician: TestUser;
  let caseManager: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    clinician = await t.createUser('clinician');
    caseManager = await t.createUser('case_manager');
  });
  afterAll(() => t.close());

  const { withPlan } = aftercareHelpers(() => t, () => ({ clinician, caseManager }));

  /**
   * Aftercare from 1 Dec 2024; Tuesday group meetings in January 2025: present on the 7th, late on the 14th,
   * absent on the 21st; a self-reported AA meeting on Sunday the 12th.
   */
  async function patientWithAttendance(): Promise<string> {
    const { id } = await withPlan(today());
    // The API takes a start near today; the meetings below are in the past, so the plan's start is moved back.
    await t.db.query(`UPDATE aftercare_plans SET start_date = '2024-12-01', schedule_resumed_on = '2024-12-01' WHERE patient_id = $1`, [id]);
    const facilitator = await t.createUser('clinician');
    const group = await createGroup(t, clinician, [facilitator.id], {
      schedule: { weekdays: ['TU'], startTime: '18:00', endTime: '19:30', firstDate: '2025-01-07', lastDate: '2025-01-28' },
    });
    await generateMeetings(t, '2025-01-01T00:00:00Z');
    await t.as(clinician).post(`/api/v1/support-groups/${group.id}/members`, { patientId: id }).expect(201);
    await t.db.query(`UPDATE support_group_memberships SET seated_at = '2024-12-01T00:00:00Z', requested_at = '2024-12-01T00:00:00Z' WHERE group_id = $1`, [group.id]);
    const meetings = await meetingsOf(t, group.id);
    const statuses = ['present', 'late', 'absent'];
    for (const [i, status] of statuses.entries()) {
      await t.as(clinician).post(`/api/v1/support-groups/${group.id}/meetings/${meetings[i]?.id}/attendance`, { patientId: id, status }).expect(201);
    }
    await t.as(caseManager).post(`/api/v1/patients/${id}/community-meetings`, { date: '2025-01-12', kind: 'aa', name: 'Sunday night AA' }).expect(201);
    return id;
  }

  it('prefills attendance since the last check-in from group attendance, verified and self-reported apart', async () => {
    const id = await patientWithAttendance();
    // Since the aftercare start: the 7th (present, verified) and the 12th (self-reported).
    const first = await t.as(caseManager).post(checkInsUrl(id), { ...CHECK_IN, checkedInAt: '2025-01-13T12:00:00-05:00' }).expect(201);
    expect(first.body).toMatchObject({
      groupMeetingsAttended: 2, groupMeetingsVerified: 1, groupMeetingsSelfReported: 1, groupMeetingsPrefilled: true,
    });
    // Since the first check-in: the 14th (late counts as attended); the absence on the 21st does not.
    const second = await t.as(caseManager).post(checkInsUrl(id), { ...CHECK_IN, checkedInAt: '2025-01-25T12:00:00-05:00' }).expect(201);
    expect(second.body).toMatchObject({
      groupMeetingsAttended: 1, groupMeetingsVerified: 1, groupMeetingsSelfReported: 0, groupMeetingsPrefilled: true,
    });
    const stored = await t.db.query(
      `SELECT group_meetings_attended, group_meetings_verified, group_meetings_self_reported, group_meetings_prefilled
       FROM check_ins WHERE patient_id = $1 ORDER BY checked_in_at`, [id],
    );
    expect(stored).toEqual([
      { group_meetings_attended: 2, group_meetings_verified: 1, group_meetings_self_reported: 1, group_meetings_prefilled: true },
      { group_meetings_attended: 1, group_meetings_verified: 1, group_meetings_self_reported: 0, group_meetings_prefilled: true },
    ]);
  });

  it("keeps the patient's own answer as given, beside the verified and self-reported counts", async () => {
    const id = await patientWithAttendance();
    const res = await t.as(caseManager)
      .post(checkInsUrl(id), { ...CHECK_IN, checkedInAt: '2025-01-31T12:00:00-05:00', groupMeetingsAttended: 6 }).expect(201);
    expect(res.body).toMatchObject({
      groupMeetingsAttended: 6, groupMeetingsVerified: 2, groupMeetingsSelfReported: 1, groupMeetingsPrefilled: false,
    });
  });

  it('refuses a prefilled count that disagrees with its parts (a database constraint)', async () => {
    const id = await patientWithAttendance();
    await t.as(caseManager).post(checkInsUrl(id), { ...CHECK_IN, checkedInAt: '2025-01-13T12:00:00-05:00' }).expect(201);
    await expect(t.db.query(`UPDATE check_ins SET group_meetings_attended = 9 WHERE patient_id = $1`, [id])).rejects.toThrow();
  });

  it('puts verified group meetings and self-reported community meetings on the recovery timeline, in time order', async () => {
    const id = await patientWithAttendance();
    for (const user of [clinician, caseManager]) {
      const res = await t.as(user).get(`/api/v1/patients/${id}/recovery-timeline`)
        .query({ from: '2025-01-01T00:00:00Z', to: '2025-02-01T00:00:00Z' }).expect(200);
      expect(res.body.items.map((e: { at: string; kind: string; summary: string }) => [e.at, e.kind, e.summary])).toEqual([
        ['2025-01-07T23:00:00.000Z', 'group_meeting_verified', 'relapse prevention group: present'],
        ['2025-01-12T05:00:00.000Z', 'group_meeting_self_reported', 'Community meeting (aa): self-reported'],
        ['2025-01-14T23:00:00.000Z', 'group_meeting_verified', 'relapse prevention group: late'],
        ['2025-01-21T23:00:00.000Z', 'group_meeting_verified', 'relapse prevention group: absent'],
      ]);
      expect(res.body.items.every((e: { recordId: string | null }) => typeof e.recordId === 'string')).toBe(true);
    }
  });
});
