import { detoxPatient, normalVitals, startEpisode } from './support/detox-fixtures';
import { addToCareTeam } from './support/factories';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';

const HOUR = 3600_000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();

/*
 * Issue 11, "Danger signs the article names that have no place today": observed
 * signs, CIWA-Ar item danger, withdrawal and single extreme overdose signs.
 */
describe('clinical safety: observed signs and danger patterns', () => {
  let t: TestApp;
  let clinician: TestUser;
  let outsider: TestUser;
  let caseManager: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    clinician = await t.createUser('clinician');
    outsider = await t.createUser('clinician');
    caseManager = await t.createUser('case_manager');
 
  });
  afterAll(() => t.close());

  const observationsUrl = (id: string) => `/api/v1/patients/${id}/observations`;
  const vitalsUrl = (id: string) => `/api/v1/patients/${id}/vitals`;
  const rules = (body: { alerts: { rule: string }[] }) => body.alerts.map((a) => a.rule);

  async function patientInEpisode(): Promise<{ id: string }> {
    const patient = await detoxPatient(t, clinician, { givenName: 'Jordan', familyName: 'Signsample' });
    await addToCareTeam(t, patient.id, caseManager);
    await startEpisode(t, clinician, patient.id, { startedAt: ago(48) });
    return patient;
  }

  describe('POST and GET /patients/{id}/observations', () => {
    it('records a present seizure as an emergency alert for the care team, with every sign stored', async () => {
      const patient = await patientInEpisode();
      const res = await t.as(clinician).post(observationsUrl(patient.id), {
        observedAt: ago(0.1),
        signs: [
          { sign: 'seizure', present: true, severity: 'severe', note: 'generalised, 2 minutes' },
          { sign: 'tremor', present: false },
        ],
      }).expect(201);
      expect(res.body.alerts).toEqual([expect.objectContaining({ rule: 'observed_emergency_sign', severity: 'emergency', audience: 'care_team' })]);
      expect(res.body.signs).toEqual([
        { sign: 'seizure', present: true, severity: 'severe', note: 'generalised, 2 minutes' },
        { sign: 'tremor', present: false, severity: null, note: null },
      ]);
      expect(await t.count('observation_signs', 'observation_id = $1', [res.body.id])).toBe(2);
      const [alert] = await t.db.query(`SELECT severity, reading_id, reading FROM alerts WHERE patient_id = $1`, [patient.id]);
      expect(alert).toMatchObject({ severity: 'emergency', reading_id: res.body.id, reading: { kind: 'observation', present: ['seizure'] } });
      expect(await t.count('audit_events', `action = 'observation.create' AND resource_id = $1`, [res.body.id])).toBe(1);
    });

    it.each(['coma', 'delirium'])('raises an emergency for a present %s', async (sign) => {
      const patient = await patientInEpisode();
      const res = await t.as(clinician).post(observationsUrl(patient.id), { observedAt: ago(0.1), signs: [{ sign, present: true }] })
        .expect(201);
      expect(res.body.alerts.map((a: { severity: string }) => a.severity)).toContain('emergency');
    });

    it.each(['hallucinations_auditory', 'hallucinations_visual', 'hallucinations_tactile', 'psychosis', 'rigidity'])(
      'raises an urgent alert for present %s', async (sign) => {
        const patient = await patientInEpisode();
        const res = await t.as(clinician).post(observationsUrl(patient.id), { observedAt: ago(0.1), signs: [{ sign, present: true }] })
          .expect(201);
        expect(res.body.alerts).toEqual([expect.objectContaining({ rule: 'observed_urgent_sign', severity: 'urgent' })]);
      },
    );

    it('raises nothing for absent danger signs', async () => {
      const patient = await patientInEpisode();
      const res = await t.as(clinician).post(observationsUrl(patient.id), {
        observedAt: ago(0.1), signs: [{ sign: 'seizure', present: false }, { sign: 'anxiety', present: true, severity: 'mild' }],
      }).expect(201);
      expect(res.body.alerts).toEqual([]);
      expect(await t.count('alerts', 'patient_id = $1', [patient.id])).toBe(0);
    });

    it('refuses signs outside the vocabulary, repeated signs, severity of an absent sign and future times, writing nothing', async () => {
      const patient = await patientInEpisode();
      const url = observationsUrl(patient.id);
      const unknown = await t.as(clinician).post(url, { observedAt: ago(0.1), signs: [{ sign: 'dizziness', present: true }] }).expect(400);
      expect(JSON.stringify(unknown.body.errors)).toContain('sign');
      const twice = await t.as(clinician).post(url, {
        observedAt: ago(0.1), signs: [{ sign: 'seizure', present: true }, { sign: 'seizure', present: false }],
      }).expect(400);
      expect(twice.body.errors).toEqual([{ field: 'signs.1.sign', message: 'seizure appears more than once' }]);
      const severityOfAbsent = await t.as(clinician).post(url, {
        observedAt: ago(0.1), signs: [{ sign: 'tremor', present: false, severity: 'mild' }],
      }).expect(400);
      expect(severityOfAbsent.body.errors).toEqual([expect.objectContaining({ field: 'signs.0.severity' })]);
      await t.as(clinician).post(url, { observedAt: ago(0.1), signs: [] }).expect(400);
      const future = await t.as(clinician).post(url, { observedAt: ago(-1), signs: [{ sign: 'seizure', present: true }] }).expect(400);
      expect(future.body.errors).toEqual([expect.objectContaining({ field: 'observedAt' })]);
      expect(await t.count('observations', 'patient_id = $1', [patient.id])).toBe(0);
      expect(await t.count('alerts', 'patient_id = $1', [patient.id])).toBe(0);
    });

    it('is for clinicians on the care team: case managers 403, others 404, nothing written', async () => {
      const patient = await patientInEpisode();
      const body = { observedAt: ago(0.1), signs: [{ sign: 'seizure', present: true }] };
      await t.as(caseManager).post(observationsUrl(patient.id), body).expect(403);
      await t.as(outsider).post(observationsUrl(patient.id), body).expect(404);
      await t.as(outsider).get(observationsUrl(patient.id)).expect(404);
      expect(await t.count('observations', 'patient_id = $1', [patient.id])).toBe(0);
    });

    it('lists observations in time order, and shows them on the flowsheet and the chart', async () => {
      const patient = await patientInEpisode();
      await t.as(clinician).post(observationsUrl(patient.id), { observedAt: ago(2), signs: [{ sign: 'tremor', present: true }] }).expect(201);
      await t.as(clinician).post(observationsUrl(patient.id), { observedAt: ago(1), signs: [{ sign: 'seizure', present: true }] }).expect(201);
      const list = await t.as(clinician).get(observationsUrl(patient.id)).expect(200);
      expect(list.body.total).toBe(2);
      expect(list.body.items.map((o: { signs: { sign: string }[] }) => o.signs[0]?.sign)).toEqual(['tremor', 'seizure']);
      const flowsheet = await t.as(clinician).get(vitalsUrl(patient.id)).expect(200);
      expect(flowsheet.body.observations).toHaveLength(2);
      const chart = await t.as(clinician).get(`/api/v1/patients/${patient.id}/detox/chart.svg`).buffer(true)
        .parse((res, done) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => { text += c; });
          res.on('end', () => done(null, text));
        }).expect(200);
      expect(chart.body).toContain('data-series="emergencySigns" data-count="1"');
      expect(chart.body).toContain('data-series="otherSigns" data-count="1"');
    });
  });

  describe('observations join recent vitals in the pattern rules', () => {
    it('raises a withdrawal alert when tremor is observed after vitals with tachycardia alone', async () => {
      const patient = await patientInEpisode();
      const vitals = await t.as(clinician).post(vitalsUrl(patient.id), normalVitals(60, { heartRate: 115 })).expect(201);
      expect(rules(vitals.body)).not.toContain('withdrawal_autonomic');
      const obs = await t.as(clinician).post(observationsUrl(patient.id), {
        observedAt: ago(0.5), signs: [{ sign: 'tremor', present: true }],
      }).expect(201);
      expect(rules(obs.body)).toEqual(['withdrawal_autonomic']);
      const [alert] = await t.db.query(`SELECT reading_id, reading FROM alerts WHERE patient_id = $1 AND rule = 'withdrawal_autonomic'`, [patient.id]);
      expect(alert.reading_id).toBe(obs.body.id);
      expect(alert.reading.signs).toEqual(['heart rate 115/min (≥ 110)', 'observed tremor']);
    });

    it('raises an overdose emergency when vitals with bradycardia follow observed somnolence', async () => {
      const patient = await patientInEpisode();
      await t.as(clinician).post(observationsUrl(patient.id), { observedAt: ago(1), signs: [{ sign: 'somnolence', present: true }] })
        .expect(201);
      const vitals = await t.as(clinician).post(vitalsUrl(patient.id), normalVitals(5, { heartRate: 48 })).expect(201);
      expect(vitals.body.alerts).toEqual(expect.arrayContaining([
        expect.objectContaining({ rule: 'cns_depressant_overdose', severity: 'emergency', audience: 'care_team' }),
      ]));
    });

    it('joins a temperature taken alone to a tachycardia in an earlier set of the window, once', async () => {
      const patient = await patientInEpisode();
      const pulse = await t.as(clinician).post(vitalsUrl(patient.id), { takenAt: ago(1), heartRate: 118 }).expect(201);
      expect(rules(pulse.body)).not.toContain('withdrawal_autonomic');
      const fever = await t.as(clinician).post(vitalsUrl(patient.id), { takenAt: ago(0.25), temperatureC: 38.4 }).expect(201);
      expect(rules(fever.body)).toContain('withdrawal_autonomic');
      const [alert] = await t.db.query(`SELECT reading_id, reading FROM alerts WHERE patient_id = $1 AND rule = 'withdrawal_autonomic'`, [patient.id]);
      expect(alert.reading_id).toBe(fever.body.id);
      expect(alert.reading.signs).toEqual(['heart rate 118/min (≥ 110)', 'temperature 38.4 °C (≥ 38.0)']);
      // A later normal reading of another parameter does not raise the same pattern again.
      const spo2 = await t.as(clinician).post(vitalsUrl(patient.id), { takenAt: ago(0.1), spo2: 97 }).expect(201);
      expect(rules(spo2.body)).not.toContain('withdrawal_autonomic');
      expect(await t.count('alerts', `patient_id = $1 AND rule = 'withdrawal_autonomic'`, [patient.id])).toBe(1);
    });

    it('counts a tachycardia from an earlier set when the latest set did not take a pulse', async () => {
      const patient = await patientInEpisode();
      await t.as(clinician).post(vitalsUrl(patient.id), normalVitals(120, { heartRate: 116 })).expect(201);
      await t.as(clinician).post(vitalsUrl(patient.id), { takenAt: ago(1), spo2: 97 }).expect(201);
      const obs = await t.as(clinician).post(observationsUrl(patient.id), {
        observedAt: ago(0.5), signs: [{ sign: 'tremor', present: true }],
      }).expect(201);
      expect(rules(obs.body)).toEqual(['withdrawal_autonomic']);
      const [alert] = await t.db.query(`SELECT reading FROM alerts WHERE patient_id = $1 AND rule = 'withdrawal_autonomic'`, [patient.id]);
      expect(alert.reading.signs).toEqual(['heart rate 116/min (≥ 110)', 'observed tremor']);
    });

    it('does not join vitals taken before the pattern window', async () => {
      const patient = await patientInEpisode();
      await t.as(clinician).post(vitalsUrl(patient.id), { takenAt: ago(5), heartRate: 118 }).expect(201);
      const fever = await t.as(clinician).post(vitalsUrl(patient.id), { takenAt: ago(0.25), temperatureC: 38.4 }).expect(201);
      expect(rules(fever.body)).not.toContain('withdrawal_autonomic');
      expect(await t.count('alerts', `patient_id = $1 AND rule = 'withdrawal_autonomic'`, [patient.id])).toBe(0);
    });

    it('ignores observations older than the pattern window (4 hours)', async () => {
      const patient = await patientInEpisode();
      await t.as(clinician).post(observationsUrl(patient.id), { observedAt: ago(5), signs: [{ sign: 'somnolence', present: true }] })
        .expect(201);
      const vitals = await t.as(clinician).post(vitalsUrl(patient.id), normalVitals(5, { heartRate: 48 })).expect(201);
      expect(rules(vitals.body)).not.toContain('cns_depressant_overdose');
    });
  });

  describe('withdrawal and single extreme overdose signs in vitals', () => {
    it.each([
      ['tachycardia with new confusion', { heartRate: 112, consciousness: 'C' }],
      ['tachycardia with fever', { heartRate: 112, temperatureC: 38.3 }],
      ['systolic BP of 180 with tachycardia', { heartRate: 112, systolicBp: 180 }],
    ])('raises a withdrawal alert on %s', async (_, values) => {
      const patient = await patientInEpisode();
      const res = await t.as(clinician).post(vitalsUrl(patient.id), normalVitals(5, values)).expect(201);
      expect(res.body.alerts).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'withdrawal_autonomic', severity: 'urgent' })]));
    });

    it.each([
      ['respiratory rate 8', { respiratoryRate: 8 }],
      ['ACVPU P', { consciousness: 'P' }],
      ['ACVPU U', { consciousness: 'U' }],
    ])('raises an emergency overdose alert on %s alone', async (_, values) => {
      const patient = await patientInEpisode();
      const res = await t.as(clinician).post(vitalsUrl(patient.id), normalVitals(5, values)).expect(201);
      expect(res.body.alerts).toEqual(expect.arrayContaining([
        expect.objectContaining({ rule: 'cns_depressant_overdose', severity: 'emergency', audience: 'care_team' }),
      ]));
      expect(await t.count('alerts', `patient_id = $1 AND rule = 'cns_depressant_overdose'`, [patient.id])).toBe(1);
    });
  });

  describe('CIWA-Ar item danger', () => {
    const assessmentsUrl = (id: string) => `/api/v1/patients/${id}/withdrawal-assessments`;
    // Official item order: nausea, tremor, sweats, anxiety, agitation, tactile, auditory, visual, headache, orientation.
    const minimal = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0];
    const visual4 = [1, 1, 0, 0, 0, 0, 0, 4, 0, 0];
    const orientation3 = [1, 1, 0, 0, 0, 0, 0, 0, 0, 3];

    it.each([['visual disturbance 4', visual4], ['orientation 3', orientation3]])(
      'raises an urgent alert on %s although the total is minimal', async (_, answers) => {
        const patient = await patientInEpisode();
        const res = await t.as(clinician).post(assessmentsUrl(patient.id), { scale: 'CIWA-Ar', answers, assessedAt: ago(0.1) })
          .expect(201);
        expect(res.body.band).toBe('minimal');
        expect(res.body.alerts).toEqual([expect.objectContaining({ rule: 'ciwa_item_danger', severity: 'urgent' })]);
      },
    );

    it('never counts an assessment with a dangerous item toward 24 hours under 10', async () => {
      const patient = await patientInEpisode();
      for (const hours of [30, 22, 14]) {
        await t.as(clinician).post(assessmentsUrl(patient.id), { scale: 'CIWA-Ar', answers: minimal, assessedAt: ago(hours) }).expect(201);
      }
      const danger = await t.as(clinician).post(assessmentsUrl(patient.id), { scale: 'CIWA-Ar', answers: visual4, assessedAt: ago(6) })
        .expect(201);
      expect(danger.body).toMatchObject({ monitoringComplete: false });
      expect(danger.body.nextDueAt).not.toBeNull();
      const after = await t.as(clinician).post(assessmentsUrl(patient.id), { scale: 'CIWA-Ar', answers: minimal, assessedAt: ago(0.1) })
        .expect(201);
      expect(after.body.monitoringComplete).toBe(false);
      expect(await t.count('withdrawal_assessments', 'patient_id = $1 AND monitoring_complete', [patient.id])).toBe(0);
    });
  });
});
