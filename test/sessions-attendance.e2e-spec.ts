import { addToCareTeam } from './support/factories';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';
import { booked, ny, patientOf } from './support/sessions-fixtures';

describe('sessions: attendance, no-show alerts and IOP hours', () => {
  let t: TestApp;
  let clinician: TestUser;
  let caseManager: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    clinician = await t.createUser('clinician');
    caseManager = await t.createUser('case_manager');
  });
  afterAll(() => t.close());

  /** A past session of one patient with the clinician, `hours` long, starting at a New York local time. */
  const pastSession = async (patient: string, local: string, hours = 1, kind = 'individual') => {
    const start = ny(local);
    const end = new Date(new Date(start).getTime() + hours * 3_600_000).toISOString();
    return (await booked(t, clinician, { kind, startsAt: start, endsAt: end, clinicianIds: [clinician.id], patientIds: [patient] })).id;
  };
  const record = (user: TestUser, sessionId: string, body: Record<string, unknown>) =>
    t.as(user).post(`/api/v1/sessions/${sessionId}/attendance`).send(body);

  describe('recording attendance', () => {
    it('records attendance per patient, and a correction replaces it', async () => {
      const patient = await patientOf(t, clinician);
      await addToCareTeam(t, patient, caseManager);
      const s = await pastSession(patient, '2025-02-03T10:00');
      const first = await record(caseManager, s, { patientId: patient, status: 'attended' }).expect(201);
      expect(first.body).toMatchObject({ sessionId: s, patientId: patient, status: 'attended', minutesAttended: null, recordedBy: caseManager.id });
      const fixed = await record(clinician, s, { patientId: patient, status: 'late', minutesAttended: 40 }).expect(201);
      expect(fixed.body).toMatchObject({ status: 'late', minutesAttended: 40, recordedBy: clinician.id });
      expect(await t.count('session_attendance', `session_id = $1`, [s])).toBe(1);
      expect(await t.count('audit_events', `action = 'attendance.record' AND patient_id = $1`, [patient])).toBe(2);
      const [correction] = await t.db.query(
        `SELECT details FROM audit_events WHERE action = 'attendance.record' AND patient_id = $1 ORDER BY id DESC LIMIT 1`, [patient]);
      expect(correction.details).toMatchObject({ status: 'late', minutesAttended: 40, previousStatus: 'attended', previousMinutesAttended: null });
      const list = await t.as(caseManager).get(`/api/v1/sessions/${s}/attendance`).expect(200);
      expect(list.body).toEqual([expect.objectContaining({ patientId: patient, status: 'late', minutesAttended: 40 })]);
    });

    it('needs minutes for late and left_early, refuses them for no_show, and caps them at the duration', async () => {
      const patient = await patientOf(t, clinician);
      const s = await pastSession(patient, '2025-02-04T10:00'); // 60 minutes
      const late = await record(clinician, s, { patientId: patient, status: 'late' }).expect(400);
      expect(late.body.errors).toEqual([{ field: 'minutesAttended', message: 'is required when status is late' }]);
      await record(clinician, s, { patientId: patient, status: 'left_early' }).expect(400);
      await record(clinician, s, { patientId: patient, status: 'no_show', minutesAttended: 10 }).expect(400);
      const long = await record(clinician, s, { patientId: patient, status: 'left_early', minutesAttended: 61 }).expect(400);
      expect(long.body.errors).toEqual([{ field: 'minutesAttended', message: "must be at most the session's duration (60 minutes)" }]);
      await record(clinician, s, { patientId: patient, status: 'excused' }).expect(400);
      expect(await t.count('session_attendance', `session_id = $1`, [s])).toBe(0);
      await record(clinician, s, { patientId: patient, status: 'left_early', minutesAttended: 60 }).expect(201);
    });

    it('refuses attendance before the session starts, for a cancelled session, and for a patient not booked', async () => {
      const [patient, other] = [await patientOf(t, clinician), await patientOf(t, clinician)];
      const future = (await booked(t, clinician, {
        startsAt: ny('2031-05-05T10:00'), endsAt: ny('2031-05-05T11:00'), clinicianIds: [clinician.id], patientIds: [patient],
      })).id;
      await record(clinician, future, { patientId: patient, status: 'attended' }).expect(422);
      const cancelled = await pastSession(patient, '2025-02-05T10:00');
      await t.as(clinician).post(`/api/v1/sessions/${cancelled}/cancel`).send({ reason: 'ill', by: 'patient' }).expect(200);
      await record(clinician, cancelled, { patientId: patient, status: 'attended' }).expect(422);
      const s = await pastSession(patient, '2025-02-06T10:00');
      await record(clinician, s, { patientId: other, status: 'attended' }).expect(422);
      expect(await t.count('session_attendance', `session_id IN ($1, $2, $3)`, [future, cancelled, s])).toBe(0);
    });

    it('answers 404 outside the care team and 403 to admins, writing nothing', async () => {
      const patient = await patientOf(t, clinician);
      const s = await pastSession(patient, '2025-02-07T10:00');
      await record(await t.createUser('case_manager'), s, { patientId: patient, status: 'attended' }).expect(404);
      await record(await t.createUser('admin'), s, { patientId: patient, status: 'attended' }).expect(403);
      expect(await t.count('session_attendance', `session_id = $1`, [s])).toBe(0);
      const outsider = await t.createUser('clinician');
      const list = await t.as(outsider).get(`/api/v1/sessions/${s}/attendance`).expect(200);
      expect(list.body).toEqual([]);
    });

    it('does not move or cancel a session whose attendance is recorded', async () => {
      const patient = await patientOf(t, clinician);
      const s = await pastSession(patient, '2025-02-10T10:00');
      await record(clinician, s, { patientId: patient, status: 'attended' }).expect(201);
      await t.as(clinician).patch(`/api/v1/sessions/${s}`).set('If-Match', '"1"').send({ startsAt: ny('2025-02-10T12:00') }).expect(422);
      await t.as(clinician).post(`/api/v1/sessions/${s}/cancel`).send({ reason: 'late cancel', by: 'program' }).expect(422);
      expect(await t.count('sessions', `id = $1 AND status = 'scheduled' AND version = 1`, [s])).toBe(1);
    });
  });

  describe('consecutive no-shows', () => {
    const alerts = (patient: string) =>
      t.db.query(`SELECT source, rule, severity, audience, message, reading FROM alerts WHERE patient_id = $1 ORDER BY raised_at`, [patient]);

    it('raises one engagement alert for the case manager at two consecutive no-shows, once per streak', async () => {
      const patient = await patientOf(t, clinician, { givenName: 'Perpetua', familyName: 'Noshowington' });
      await addToCareTeam(t, patient, caseManager);
      const s = [];
      for (let day = 10; day <= 16; day += 1) s.push(await pastSession(patient, `2025-03-${day}T09:00`));
      await record(clinician, s[0] as string, { patientId: patient, status: 'attended' }).expect(201);
      await record(clinician, s[1] as string, { patientId: patient, status: 'no_show' }).expect(201);
      expect(await alerts(patient)).toEqual([]);
      await record(clinician, s[2] as string, { patientId: patient, status: 'no_show' }).expect(201);
      const raised = await alerts(patient);
      expect(raised).toEqual([{
        source: 'sessions', rule: 'consecutive_no_shows', severity: 'warning', audience: 'case_manager',
        message: expect.any(String), reading: { consecutiveMissed: 2, occasionIds: [s[1], s[2]], threshold: 2 },
      }]);
      expect(raised[0].message).not.toMatch(/Perpetua|Noshowington/);
      // A third no-show continues the same streak: no second alert.
      await record(clinician, s[3] as string, { patientId: patient, status: 'no_show' }).expect(201);
      expect(await alerts(patient)).toHaveLength(1);
      // Attending ends the streak; the next two no-shows are a new streak and a new alert.
      await record(clinician, s[4] as string, { patientId: patient, status: 'attended' }).expect(201);
      await record(clinician, s[5] as string, { patientId: patient, status: 'no_show' }).expect(201);
      expect(await alerts(patient)).toHaveLength(1);
      await record(clinician, s[6] as string, { patientId: patient, status: 'no_show' }).expect(201);
      expect(await alerts(patient)).toHaveLength(2);

      const forCaseManager = await t.as(caseManager).get('/api/v1/alerts').query({ patientId: patient }).expect(200);
      expect(forCaseManager.body.items).toHaveLength(2);
      const forClinician = await t.as(clinician).get('/api/v1/alerts').query({ patientId: patient }).expect(200);
      expect(forClinician.body.items).toHaveLength(0);
    });

    it('judges "consecutive" in session order, skipping sessions the program cancelled', async () => {
      const patient = await patientOf(t, clinician);
      const a = await pastSession(patient, '2025-04-07T09:00');
      const cancelled = await pastSession(patient, '2025-04-08T09:00');
      const b = await pastSession(patient, '2025-04-09T09:00');
      await t.as(clinician).post(`/api/v1/sessions/${cancelled}/cancel`).send({ reason: 'closure', by: 'program' }).expect(200);
      // Recorded out of order: the later session first.
      await record(clinician, b, { patientId: patient, status: 'no_show' }).expect(201);
      await record(clinician, a, { patientId: patient, status: 'no_show' }).expect(201);
      expect(await alerts(patient)).toHaveLength(1);
    });

    it('does not count two no-shows separated by attendance', async () => {
      const patient = await patientOf(t, clinician);
      const [a, b, c] = [
        await pastSession(patient, '2025-04-14T09:00'), await pastSession(patient, '2025-04-15T09:00'), await pastSession(patient, '2025-04-16T09:00'),
      ];
      await record(clinician, a, { patientId: patient, status: 'no_show' }).expect(201);
      await record(clinician, b, { patientId: patient, status: 'left_early', minutesAttended: 20 }).expect(201);
      await record(clinician, c, { patientId: patient, status: 'no_show' }).expect(201);
      expect(await alerts(patient)).toEqual([]);
    });

    it('uses the no-show threshold setting', async () => {
      const admin = await t.createUser('admin');
      await t.as(admin).put('/api/v1/settings/sessions.no-show-alert').send({ value: { consecutiveNoShows: 3 } }).expect(200);
      try {
        const patient = await patientOf(t, clinician);
        const ids = [
          await pastSession(patient, '2025-04-21T09:00'), await pastSession(patient, '2025-04-22T09:00'), await pastSession(patient, '2025-04-23T09:00'),
        ];
        await record(clinician, ids[0] as string, { patientId: patient, status: 'no_show' }).expect(201);
        await record(clinician, ids[1] as string, { patientId: patient, status: 'no_show' }).expect(201);
        expect(await alerts(patient)).toEqual([]);
        await record(clinician, ids[2] as string, { patientId: patient, status: 'no_show' }).expect(201);
        expect(await alerts(patient)).toHaveLength(1);
      } finally {
        await t.db.query(`DELETE FROM settings WHERE key = 'sessions.no-show-alert'`);
      }
    });
  });

  describe('IOP hours', () => {
    it('reports scheduled and attended hours per Monday-Sunday week against the 9-hour target', async () => {
      const patient = await patientOf(t, clinician);
      await addToCareTeam(t, patient, caseManager);
      // Week of Monday 6 January 2025: three attended 3-hour evenings = 9 hours, target met.
      for (const day of ['2025-01-06', '2025-01-08', '2025-01-10']) {
        const s = await pastSession(patient, `${day}T18:00`, 3, 'group');
        await record(clinician, s, { patientId: patient, status: 'attended' }).expect(201);
      }
      // Week of 13 January: attended 3 h, late (2 h attended), a no-show, and a cancelled session.
      const w2 = [
        await pastSession(patient, '2025-01-13T18:00', 3, 'group'),
        await pastSession(patient, '2025-01-15T18:00', 3, 'group'),
        await pastSession(patient, '2025-01-17T18:00', 3, 'group'),
        await pastSession(patient, '2025-01-19T18:00', 3, 'group'), // Sunday evening: still this week
      ];
      await record(clinician, w2[0] as string, { patientId: patient, status: 'attended' }).expect(201);
      await record(clinician, w2[1] as string, { patientId: patient, status: 'late', minutesAttended: 120 }).expect(201);
      await record(clinician, w2[2] as string, { patientId: patient, status: 'no_show' }).expect(201);
      await t.as(clinician).post(`/api/v1/sessions/${w2[3]}/cancel`).send({ reason: 'holiday', by: 'program' }).expect(200);

      await t.db.query(
        `INSERT INTO level_of_care_assessments (patient_id, d1_intoxication_withdrawal, d2_biomedical, d3_emotional_behavioral,
           d4_readiness_to_change, d5_relapse_potential, d6_recovery_environment, recommended_level, outcome, recorded_by)
         VALUES ($1, 1, 0, 1, 2, 2, 1, '2.1', 'accepted', $2)`,
        [patient, clinician.id],
      );
      const res = await t.as(caseManager).get(`/api/v1/patients/${patient}/iop-hours`)
        .query({ from: '2025-01-08', to: '2025-01-20' }).expect(200);
      expect(res.body).toEqual({
        patientId: patient,
        levelOfCare: '2.1',
        intensiveOutpatient: true,
        timeZone: 'America/New_York',
        targetHours: 9,
        weeks: [
          { weekStart: '2025-01-06', weekEnd: '2025-01-12', scheduledHours: 9, attendedHours: 9, targetHours: 9, metTarget: true },
          { weekStart: '2025-01-13', weekEnd: '2025-01-19', scheduledHours: 9, attendedHours: 5, targetHours: 9, metTarget: false },
          { weekStart: '2025-01-20', weekEnd: '2025-01-26', scheduledHours: 0, attendedHours: 0, targetHours: 9, metTarget: false },
        ],
      });
      expect(await t.count('audit_events', `action = 'iop-hours.read' AND patient_id = $1`, [patient])).toBe(1);
    });

    it('refuses other care teams (404), admins (403) and malformed ranges (400)', async () => {
      const patient = await patientOf(t, clinician);
      const url = `/api/v1/patients/${patient}/iop-hours`;
      await t.as(await t.createUser('clinician')).get(url).query({ from: '2025-01-01', to: '2025-01-31' }).expect(404);
      await t.as(await t.createUser('admin')).get(url).query({ from: '2025-01-01', to: '2025-01-31' }).expect(403);
      const none = await t.as(clinician).get(url).query({ from: '2025-01-01', to: '2025-01-05' }).expect(200);
      expect(none.body).toMatchObject({ levelOfCare: null, intensiveOutpatient: false });
      await t.as(clinician).get(url).query({ from: '2025-01-31', to: '2025-01-01' }).expect(400);
      await t.as(clinician).get(url).query({ from: '2025-01-01', to: '2027-01-01' }).expect(400);
      await t.as(clinician).get(url).query({ from: '2025-01-01T00:00:00Z', to: '2025-01-31' }).expect(400);
    });
  });
});
