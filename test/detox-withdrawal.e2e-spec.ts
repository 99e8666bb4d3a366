import { JobRunner } from '../src/platform/jobs/job-runner.service';
import { addToCareTeam } from './support/factories';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';
import { ciwaAnswers, detoxPatient, startEpisode } from './support/detox-fixtures';

const HOUR = 3600_000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();

describe('detox withdrawal scales and reassessment', () => {
  let t: TestApp;
  let clinician: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    clinician = await t.createUser('clinician');
    admin = await t.createUser('admin');
  });
  afterAll(() => t.close());

  const url = (patientId: string) => `/api/v1/patients/${patientId}/withdrawal-assessments`;

  async function patientInEpisode(by: TestUser = clinician, startedHoursAgo = 48): Promise<{ id: string; episodeId: string }> {
    const patient = await detoxPatient(t, by);
    const episode = await startEpisode(t, by, patient.id, { startedAt: ago(startedHoursAgo) });
    return { id: patient.id, episodeId: episode.id };
  }

  describe('scoring', () => {
    it('scores CIWA-Ar answers given in item order and returns when the next assessment is due', async () => {
      const patient = await patientInEpisode();
      const res = await t.as(clinician).post(url(patient.id))
        .send({ scale: 'CIWA-Ar', answers: ciwaAnswers(12), assessedAt: ago(1) }).expect(201);
      expect(res.body).toMatchObject({ scale: 'CIWA-Ar', scaleVersion: '1989', total: 12, band: 'moderate', monitoringComplete: false });
      expect(Date.parse(res.body.nextDueAt) - Date.parse(res.body.assessedAt)).toBe(4 * HOUR);
      expect(res.body.itemScores).toMatchObject({ nausea_vomiting: 7, tremor: 5, orientation: 0 });
      const [row] = await t.db.query(`SELECT total, band, next_due_at FROM withdrawal_assessments WHERE id = $1`, [res.body.id]);
      expect(row).toMatchObject({ total: 12, band: 'moderate' });
      expect(new Date(row.next_due_at).toISOString()).toBe(res.body.nextDueAt);
    });

    it('scores answers keyed by item and applies the band interval (severe: hourly, minimal: 8 hours)', async () => {
      const patient = await patientInEpisode();
      const severe = await t.as(clinician).post(url(patient.id))
        .send({ scale: 'CIWA-Ar', answers: ciwaAnswers(16) }).expect(201);
      expect(severe.body.band).toBe('severe');
      expect(Date.parse(severe.body.nextDueAt) - Date.parse(severe.body.assessedAt)).toBe(HOUR);
      const keyed = {
        resting_pulse: 1, sweating: 0, restlessness: 1, pupil_size: 1, bone_joint_aches: 1, runny_nose_tearing: 0,
        gi_upset: 0, tremor: 0, yawning: 1, anxiety_irritability: 1, gooseflesh: 0,
      };
      const cows = await t.as(clinician).post(url(patient.id)).send({ scale: 'COWS', answers: keyed }).expect(201);
      expect(cows.body).toMatchObject({ total: 6, band: 'mild' });
      expect(Date.parse(cows.body.nextDueAt) - Date.parse(cows.body.assessedAt)).toBe(8 * HOUR);
    });

    it('refuses invalid answers whole with a 400 naming each item, and writes nothing', async () => {
      const patient = await patientInEpisode();
      const ciwa = await t.as(clinician).post(url(patient.id))
        .send({ scale: 'CIWA-Ar', answers: [0, 0, 0, 0, 0, 0, 0, 0, 8, 5] }).expect(400);
      expect(ciwa.body.errors.map((e: { field: string }) => e.field)).toEqual(['answers.headache', 'answers.orientation']);
      const cows = await t.as(clinician).post(url(patient.id))
        .send({ scale: 'COWS', answers: [3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] }).expect(400);
      expect(cows.body.errors).toEqual([{ field: 'answers.resting_pulse', message: 'must be one of 0, 1, 2, 4' }]);
      const short = await t.as(clinician).post(url(patient.id)).send({ scale: 'COWS', answers: [0, 0] }).expect(400);
      expect(short.body.errors).toHaveLength(9);
      const scale = await t.as(clinician).post(url(patient.id)).send({ scale: 'CIWA', answers: [] }).expect(400);
      expect(scale.body.errors[0].field).toBe('scale');
      const future = await t.as(clinician).post(url(patient.id))
        .send({ scale: 'CIWA-Ar', answers: ciwaAnswers(3), assessedAt: new Date(Date.now() + HOUR).toISOString() }).expect(400);
      expect(future.body.errors[0].field).toBe('assessedAt');
      expect(await t.count('withdrawal_assessments', 'patient_id = $1', [patient.id])).toBe(0);
    });

    it('raises alerts for severe CIWA-Ar and for moderately severe and severe COWS', async () => {
      const patient = await patientInEpisode();
      const ciwa = await t.as(clinician).post(url(patient.id)).send({ scale: 'CIWA-Ar', answers: ciwaAnswers(16) }).expect(201);
      expect(ciwa.body.alerts).toEqual([expect.objectContaining({ rule: 'ciwa_severe', severity: 'urgent', audience: 'clinician' })]);
      const modSevere = [4, 4, 5, 5, 4, 2, 1, 0, 0, 0, 0]; // 25
      const cows25 = await t.as(clinician).post(url(patient.id)).send({ scale: 'COWS', answers: modSevere }).expect(201);
      expect(cows25.body).toMatchObject({ total: 25, band: 'moderately_severe' });
      expect(cows25.body.alerts).toEqual([expect.objectContaining({ rule: 'cows_moderately_severe', severity: 'urgent' })]);
      const severe = [4, 4, 5, 5, 4, 4, 5, 4, 2, 0, 0]; // 37
      const cows37 = await t.as(clinician).post(url(patient.id)).send({ scale: 'COWS', answers: severe }).expect(201);
      expect(cows37.body.alerts).toEqual([expect.objectContaining({ rule: 'cows_severe', severity: 'emergency', audience: 'care_team' })]);
      const rows = await t.db.query(`SELECT rule, reading_id FROM alerts WHERE patient_id = $1 ORDER BY raised_at`, [patient.id]);
      expect(rows).toEqual([
        { rule: 'ciwa_severe', reading_id: ciwa.body.id },
        { rule: 'cows_moderately_severe', reading_id: cows25.body.id },
        { rule: 'cows_severe', reading_id: cows37.body.id },
      ]);
    });

    it('ends CIWA-Ar monitoring after 24 hours of scores under 10', async () => {
      const patient = await patientInEpisode();
      // Every 8 hours, on time: 30, 22 and 14 hours ago, then the fourth score 24 hours after the first.
      for (const hours of [30, 22, 14]) {
        const res = await t.as(clinician).post(url(patient.id))
          .send({ scale: 'CIWA-Ar', answers: ciwaAnswers(4), assessedAt: ago(hours) }).expect(201);
        expect(res.body.monitoringComplete).toBe(false);
      }
      const last = await t.as(clinician).post(url(patient.id))
        .send({ scale: 'CIWA-Ar', answers: ciwaAnswers(2), assessedAt: ago(6) }).expect(201);
      expect(last.body).toMatchObject({ monitoringComplete: true, nextDueAt: null });
    });

    it('does not count a missed reassessment toward the 24 hours', async () => {
      const patient = await patientInEpisode();
      // 30 and 22 hours ago, then nothing for 16 hours: the 14-hours-ago reassessment was missed.
      for (const hours of [30, 22]) {
        await t.as(clinician).post(url(patient.id)).send({ scale: 'CIWA-Ar', answers: ciwaAnswers(4), assessedAt: ago(hours) }).expect(201);
      }
      const afterGap = await t.as(clinician).post(url(patient.id))
        .send({ scale: 'CIWA-Ar', answers: ciwaAnswers(2), assessedAt: ago(6) }).expect(201);
      expect(afterGap.body.monitoringComplete).toBe(false);
      expect(Date.parse(afterGap.body.nextDueAt) - Date.parse(afterGap.body.assessedAt)).toBe(8 * HOUR);
    });

    it('reassesses hourly from a stricter CIWA-Ar severe threshold an admin sets, not only alerts', async () => {
      await t.as(admin).put('/api/v1/settings/alert-rules').send({ value: { ciwaSevere: 14 } }).expect(200);
      await t.settled();
      try {
        const patient = await patientInEpisode();
        const res = await t.as(clinician).post(url(patient.id)).send({ scale: 'CIWA-Ar', answers: ciwaAnswers(14) }).expect(201);
        expect(res.body.band).toBe('moderate');
        expect(Date.parse(res.body.nextDueAt) - Date.parse(res.body.assessedAt)).toBe(HOUR);
        const below = await t.as(clinician).post(url(patient.id)).send({ scale: 'CIWA-Ar', answers: ciwaAnswers(13) }).expect(201);
        expect(Date.parse(below.body.nextDueAt) - Date.parse(below.body.assessedAt)).toBe(4 * HOUR);
      } finally {
        await t.db.query(`DELETE FROM settings WHERE key = 'alert-rules'`);
        await t.settled();
      }
    });

    it('refuses to stop CIWA-Ar monitoring after fewer than 24 hours under 10, and stores nothing', async () => {
      const res = await t.as(admin).put('/api/v1/settings/detox.reassessment')
        .send({ value: { overdueGraceMinutes: 15, ciwaStopAfterHoursUnder10: 12 } }).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['value.ciwaStopAfterHoursUnder10']);
      expect(await t.count('settings', `key = 'detox.reassessment'`)).toBe(0);
    });

    it('uses the reassessment intervals an admin sets', async () => {
      const bad = await t.as(admin).put('/api/v1/settings/detox.reassessment-intervals')
        .send({ value: { 'CIWA-Ar': { severe: 0, moderate: 120, minimal: 480 } } }).expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['value.CIWA-Ar.severe', 'value.COWS']);
      const longer = await t.as(admin).put('/api/v1/settings/detox.reassessment-intervals').send({
        value: { 'CIWA-Ar': { severe: 1440, moderate: 240, minimal: 480 }, COWS: { severe: 240, moderately_severe: 240, moderate: 240, mild: 480, none: 720 } },
      }).expect(400);
      expect(longer.body.errors).toEqual([{
        field: 'value.CIWA-Ar.severe', message: 'must be 60 or less: a setting may make reassessment more frequent, never less',
      }]);
      expect(await t.count('settings', `key = 'detox.reassessment-intervals'`)).toBe(0);
      await t.as(admin).put('/api/v1/settings/detox.reassessment-intervals').send({
        value: { 'CIWA-Ar': { severe: 30, moderate: 120, minimal: 480 }, COWS: { severe: 240, moderately_severe: 240, moderate: 240, mild: 480, none: 720 } },
      }).expect(200);
      const patient = await patientInEpisode();
      const res = await t.as(clinician).post(url(patient.id)).send({ scale: 'CIWA-Ar', answers: ciwaAnswers(11) }).expect(201);
      expect(Date.parse(res.body.nextDueAt) - Date.parse(res.body.assessedAt)).toBe(2 * HOUR);
      await t.db.query(`DELETE FROM settings WHERE key = 'detox.reassessment-intervals'`);
      await t.settled();
    });

    it('lists a patient\'s assessments in time order, filtered by scale', async () => {
      const patient = await patientInEpisode();
      await t.as(clinician).post(url(patient.id)).send({ scale: 'CIWA-Ar', answers: ciwaAnswers(5), assessedAt: ago(2) }).expect(201);
      await t.as(clinician).post(url(patient.id)).send({ scale: 'CIWA-Ar', answers: ciwaAnswers(9), assessedAt: ago(6) }).expect(201);
      await t.as(clinician).post(url(patient.id)).send({ scale: 'COWS', answers: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] }).expect(201);
      const ciwa = await t.as(clinician).get(url(patient.id)).query({ scale: 'CIWA-Ar' }).expect(200);
      expect(ciwa.body.items.map((a: { total: number }) => a.total)).toEqual([9, 5]);
      expect(ciwa.body.total).toBe(2);
    });
  });

  describe('reassessments due', () => {
    it("lists the caller's patients in open episodes with their last score, soonest due first", async () => {
      const nurse = await t.createUser('clinician');
      const a = await patientInEpisode(nurse);
      await t.as(nurse).post(url(a.id)).send({ scale: 'CIWA-Ar', answers: ciwaAnswers(12), assessedAt: ago(5) }).expect(201);
      const b = await patientInEpisode(nurse);
      await t.as(nurse).post(url(b.id)).send({ scale: 'COWS', answers: [1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0] }).expect(201);
      const c = await patientInEpisode(nurse, 2);
      const notMine = await patientInEpisode(clinician);
      await t.as(clinician).post(url(notMine.id)).send({ scale: 'CIWA-Ar', answers: ciwaAnswers(20), assessedAt: ago(9) }).expect(201);
      const ended = await patientInEpisode(nurse);
      await t.as(nurse).post(`/api/v1/patients/${ended.id}/detox-episodes/${ended.episodeId}/end`).send({ outcome: 'completed' }).expect(200);

      const res = await t.as(nurse).get('/api/v1/detox/reassessments-due').expect(200);
      expect(res.body.total).toBe(3);
      expect(res.body.items.map((i: { patientId: string }) => i.patientId)).toEqual([c.id, a.id, b.id]);
      expect(res.body.items[0]).toMatchObject({ scale: null, lastTotal: null, overdue: true, episodeId: c.episodeId });
      expect(res.body.items[1]).toMatchObject({ scale: 'CIWA-Ar', lastTotal: 12, lastBand: 'moderate', overdue: true });
      expect(res.body.items[2]).toMatchObject({ scale: 'COWS', lastTotal: 6, lastBand: 'mild', overdue: false });
      expect(res.body.items[1].mrn).toMatch(/^MRN\d{7}$/);
      expect(Date.parse(res.body.items[1].dueAt) - Date.parse(res.body.items[1].lastAssessedAt)).toBe(4 * HOUR);
    });

    it('reopens completed CIWA-Ar monitoring when a severe score is entered late, with the due time from the latest score', async () => {
      const nurse = await t.createUser('clinician');
      const patient = await patientInEpisode(nurse);
      for (const hours of [30, 22, 14, 6]) {
        await t.as(nurse).post(url(patient.id)).send({ scale: 'CIWA-Ar', answers: ciwaAnswers(3), assessedAt: ago(hours) }).expect(201);
      }
      const due = async () => (await t.as(nurse).get('/api/v1/detox/reassessments-due').expect(200)).body;
      expect((await due()).total).toBe(0);

      // A paper chart from 10 hours ago, entered now: a severe score breaks the 24 hours under 10.
      const late = await t.as(nurse).post(url(patient.id))
        .send({ scale: 'CIWA-Ar', answers: ciwaAnswers(18), assessedAt: ago(10) }).expect(201);
      expect(late.body.band).toBe('severe');
      const list = await due();
      expect(list.total).toBe(1);
      expect(list.items[0]).toMatchObject({ patientId: patient.id, scale: 'CIWA-Ar', lastTotal: 3, lastBand: 'minimal', overdue: false });
      expect(Date.parse(list.items[0].dueAt) - Date.parse(list.items[0].lastAssessedAt)).toBe(8 * HOUR);
      const [schedule] = await t.db.query(
        `SELECT monitoring_complete, next_due_at FROM withdrawal_schedules WHERE episode_id = $1 AND scale = 'CIWA-Ar'`,
        [patient.episodeId],
      );
      expect(schedule.monitoring_complete).toBe(false);
      // The assessments themselves are append-only: the one that completed monitoring still says so.
      expect(await t.count('withdrawal_assessments', `episode_id = $1 AND monitoring_complete`, [patient.episodeId])).toBe(1);
    });

    it('keeps one schedule per episode and scale when assessments arrive together', async () => {
      const patient = await patientInEpisode();
      const results = await Promise.all([30, 22, 14, 6].map((hours) =>
        t.as(clinician).post(url(patient.id)).send({ scale: 'CIWA-Ar', answers: ciwaAnswers(3), assessedAt: ago(hours) })));
      expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
      const schedules = await t.db.query(
        `SELECT s.monitoring_complete, a.assessed_at FROM withdrawal_schedules s JOIN withdrawal_assessments a ON a.id = s.latest_assessment_id
         WHERE s.episode_id = $1`,
        [patient.episodeId],
      );
      expect(schedules).toHaveLength(1);
      expect(schedules[0].monitoring_complete).toBe(true);
      expect(Date.parse(schedules[0].assessed_at.toISOString())).toBe(Date.parse(results[3].body.assessedAt));
    });

    it('raises one overdue alert per assessment, only after the grace period', async () => {
      const patient = await patientInEpisode();
      const res = await t.as(clinician).post(url(patient.id))
        .send({ scale: 'CIWA-Ar', answers: ciwaAnswers(17), assessedAt: ago(3) }).expect(201);
      const due = Date.parse(res.body.nextDueAt); // 1 hour after the assessment
      const jobs = t.app.get(JobRunner);
      const overdue = () => t.count('alerts', `patient_id = $1 AND rule = 'reassessment_overdue'`, [patient.id]);

      expect(await jobs.runNow('detox.reassessments-overdue', new Date(due + 10 * 60_000))).toBe(true);
      expect(await overdue()).toBe(0);
      await jobs.runNow('detox.reassessments-overdue', new Date(due + 16 * 60_000));
      await jobs.runNow('detox.reassessments-overdue', new Date(due + 30 * 60_000));
      expect(await overdue()).toBe(1);
      const [alert] = await t.db.query(
        `SELECT severity, audience, reading_id, dedupe_key FROM alerts WHERE patient_id = $1 AND rule = 'reassessment_overdue'`,
        [patient.id],
      );
      expect(alert).toEqual({
        severity: 'urgent', audience: 'clinician', reading_id: res.body.id, dedupe_key: `detox:reassessment-overdue:${res.body.id}`,
      });

      // A new assessment supersedes the overdue one; nothing new is raised until it is overdue in turn.
      await t.as(clinician).post(url(patient.id)).send({ scale: 'CIWA-Ar', answers: ciwaAnswers(5) }).expect(201);
      await jobs.runNow('detox.reassessments-overdue', new Date(Date.now() + 60_000));
      expect(await overdue()).toBe(1);
    });
  });

  describe('roles', () => {
    it('keeps withdrawal scores from case managers and admins (403) and writes nothing', async () => {
      const caseManager = await t.createUser('case_manager');
      const patient = await patientInEpisode();
      await addToCareTeam(t, patient.id, caseManager);
      await t.as(caseManager).post(url(patient.id)).send({ scale: 'CIWA-Ar', answers: ciwaAnswers(1) }).expect(403);
      await t.as(caseManager).get(url(patient.id)).expect(403);
      await t.as(caseManager).get('/api/v1/detox/reassessments-due').expect(403);
      await t.as(admin).post(url(patient.id)).send({ scale: 'CIWA-Ar', answers: ciwaAnswers(1) }).expect(403);
      expect(await t.count('withdrawal_assessments', 'patient_id = $1', [patient.id])).toBe(0);
    });
  });
});
