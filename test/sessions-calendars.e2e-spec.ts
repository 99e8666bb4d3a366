import { DateTime } from 'luxon';
import ical, { type VEvent } from 'node-ical';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';
import { booked, createRoom, NY, ny, patientOf } from './support/sessions-fixtures';

function events(text: string): VEvent[] {
  return Object.values(ical.sync.parseICS(text)).filter((c): c is VEvent => c?.type === 'VEVENT');
}
const textOf = (value: VEvent['summary'] | undefined): string | undefined =>
  typeof value === 'object' && value !== null ? value.val : value;

describe('sessions: iCalendar feeds', () => {
  let t: TestApp;
  let admin: TestUser;
  let clinician: TestUser;
  let patient: string;
  let groupId: string;
  let individualId: string;
  let cancelledId: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.createUser('admin');
    clinician = await t.createUser('clinician');
    patient = await patientOf(t, clinician, { givenName: 'Zephyrine', familyName: 'Quillfeather' });
    const other = await patientOf(t, clinician, { givenName: 'Ottoline', familyName: 'Brackenbury' });
    const room = await createRoom(t, admin, 'Cedar room, 2nd floor', 10);
    groupId = (await booked(t, clinician, {
      kind: 'group', startsAt: ny('2030-03-06T18:00'), endsAt: ny('2030-03-06T19:30'), roomId: room,
      clinicianIds: [clinician.id], patientIds: [patient, other],
    })).id;
    individualId = (await booked(t, clinician, {
      startsAt: ny('2030-03-09T10:00'), endsAt: ny('2030-03-09T11:00'), clinicianIds: [clinician.id], patientIds: [patient],
    })).id;
    cancelledId = (await booked(t, clinician, {
      startsAt: ny('2030-03-10T10:00'), endsAt: ny('2030-03-10T11:00'), clinicianIds: [clinician.id], patientIds: [other],
    })).id;
    await t.as(clinician).post(`/api/v1/sessions/${cancelledId}/cancel`).send({ reason: 'snow', by: 'program' }).expect(200);
  });
  afterAll(() => t.close());

  const range = { from: ny('2030-03-01T00:00'), to: ny('2030-04-01T00:00') };

  it("exports a clinician's sessions as iCalendar a parser reads back, with stable UIDs and cancelled ones marked", async () => {
    const res = await t.as(clinician).get(`/api/v1/clinicians/${clinician.id}/calendar.ics`).query(range).expect(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const text = res.text;
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(text).toContain('X-WR-TIMEZONE:America/New_York');
    const parsed = events(text);
    expect(parsed.map((e) => [e.uid, e.start.toISOString(), e.end?.toISOString(), textOf(e.summary), e.status, e.sequence])).toEqual([
      [`${groupId}@outpatient-program`, '2030-03-06T23:00:00.000Z', '2030-03-07T00:30:00.000Z', 'Group therapy', 'CONFIRMED', 0],
      [`${individualId}@outpatient-program`, '2030-03-09T15:00:00.000Z', '2030-03-09T16:00:00.000Z', 'Individual counseling', 'CONFIRMED', 0],
      [`${cancelledId}@outpatient-program`, '2030-03-10T14:00:00.000Z', '2030-03-10T15:00:00.000Z', 'Individual counseling', 'CANCELLED', 1],
    ]);
    expect(textOf(parsed[0]?.location)).toBe('Cedar room, 2nd floor');
    // No patient is named (or identified) in a clinician's calendar.
    for (const word of ['Zephyrine', 'Quillfeather', 'Ottoline', 'Brackenbury', patient]) expect(text).not.toContain(word);
  });

  it('shows a subscriber (no range given) every session booked up to the documented 18-month horizon', async () => {
    const subscriber = await patientOf(t, clinician);
    const at = (months: number) => DateTime.now().setZone(NY).plus({ months }).set({ hour: 10, minute: 0, second: 0, millisecond: 0 });
    const sessionAt = async (months: number) => (await booked(t, clinician, {
      startsAt: at(months).toISO() as string, endsAt: at(months).plus({ hours: 1 }).toISO() as string,
      clinicianIds: [clinician.id], patientIds: [subscriber],
    })).id;
    const soon = await sessionAt(1);
    const in13Months = await sessionAt(13);
    const in17Months = await sessionAt(17);
    const in19Months = await sessionAt(19);
    const res = await t.as(clinician).get(`/api/v1/clinicians/${clinician.id}/calendar.ics`).expect(200);
    const uids = events(res.text).map((e) => e.uid);
    expect(uids).toEqual(expect.arrayContaining([soon, in13Months, in17Months].map((id) => `${id}@outpatient-program`)));
    expect(uids).not.toContain(`${in19Months}@outpatient-program`);
    const patientFeed = await t.as(clinician).get(`/api/v1/patients/${subscriber}/calendar.ics`).expect(200);
    expect(events(patientFeed.text).map((e) => e.uid)).toContain(`${in17Months}@outpatient-program`);
  });

  it('keeps UIDs stable and bumps SEQUENCE when a session is rescheduled', async () => {
    const fresh = await patientOf(t, clinician);
    const s = await booked(t, clinician, {
      startsAt: ny('2030-03-20T10:00'), endsAt: ny('2030-03-20T11:00'), clinicianIds: [clinician.id], patientIds: [fresh],
    });
    await t.as(clinician).patch(`/api/v1/sessions/${s.id}`).set('If-Match', '"1"').send({ startsAt: ny('2030-03-21T10:00') }).expect(200);
    const res = await t.as(clinician).get(`/api/v1/clinicians/${clinician.id}/calendar.ics`).query(range).expect(200);
    const event = events(res.text).find((e) => e.uid === `${s.id}@outpatient-program`);
    expect(event?.start.toISOString()).toBe('2030-03-21T14:00:00.000Z');
    expect(event?.sequence).toBe(1);
  });

  it("exports a patient's sessions to the care team only", async () => {
    const res = await t.as(clinician).get(`/api/v1/patients/${patient}/calendar.ics`).query(range).expect(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(events(res.text).map((e) => e.uid)).toEqual([`${groupId}@outpatient-program`, `${individualId}@outpatient-program`]);
    expect(await t.count('audit_events', `action = 'calendar.read' AND patient_id = $1`, [patient])).toBe(1);

    const outsider = await t.createUser('clinician');
    const refused = await t.as(outsider).get(`/api/v1/patients/${patient}/calendar.ics`).query(range).expect(404);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    await t.as(admin).get(`/api/v1/patients/${patient}/calendar.ics`).expect(403);
  });

  it("shows a patient's own cancellation of a group place as cancelled in their calendar", async () => {
    const pastGroup = await booked(t, clinician, {
      kind: 'group', startsAt: ny('2025-03-05T18:00'), endsAt: ny('2025-03-05T19:00'), clinicianIds: [clinician.id], patientIds: [patient],
    });
    await t.as(clinician).post(`/api/v1/sessions/${pastGroup.id}/attendance`).send({ patientId: patient, status: 'cancelled' }).expect(201);
    const res = await t.as(clinician).get(`/api/v1/patients/${patient}/calendar.ics`)
      .query({ from: ny('2025-03-01T00:00'), to: ny('2025-04-01T00:00') }).expect(200);
    expect(events(res.text).map((e) => e.status)).toEqual(['CANCELLED']);
  });

  it('needs a token like every route, and answers 404 for an unknown clinician', async () => {
    await t.http().get(`/api/v1/clinicians/${clinician.id}/calendar.ics`).expect(401);
    await t.http().get(`/api/v1/patients/${patient}/calendar.ics`).expect(401);
    const caseManager = await t.createUser('case_manager');
    await t.as(caseManager).get(`/api/v1/clinicians/${caseManager.id}/calendar.ics`).expect(404);
    await t.as(caseManager).get(`/api/v1/clinicians/${clinician.id}/calendar.ics`).query({ from: 'yesterday' }).expect(400);
  });
});
