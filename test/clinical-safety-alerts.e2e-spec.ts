import { AlertEscalationJob } from '../src/platform/alerts/alert-escalation.job';
import { JobRunner } from '../src/platform/jobs/job-runner.service';
import { detoxPatient, normalVitals, startEpisode } from './support/detox-fixtures';
import { addToCareTeam } from './support/factories';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';

/*
 * Issue 11, "Alerts that cannot be lost": each case sends the request that
 * used to slip through and asserts the safe answer and what the database holds.
 */
describe('clinical safety: alerts that cannot be lost', () => {
  let t: TestApp;
  let clinician: TestUser;
  let otherClinician: TestUser;
  let caseManager: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    clinician = await t.createUser('clinician');
    otherClinician = await t.createUser('clinician');
    caseManager = await t.createUser('case_manager');
    admin = await t.createUser('admin');
 
  });
  afterAll(() => t.close());

  const vitalsUrl = (patientId: string) => `/api/v1/patients/${patientId}/vitals`;
  const MINUTE = 60_000;

  async function patientInEpisode(): Promise<{ id: string }> {
    const patient = await detoxPatient(t, clinician, { givenName: 'Robin', familyName: 'Alertsample' });
    await addToCareTeam(t, patient.id, caseManager);
    await startEpisode(t, clinician, patient.id, { startedAt: new Date(Date.now() - 24 * 3600_000).toISOString() });
    return patient;
  }

  /** NEWS2 16: RR 26, SpO2 90, oxygen, temperature 39.5, systolic 85, pulse 135, V. */
  const news2Sixteen = () => normalVitals(5, {
    respiratoryRate: 26, spo2: 90, onSupplementalOxygen: true, temperatureC: 39.5, systolicBp: 85, diastolicBp: 50,
    heartRate: 135, consciousness: 'V',
  });

  async function openAlert(patientId: string, rule: string): Promise<{ id: string; severity: string; raised_at: Date }> {
    const [row] = await t.db.query(
      `SELECT id, severity, raised_at FROM alerts WHERE patient_id = $1 AND rule = $2 AND status = 'open'`,
      [patientId, rule],
    );
    return row;
  }

  describe('NEWS2 with missing parameters', () => {
    it('raises the high alert from the parameters present (8), marked incomplete and naming the missing ones', async () => {
      const patient = await patientInEpisode();
      const res = await t.as(clinician).post(vitalsUrl(patient.id), {
        takenAt: new Date().toISOString(), respiratoryRate: 24, spo2: 93, systolicBp: 95, heartRate: 125, consciousness: 'A',
      }).expect(201);
      expect(res.body.news2).toMatchObject({ complete: false, total: null, missing: ['onSupplementalOxygen', 'temperatureC'] });
      const news2 = res.body.alerts.find((a: { rule: string }) => a.rule === 'news2_high');
      expect(news2).toMatchObject({ severity: 'emergency', audience: 'care_team' });
      expect(news2.message).toContain('incomplete: at least 8, missing onSupplementalOxygen, temperatureC');
      const [row] = await t.db.query(`SELECT severity, reading FROM alerts WHERE id = $1`, [news2.id]);
      expect(row.severity).toBe('emergency');
      expect(row.reading).toMatchObject({ incomplete: true, missing: ['onSupplementalOxygen', 'temperatureC'] });
    });

    it('raises the medium alert from a partial 5 and nothing from a partial 4', async () => {
      const patient = await patientInEpisode();
      const five = await t.as(clinician).post(vitalsUrl(patient.id), {
        takenAt: new Date().toISOString(), respiratoryRate: 24, spo2: 93, heartRate: 95,
      }).expect(201);
      expect(five.body.alerts.map((a: { rule: string; severity: string }) => [a.rule, a.severity])).toEqual([['news2_medium', 'urgent']]);
      const four = await t.as(clinician).post(vitalsUrl(patient.id), {
        takenAt: new Date().toISOString(), respiratoryRate: 24, spo2: 93,
      }).expect(201);
      expect(four.body.alerts).toEqual([]);
      expect(await t.count('alerts', 'patient_id = $1', [patient.id])).toBe(1);
    });
  });

  describe('alert-rules settings only more sensitive than the national triggers', () => {
    it.each([
      [{ singleParameter3: false }, 'value.singleParameter3'],
      [{ news2Medium: 19, news2High: 20 }, 'value.news2Medium'],
      [{ depressantOverdose: { minSigns: 6 } }, 'value.depressantOverdose.minSigns'],
      [{ ciwaSevere: 67 }, 'value.ciwaSevere'],
      [{ cowsSevere: 40 }, 'value.cowsSevere'],
    ])('refuses %j with a 400 naming %s and stores nothing', async (value, field) => {
      const res = await t.as(admin).put('/api/v1/settings/alert-rules', { value }).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors).toEqual(expect.arrayContaining([
        expect.objectContaining({ field, message: expect.stringMatching(/never less|may not be turned off/) }),
      ]));
      expect(await t.count('settings', `key = 'alert-rules'`)).toBe(0);
    });

    it('never applies a less sensitive value already stored in the table', async () => {
      await t.db.query(`INSERT INTO settings (key, value) VALUES ('alert-rules', $1)`, [
        JSON.stringify({ singleParameter3: false, news2Medium: 19, news2High: 20 }),
      ]);
      await t.settled();
      try {
        const patient = await patientInEpisode();
        const single3 = await t.as(clinician).post(vitalsUrl(patient.id), normalVitals(5, { consciousness: 'C' })).expect(201);
        expect(single3.body.alerts.map((a: { rule: string }) => a.rule)).toContain('news2_single_parameter_3');
        const high = await t.as(clinician).post(vitalsUrl(patient.id), news2Sixteen()).expect(201);
        expect(high.body.alerts.map((a: { rule: string }) => a.rule)).toContain('news2_high');
      } finally {
        await t.db.query(`DELETE FROM settings WHERE key = 'alert-rules'`);
        await t.settled();
      }
    });

    it('accepts a more sensitive setting', async () => {
      await t.as(admin).put('/api/v1/settings/alert-rules', { value: { news2Medium: 4, ciwaSevere: 14 } }).expect(200);
      await t.as(admin).put('/api/v1/settings/alert-rules', { value: {} }).expect(200);
    });
  });

  describe('acknowledgement', () => {
    it('refuses a case manager acknowledging a NEWS2-16 emergency with an empty body; the alert stays open for clinicians', async () => {
      const patient = await patientInEpisode();
      await t.as(clinician).post(vitalsUrl(patient.id), news2Sixteen()).expect(201);
      const alert = await openAlert(patient.id, 'news2_high');
      const res = await t.as(caseManager).post(`/api/v1/alerts/${alert.id}/acknowledge`, {}).expect(403);
      expect(res.body.detail).toBe('Clinical alerts are acknowledged by a clinician on the care team or under emergency access.');
      expect(await t.count('alerts', `id = $1 AND status = 'open' AND acknowledged_by IS NULL`, [alert.id])).toBe(1);
      const list = await t.as(clinician).get(`/api/v1/alerts?status=open&patientId=${patient.id}`).expect(200);
      expect(list.body.items.map((a: { id: string }) => a.id)).toContain(alert.id);
    });

    it('requires a note from the clinician for urgent and emergency alerts (400 naming note), then keeps who, when and the note', async () => {
      const patient = await patientInEpisode();
      await t.as(clinician).post(vitalsUrl(patient.id), news2Sixteen()).expect(201);
      const alert = await openAlert(patient.id, 'news2_high');
      for (const body of [{}, { note: '   ' }]) {
        const res = await t.as(clinician).post(`/api/v1/alerts/${alert.id}/acknowledge`, body).expect(400);
        expect(res.body.errors).toEqual([expect.objectContaining({ field: 'note' })]);
      }
      expect(await t.count('alerts', `id = $1 AND status = 'open'`, [alert.id])).toBe(1);
      const ok = await t.as(clinician).post(`/api/v1/alerts/${alert.id}/acknowledge`, { note: 'Physician at bedside, oxygen titrated' })
        .expect(200);
      expect(ok.body).toMatchObject({
        status: 'acknowledged', acknowledgedBy: clinician.id, acknowledgementNote: 'Physician at bedside, oxygen titrated',
        category: 'clinical',
      });
      expect(ok.body.secondsToAcknowledge).toBeGreaterThanOrEqual(0);
      const [row] = await t.db.query(`SELECT acknowledged_by, acknowledgement_note FROM alerts WHERE id = $1`, [alert.id]);
      expect(row).toEqual({ acknowledged_by: clinician.id, acknowledgement_note: 'Physician at bedside, oxygen titrated' });
      expect(await t.count('audit_events', `action = 'alert.acknowledge' AND resource_id = $1`, [alert.id])).toBe(1);
    });

    it('lets the database refuse an urgent clinical alert closed without a note', async () => {
      const patient = await patientInEpisode();
      await t.as(clinician).post(vitalsUrl(patient.id), news2Sixteen()).expect(201);
      const alert = await openAlert(patient.id, 'news2_high');
      await expect(t.db.query(
        `UPDATE alerts SET status = 'acknowledged', acknowledged_at = now(), acknowledged_by = $2 WHERE id = $1`,
        [alert.id, clinician.id],
      )).rejects.toThrow(/alerts_clinical_note_check/);
    });

    it('answers 404 to a clinician outside the care team, and accepts one under emergency access', async () => {
      const patient = await patientInEpisode();
      await t.as(clinician).post(vitalsUrl(patient.id), news2Sixteen()).expect(201);
      const alert = await openAlert(patient.id, 'news2_high');
      await t.as(otherClinician).post(`/api/v1/alerts/${alert.id}/acknowledge`, { note: 'seen' }).expect(404);
      await t.as(otherClinician).post(`/api/v1/patients/${patient.id}/emergency-access`, {
        reason: 'Covering the night shift, primary team unreachable',
      }).expect(201);
      await t.as(otherClinician).post(`/api/v1/alerts/${alert.id}/acknowledge`, { note: 'Assessed under emergency access' }).expect(200);
      const [event] = await t.db.query(
        `SELECT emergency_access FROM audit_events WHERE action = 'alert.acknowledge' AND resource_id = $1`, [alert.id],
      );
      expect(event.emergency_access).toBe(true);
    });

    it('lets case managers, not clinicians, acknowledge engagement alerts, without a note', async () => {
      const patient = await patientInEpisode();
      const [alert] = await t.db.query(
        `INSERT INTO alerts (patient_id, source, rule, severity, audience, category, message)
         VALUES ($1, 'sessions', 'consecutive_no_shows', 'warning', 'care_team', 'engagement', '2 consecutive no-shows')
         RETURNING id`,
        [patient.id],
      );
      await t.as(clinician).post(`/api/v1/alerts/${alert.id}/acknowledge`, { note: 'x' }).expect(403);
      expect(await t.count('alerts', `id = $1 AND status = 'open'`, [alert.id])).toBe(1);
      const ok = await t.as(caseManager).post(`/api/v1/alerts/${alert.id}/acknowledge`, {}).expect(200);
      expect(ok.body).toMatchObject({ status: 'acknowledged', acknowledgedBy: caseManager.id, category: 'engagement' });
    });
  });

  describe('escalation of unacknowledged alerts', () => {
    it('escalates an emergency after 15 minutes, once, to the care team clinicians; the original stays open', async () => {
      const patient = await patientInEpisode();
      await t.as(clinician).post(vitalsUrl(patient.id), news2Sixteen()).expect(201);
      const alert = await openAlert(patient.id, 'news2_high');
      const jobs = t.app.get(JobRunner);
      // raised_at has microseconds; the millisecond after covers them.
      const raisedAt = new Date(alert.raised_at).getTime() + 1;
      const escalations = () => t.db.query(
        `SELECT severity, audience, category, escalates_alert_id, status FROM alerts WHERE escalates_alert_id = $1`, [alert.id],
      );

      expect(await jobs.runNow(AlertEscalationJob.NAME, new Date(raisedAt + 15 * MINUTE - 1001))).toBe(true);
      expect(await escalations()).toEqual([]);
      await jobs.runNow(AlertEscalationJob.NAME, new Date(raisedAt + 15 * MINUTE));
      expect(await escalations()).toEqual([
        { severity: 'emergency', audience: 'clinician', category: 'clinical', escalates_alert_id: alert.id, status: 'open' },
      ]);
      await jobs.runNow(AlertEscalationJob.NAME, new Date(raisedAt + 30 * MINUTE));
      expect(await escalations()).toHaveLength(1);
      expect(await t.count('alerts', `id = $1 AND status = 'open'`, [alert.id])).toBe(1);
      expect(await t.count('alerts', `escalates_alert_id IN (SELECT id FROM alerts WHERE escalates_alert_id = $1)`, [alert.id]))
        .toBe(0);
      const list = await t.as(clinician).get(`/api/v1/alerts?status=open&patientId=${patient.id}`).expect(200);
      expect(list.body.items.find((a: { escalatesAlertId: string | null }) => a.escalatesAlertId === alert.id))
        .toMatchObject({ rule: 'unacknowledged_escalation', severity: 'emergency' });
    });

    it('escalates an urgent alert after 60 minutes and never an acknowledged one', async () => {
      const patient = await patientInEpisode();
      await t.as(clinician).post(vitalsUrl(patient.id), normalVitals(5, { consciousness: 'C' })).expect(201);
      const urgent = await openAlert(patient.id, 'news2_single_parameter_3');
      expect(urgent.severity).toBe('urgent');
      const jobs = t.app.get(JobRunner);
      const raisedAt = new Date(urgent.raised_at).getTime() + 1;
      await jobs.runNow(AlertEscalationJob.NAME, new Date(raisedAt + 59 * MINUTE));
      expect(await t.count('alerts', 'escalates_alert_id = $1', [urgent.id])).toBe(0);
      await jobs.runNow(AlertEscalationJob.NAME, new Date(raisedAt + 60 * MINUTE));
      expect(await t.count('alerts', 'escalates_alert_id = $1', [urgent.id])).toBe(1);

      const other = await patientInEpisode();
      await t.as(clinician).post(vitalsUrl(other.id), news2Sixteen()).expect(201);
      const seen = await openAlert(other.id, 'news2_high');
      await t.as(clinician).post(`/api/v1/alerts/${seen.id}/acknowledge`, { note: 'Seen at once' }).expect(200);
      await jobs.runNow(AlertEscalationJob.NAME, new Date(Date.now() + 120 * MINUTE));
      expect(await t.count('alerts', 'escalates_alert_id = $1', [seen.id])).toBe(0);
    });
  });

  describe('SpO2 scale 2 is a patient-level prescription', () => {
    it('refuses a reading that chooses its own scale, and scores 88 % on air as 3 on scale 1', async () => {
      const patient = await patientInEpisode();
      const chosen = await t.as(clinician).post(vitalsUrl(patient.id), normalVitals(5, { spo2: 88, spo2Scale: 2 })).expect(400);
      expect(JSON.stringify(chosen.body.errors)).toContain('spo2Scale');
      expect(await t.count('vital_signs', 'patient_id = $1', [patient.id])).toBe(0);
      const res = await t.as(clinician).post(vitalsUrl(patient.id), normalVitals(5, { spo2: 88 })).expect(201);
      expect(res.body).toMatchObject({ spo2Scale: 1, news2: { subscores: { spo2: 3 } } });
      expect(res.body.alerts.map((a: { rule: string }) => a.rule)).toContain('news2_single_parameter_3');
    });

    it('is prescribed by a clinician with a reason, audited, and scores later readings', async () => {
      const patient = await patientInEpisode();
      const url = `/api/v1/patients/${patient.id}/spo2-scale`;
      expect((await t.as(clinician).get(url).expect(200)).body).toMatchObject({ scale: 1, targetMin: 94, targetMax: 98, prescribedBy: null });
      const noReason = await t.as(clinician).put(url, { scale: 2 }).expect(400);
      expect(noReason.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
      await t.as(caseManager).put(url, { scale: 2, reason: 'hypercapnic respiratory failure' }).expect(403);
      await t.as(otherClinician).put(url, { scale: 2, reason: 'hypercapnic respiratory failure' }).expect(404);
      expect(await t.count('spo2_scale_prescriptions', 'patient_id = $1', [patient.id])).toBe(0);

      const ok = await t.as(clinician).put(url, { scale: 2, reason: 'Hypercapnic respiratory failure (COPD)' }).expect(200);
      expect(ok.body).toMatchObject({
        scale: 2, targetMin: 88, targetMax: 92, reason: 'Hypercapnic respiratory failure (COPD)', prescribedBy: clinician.id,
      });
      expect(await t.count('audit_events', `action = 'spo2-scale.prescribe' AND patient_id = $1`, [patient.id])).toBe(1);
      const reading = await t.as(clinician).post(vitalsUrl(patient.id), normalVitals(5, { spo2: 88 })).expect(201);
      expect(reading.body).toMatchObject({ spo2Scale: 2, news2: { subscores: { spo2: 0 }, total: 0 } });

      const [row] = await t.db.query(`SELECT episode_id FROM vital_signs WHERE id = $1`, [reading.body.id]);
      await expect(t.db.query(
        `INSERT INTO vital_signs (patient_id, episode_id, taken_at, spo2, spo2_scale, news2_complete, news2_subscores,
                                  news2_missing, recorded_by)
         VALUES ($1, $2, now(), 88, 1, false, '{}', '{respiratoryRate}', $3)`,
        [patient.id, row.episode_id, clinician.id],
      )).rejects.toThrow(/prescribed SpO2 scale/);

      await t.as(clinician).put(url, { scale: 1 }).expect(200);
      const back = await t.as(clinician).post(vitalsUrl(patient.id), normalVitals(1, { spo2: 88 })).expect(201);
      expect(back.body).toMatchObject({ spo2Scale: 1, news2: { subscores: { spo2: 3 } } });
    });
  });
});
