import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { JobRunner } from '../src/platform/jobs/job-runner.service';
import { addToCareTeam } from './support/factories';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';
import { auth, detoxPatient, highNews2Vitals, normalVitals, startEpisode } from './support/detox-fixtures';
import { assertWellFormedXml } from './support/detox-xml';

describe('detox vital signs, NEWS2, alerts and the chart', () => {
  let t: TestApp;
  let clinician: TestUser;
  let caseManager: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    // Listen on a real port: the SSE test reads a live stream.
    await t.app.listen(0, '127.0.0.1');
    clinician = await t.createUser('clinician');
    caseManager = await t.createUser('case_manager');
    admin = await t.createUser('admin');
  });
  afterAll(() => t.close());

  const vitalsUrl = (patientId: string) => `/api/v1/patients/${patientId}/vitals`;

  async function patientInEpisode(): Promise<{ id: string; mrn: string; episodeId: string }> {
    const patient = await detoxPatient(t, clinician, { givenName: 'Quinn', familyName: 'Vitalsample' });
    const episode = await startEpisode(t, clinician, patient.id, { startedAt: new Date(Date.now() - 48 * 3600_000).toISOString() });
    return { ...patient, episodeId: episode.id };
  }

  describe('recording', () => {
    it('computes and stores NEWS2 for a complete set, with the caller as recorder', async () => {
      const patient = await patientInEpisode();
      const res = await t.as(clinician).post(vitalsUrl(patient.id)).send(highNews2Vitals()).expect(201);
      expect(res.body).toMatchObject({
        patientId: patient.id, episodeId: patient.episodeId, recordedBy: clinician.id, heartRate: 115,
        temperatureC: 38.2, spo2Scale: 1,
        news2: {
          complete: true, total: 8, risk: 'high', missing: [],
          subscores: {
            respiratoryRate: 3, spo2: 2, supplementalOxygen: 0, temperature: 1, systolicBp: 0, heartRate: 2,
            consciousness: 0,
          },
        },
      });
      const [row] = await t.db.query(
        `SELECT news2_total, news2_risk, news2_complete, recorded_by, temperature_c::text AS temp FROM vital_signs WHERE id = $1`,
        [res.body.id],
      );
      expect(row).toEqual({ news2_total: 8, news2_risk: 'high', news2_complete: true, recorded_by: clinician.id, temp: '38.2' });
      expect(await t.count('audit_events', `action = 'vitals.create' AND resource_id = $1`, [res.body.id])).toBe(1);
    });

    it('stores a partial set and reports its NEWS2 as incomplete', async () => {
      const patient = await patientInEpisode();
      const res = await t.as(clinician).post(vitalsUrl(patient.id))
        .send({ takenAt: new Date().toISOString(), heartRate: 88, spo2: 96 }).expect(201);
      expect(res.body.news2).toEqual({
        complete: false, total: null, risk: null, subscores: { heartRate: 0, spo2: 0 },
        missing: ['respiratoryRate', 'onSupplementalOxygen', 'temperatureC', 'systolicBp', 'consciousness'],
      });
      const [row] = await t.db.query(`SELECT news2_total, news2_complete FROM vital_signs WHERE id = $1`, [res.body.id]);
      expect(row).toEqual({ news2_total: null, news2_complete: false });
    });

    it('refuses implausible values with a 400 naming every field, and writes nothing', async () => {
      const patient = await patientInEpisode();
      const res = await t.as(clinician).post(vitalsUrl(patient.id))
        .send(normalVitals(5, { heartRate: 400, temperatureC: 37.25, diastolicBp: 130, systolicBp: 120 })).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['diastolicBp', 'heartRate', 'temperatureC']);
      const typed = await t.as(clinician).post(vitalsUrl(patient.id))
        .send(normalVitals(5, { spo2: '98', consciousness: 'X' })).expect(400);
      expect(typed.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['consciousness', 'spo2']);
      const empty = await t.as(clinician).post(vitalsUrl(patient.id))
        .send({ takenAt: new Date().toISOString() }).expect(400);
      expect(empty.body.errors).toEqual([expect.objectContaining({ field: 'measurements' })]);
      expect(await t.count('vital_signs', 'patient_id = $1', [patient.id])).toBe(0);
      expect(await t.count('audit_events', `action = 'vitals.create' AND patient_id = $1`, [patient.id])).toBe(0);
    });

    it('refuses takenAt in the future, tolerating 2 minutes of clock skew', async () => {
      const patient = await patientInEpisode();
      const ahead = (ms: number) => new Date(Date.now() + ms).toISOString();
      const res = await t.as(clinician).post(vitalsUrl(patient.id))
        .send({ ...normalVitals(), takenAt: ahead(10 * 60_000) }).expect(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'takenAt' })]);
      const noOffset = await t.as(clinician).post(vitalsUrl(patient.id))
        .send({ ...normalVitals(), takenAt: '2026-01-01T08:00:00' }).expect(400);
      expect(noOffset.body.errors[0].field).toBe('takenAt');
      expect(await t.count('vital_signs', 'patient_id = $1', [patient.id])).toBe(0);
      await t.as(clinician).post(vitalsUrl(patient.id)).send({ ...normalVitals(), takenAt: ahead(60_000) }).expect(201);
    });

    it('needs an open detox episode (422) and writes nothing without one', async () => {
      const patient = await detoxPatient(t, clinician);
      const res = await t.as(clinician).post(vitalsUrl(patient.id)).send(normalVitals()).expect(422);
      expect(res.body.reason).toBe('no_open_episode');
      expect(await t.count('vital_signs', 'patient_id = $1', [patient.id])).toBe(0);
    });
  });

  describe('flowsheet', () => {
    it('returns the sets in time order, filtered by from/to and paginated', async () => {
      const patient = await patientInEpisode();
      for (const minutesAgo of [30, 90, 10, 60]) {
        await t.as(clinician).post(vitalsUrl(patient.id)).send(normalVitals(minutesAgo, { heartRate: 100 + minutesAgo })).expect(201);
      }
      const all = await t.as(clinician).get(vitalsUrl(patient.id)).expect(200);
      expect(all.body.total).toBe(4);
      expect(all.body.items.map((v: { heartRate: number }) => v.heartRate)).toEqual([190, 160, 130, 110]);
      const times = all.body.items.map((v: { takenAt: string }) => Date.parse(v.takenAt));
      expect([...times].sort((a, b) => a - b)).toEqual(times);

      const from = new Date(Date.now() - 75 * 60_000).toISOString();
      const to = new Date(Date.now() - 20 * 60_000).toISOString();
      const window = await t.as(clinician).get(vitalsUrl(patient.id)).query({ from, to }).expect(200);
      expect(window.body.items.map((v: { heartRate: number }) => v.heartRate)).toEqual([160, 130]);

      // An unencoded "+" in the offset arrives as a space and is still understood.
      const plusFrom = from.replace('Z', '+00:00');
      const raw = await t.as(clinician).get(`${vitalsUrl(patient.id)}?from=${plusFrom}&to=${encodeURIComponent(to)}`).expect(200);
      expect(raw.body.items.map((v: { heartRate: number }) => v.heartRate)).toEqual([160, 130]);

      const page = await t.as(clinician).get(vitalsUrl(patient.id)).query({ limit: 2, offset: 2 }).expect(200);
      expect(page.body).toMatchObject({ total: 4, limit: 2, offset: 2 });
      expect(page.body.items.map((v: { heartRate: number }) => v.heartRate)).toEqual([130, 110]);

      const reversed = await t.as(clinician).get(vitalsUrl(patient.id)).query({ from: to, to: from }).expect(400);
      expect(reversed.body.errors[0].field).toBe('to');
      expect(await t.count('audit_events', `action = 'vitals.read' AND patient_id = $1`, [patient.id])).toBe(4);
    });
  });

  describe('Idempotency-Key', () => {
    it('returns the first answer to a retry and stores one row', async () => {
      const patient = await patientInEpisode();
      const body = highNews2Vitals();
      const first = await t.as(clinician).post(vitalsUrl(patient.id)).set('Idempotency-Key', 'vitals-retry-1').send(body);
      const retry = await t.as(clinician).post(vitalsUrl(patient.id)).set('Idempotency-Key', 'vitals-retry-1').send(body);
      expect(first.status).toBe(201);
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      expect(await t.count('vital_signs', 'patient_id = $1', [patient.id])).toBe(1);
      expect(await t.count('alerts', 'reading_id = $1', [first.body.id])).toBe(first.body.alerts.length);
      expect(await t.count('audit_events', `action = 'vitals.create' AND patient_id = $1`, [patient.id])).toBe(1);
      // The replayed answer shows patient data again, so it is audited as a read.
      expect(await t.count('audit_events', `action = 'vitals.replay' AND patient_id = $1`, [patient.id])).toBe(1);
    });

    it('stores one row when the same retry arrives several times at once', async () => {
      const patient = await patientInEpisode();
      const body = normalVitals();
      const results = await Promise.all(
        [1, 2, 3, 4, 5].map(() =>
          t.as(clinician).post(vitalsUrl(patient.id)).set('Idempotency-Key', 'burst-key').send(body),
        ),
      );
      expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
      expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
      expect(await t.count('vital_signs', 'patient_id = $1', [patient.id])).toBe(1);
    });

    it('refuses the same key for a different request (422) and keeps keys per user', async () => {
      const patient = await patientInEpisode();
      await t.as(clinician).post(vitalsUrl(patient.id)).set('Idempotency-Key', 'k-1').send(normalVitals(5)).expect(201);
      const other = await t.as(clinician).post(vitalsUrl(patient.id)).set('Idempotency-Key', 'k-1')
        .send(normalVitals(5, { heartRate: 99 })).expect(422);
      expect(other.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
      const colleague = await t.createUser('clinician');
      await addToCareTeam(t, patient.id, colleague);
      await t.as(colleague).post(vitalsUrl(patient.id)).set('Idempotency-Key', 'k-1').send(normalVitals(5)).expect(201);
      expect(await t.count('vital_signs', 'patient_id = $1', [patient.id])).toBe(2);
      const bad = await t.as(clinician).post(vitalsUrl(patient.id)).set('Idempotency-Key', 'x'.repeat(300))
        .send(normalVitals()).expect(400);
      expect(bad.body.errors[0].field).toBe('Idempotency-Key');
      expect(await t.count('vital_signs', 'patient_id = $1', [patient.id])).toBe(2);
    });

    it('forgets keys after 72 hours (purge job)', async () => {
      const patient = await patientInEpisode();
      await t.as(clinician).post(vitalsUrl(patient.id)).set('Idempotency-Key', 'purge-me').send(normalVitals()).expect(201);
      const jobs = t.app.get(JobRunner);
      await jobs.runNow('idempotency-keys.purge', new Date(Date.now() + 71 * 3600_000));
      expect(await t.count('idempotency_keys', `user_id = $1 AND key = 'purge-me'`, [clinician.id])).toBe(1);
      await jobs.runNow('idempotency-keys.purge', new Date(Date.now() + 73 * 3600_000));
      expect(await t.count('idempotency_keys', `user_id = $1 AND key = 'purge-me'`, [clinician.id])).toBe(0);
    });

    it('does not remember a refused request: the same key may be retried once it is fixed', async () => {
      const patient = await detoxPatient(t, clinician);
      await t.as(clinician).post(vitalsUrl(patient.id)).set('Idempotency-Key', 'early').send(normalVitals()).expect(422);
      expect(await t.count('idempotency_keys', `user_id = $1 AND key = 'early'`, [clinician.id])).toBe(0);
      // The reading was taken 5 minutes ago, so the episode is recorded as started before it.
      await startEpisode(t, clinician, patient.id, { startedAt: new Date(Date.now() - 3600_000).toISOString() });
      await t.as(clinician).post(vitalsUrl(patient.id)).set('Idempotency-Key', 'early').send(normalVitals()).expect(201);
    });
  });

  describe('alerts', () => {
    it('raises alerts naming the reading, rule and severity; clinicians list and acknowledge them', async () => {
      const patient = await patientInEpisode();
      await addToCareTeam(t, patient.id, caseManager);
      const res = await t.as(clinician).post(vitalsUrl(patient.id)).send(highNews2Vitals()).expect(201);
      expect(res.body.alerts.map((a: { rule: string }) => a.rule).sort()).toEqual(['news2_high', 'withdrawal_autonomic']);
      const rows = await t.db.query(
        `SELECT rule, severity, audience, source, reading_id, reading FROM alerts WHERE patient_id = $1 ORDER BY rule`,
        [patient.id],
      );
      expect(rows).toEqual([
        expect.objectContaining({ rule: 'news2_high', severity: 'emergency', audience: 'care_team', source: 'detox', reading_id: res.body.id }),
        expect.objectContaining({ rule: 'withdrawal_autonomic', severity: 'urgent', audience: 'clinician', source: 'detox', reading_id: res.body.id }),
      ]);
      expect(rows[0].reading).toMatchObject({ kind: 'vital_signs', heartRate: 115, news2: { total: 8, risk: 'high' } });
      expect(JSON.stringify(rows)).not.toContain('Vitalsample');

      const open = await t.as(clinician).get('/api/v1/alerts').query({ status: 'open', patientId: patient.id }).expect(200);
      expect(open.body.items.map((a: { rule: string }) => a.rule).sort()).toEqual(['news2_high', 'withdrawal_autonomic']);
      const forCaseManager = await t.as(caseManager).get('/api/v1/alerts').query({ status: 'open', patientId: patient.id })
        .expect(200);
      expect(forCaseManager.body.items.map((a: { rule: string }) => a.rule)).toEqual(['news2_high']);
      // Told of the emergency, but vital signs are for clinicians (vitals.read): no reading values.
      expect(forCaseManager.body.items[0]).toMatchObject({ message: expect.stringContaining('NEWS2 8'), reading: {}, readingWithheld: true });
      expect(JSON.stringify(forCaseManager.body)).not.toContain('heartRate');
      expect(open.body.items.find((a: { rule: string }) => a.rule === 'news2_high'))
        .toMatchObject({ readingWithheld: false, reading: { heartRate: 115, news2: { total: 8 } } });

      const clinicalOnly = open.body.items.find((a: { rule: string }) => a.rule === 'withdrawal_autonomic');
      await t.as(caseManager).post(`/api/v1/alerts/${clinicalOnly.id}/acknowledge`).send({}).expect(404);
      expect(await t.count('alerts', `id = $1 AND status = 'open'`, [clinicalOnly.id])).toBe(1);

      const news2 = open.body.items.find((a: { rule: string }) => a.rule === 'news2_high');
      const ack = await t.as(clinician).post(`/api/v1/alerts/${news2.id}/acknowledge`)
        .send({ note: 'Seen, physician called' }).expect(200);
      expect(ack.body).toMatchObject({ status: 'acknowledged', acknowledgedBy: clinician.id, acknowledgementNote: 'Seen, physician called' });
      expect(ack.body.secondsToAcknowledge).toBeGreaterThanOrEqual(0);
      const still = await t.as(clinician).get('/api/v1/alerts').query({ status: 'open', patientId: patient.id }).expect(200);
      expect(still.body.items.map((a: { rule: string }) => a.rule)).toEqual(['withdrawal_autonomic']);
    });

    it('raises no alert for normal vitals', async () => {
      const patient = await patientInEpisode();
      const res = await t.as(clinician).post(vitalsUrl(patient.id)).send(normalVitals()).expect(201);
      expect(res.body.alerts).toEqual([]);
      expect(await t.count('alerts', 'patient_id = $1', [patient.id])).toBe(0);
    });

    it('raises the CNS-depressant overdose pattern as an emergency for the care team', async () => {
      const patient = await patientInEpisode();
      const res = await t.as(clinician).post(vitalsUrl(patient.id))
        .send(normalVitals(5, { respiratoryRate: 8, spo2: 90, heartRate: 48, consciousness: 'V' })).expect(201);
      const overdose = res.body.alerts.find((a: { rule: string }) => a.rule === 'cns_depressant_overdose');
      expect(overdose).toMatchObject({ severity: 'emergency', audience: 'care_team' });
    });

    /** Subscribes `user` to the alert stream, then records high-NEWS2 vitals; resolves with the news2_high event's data. */
    async function streamedNews2Alert(user: TestUser, patientId: string): Promise<Record<string, unknown>> {
      const { port } = t.app.getHttpServer().address() as AddressInfo;
      let buffer = '';
      let request: http.ClientRequest | undefined;
      const events = new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no alert event; received: ${buffer}`)), 15_000);
        request = http.get(
          {
            host: '127.0.0.1', port, path: '/api/v1/alerts/stream',
            headers: { ...auth(user), Accept: 'text/event-stream' },
          },
          (res) => {
            expect(res.statusCode).toBe(200);
            expect(res.headers['content-type']).toMatch(/text\/event-stream/);
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => {
              buffer += chunk;
              const block = buffer.split('\n\n').find((b) => b.includes('event: alert') && b.includes('news2_high'));
              if (block) {
                clearTimeout(timer);
                resolve(block);
              }
            });
            // Subscribed: now record the vitals that raise the alert.
            void t.as(clinician).post(vitalsUrl(patientId)).send(highNews2Vitals()).then((r) => {
              if (r.status !== 201) reject(new Error(`vitals failed: ${r.status}`));
            });
          },
        );
        request.on('error', (error) => {
          if (!buffer.includes('event: alert')) reject(error);
        });
      });
      try {
        const block = await events;
        return JSON.parse(block.split('\n').find((line) => line.startsWith('data: '))?.slice(6) ?? '{}');
      } finally {
        request?.destroy();
      }
    }

    it('delivers a new alert on the SSE stream of a clinician on the care team', async () => {
      const patient = await patientInEpisode();
      const data = await streamedNews2Alert(clinician, patient.id);
      expect(data).toMatchObject({ patientId: patient.id, source: 'detox', rule: 'news2_high', severity: 'emergency', status: 'open' });
      expect(data).toMatchObject({ readingWithheld: false, reading: expect.objectContaining({ heartRate: 115 }) });
      const [row] = await t.db.query(`SELECT reading_id FROM alerts WHERE id = $1`, [data.id]);
      expect(data.readingId).toBe(row.reading_id);
    });

    it('streams the emergency to a case manager on the team without the vital signs', async () => {
      const patient = await patientInEpisode();
      await addToCareTeam(t, patient.id, caseManager);
      const data = await streamedNews2Alert(caseManager, patient.id);
      expect(data).toMatchObject({ patientId: patient.id, rule: 'news2_high', severity: 'emergency', reading: {}, readingWithheld: true });
      expect(JSON.stringify(data)).not.toMatch(/heartRate|spo2|respiratoryRate/);
    });
  });

  describe('alert-rules setting', () => {
    it('is read and changed by admins only, validated field by field', async () => {
      const read = await t.as(admin).get('/api/v1/settings/alert-rules').expect(200);
      expect(read.body).toMatchObject({
        key: 'alert-rules', isDefault: true,
        value: { news2Medium: 5, news2High: 7, ciwaSevere: 16, cowsModeratelySevere: 25, cowsSevere: 37 },
      });
      await t.as(clinician).get('/api/v1/settings/alert-rules').expect(403);
      await t.as(clinician).put('/api/v1/settings/alert-rules').send({ value: { news2High: 8 } }).expect(403);
      const bad = await t.as(admin).put('/api/v1/settings/alert-rules')
        .send({ value: { news2Medium: 4, surprise: 1, depressantOverdose: { spo2Max: 120 } } }).expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['value.depressantOverdose.spo2Max', 'value.surprise']);
      const order = await t.as(admin).put('/api/v1/settings/alert-rules').send({ value: { news2High: 5 } }).expect(400);
      expect(order.body.errors).toEqual([expect.objectContaining({ field: 'value.news2Medium' })]);
      expect(await t.count('settings', `key = 'alert-rules'`)).toBe(0);
    });

    it('applies a changed threshold to the next readings', async () => {
      const patient = await patientInEpisode();
      const partial = { takenAt: new Date().toISOString(), heartRate: 105, temperatureC: 38.5 };
      const before = await t.as(clinician).post(vitalsUrl(patient.id)).send(partial).expect(201);
      expect(before.body.alerts).toEqual([]);

      await t.as(admin).put('/api/v1/settings/alert-rules').send({ value: { withdrawal: { heartRateMin: 100 } } }).expect(200);
      const after = await t.as(clinician).post(vitalsUrl(patient.id)).send(partial).expect(201);
      expect(after.body.alerts.map((a: { rule: string }) => a.rule)).toEqual(['withdrawal_autonomic']);
      const chart = await getSvg(`/api/v1/patients/${patient.id}/detox/chart.svg`, clinician);
      expect(chart.body).toContain('Tachycardia: at or above 100 beats/min');

      const reset = await t.as(admin).put('/api/v1/settings/alert-rules').send({ value: {} }).expect(200);
      expect(reset.body.value).toEqual({});
      const again = await t.as(clinician).post(vitalsUrl(patient.id)).send(partial).expect(201);
      expect(again.body.alerts).toEqual([]);
    });
  });

  function getSvg(path: string, user: TestUser, query: Record<string, string> = {}) {
    return t.as(user).get(path).query(query).buffer(true)
      .parse((res, done) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => done(null, text));
      });
  }

  describe('chart.svg', () => {
    it('draws vitals, NEWS2 and withdrawal scores as valid SVG without the patient identity', async () => {
      const patient = await patientInEpisode();
      for (const minutesAgo of [240, 120, 30]) {
        await t.as(clinician).post(vitalsUrl(patient.id)).send(normalVitals(minutesAgo)).expect(201);
      }
      await t.as(clinician).post(vitalsUrl(patient.id)).send({ takenAt: new Date().toISOString(), heartRate: 90 }).expect(201);
      await t.as(clinician).post(`/api/v1/patients/${patient.id}/withdrawal-assessments`)
        .send({ scale: 'CIWA-Ar', answers: [2, 2, 2, 2, 2, 1, 0, 0, 1, 0] }).expect(201);

      const res = await getSvg(`/api/v1/patients/${patient.id}/detox/chart.svg`, clinician, {
        from: new Date(Date.now() - 6 * 3600_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString(),
      }).expect(200);
      expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
      expect(res.headers['cache-control']).toBe('no-store');
      const svg = res.body as string;
      expect(svg.startsWith('<svg')).toBe(true);
      expect(() => assertWellFormedXml(svg)).not.toThrow();
      expect(svg).toContain('data-series="heartRate" data-count="4"');
      expect(svg).toContain('data-series="systolicBp" data-count="3"');
      expect(svg).toContain('data-series="news2Total" data-count="3"');
      expect(svg).toContain('data-series="ciwaAr" data-count="1"');
      expect(svg).toContain('Time (America/New_York)');
      expect(svg).toContain('band band-danger');
      expect(svg).not.toContain('Vitalsample');
      expect(svg).not.toContain('Quinn');
      expect(svg).not.toContain(patient.mrn);
      expect(svg).not.toContain(patient.id);
      expect(await t.count('audit_events', `action = 'vitals.read-chart' AND patient_id = $1`, [patient.id])).toBe(1);
    });

    it('refuses a reversed period or one longer than 31 days', async () => {
      const patient = await patientInEpisode();
      const reversed = await t.as(clinician).get(`/api/v1/patients/${patient.id}/detox/chart.svg`)
        .query({ from: '2026-03-02T00:00:00Z', to: '2026-03-01T00:00:00Z' }).expect(400);
      expect(reversed.body.errors[0].field).toBe('to');
      await t.as(clinician).get(`/api/v1/patients/${patient.id}/detox/chart.svg`)
        .query({ from: '2026-01-01T00:00:00Z', to: '2026-03-01T00:00:00Z' }).expect(400);
    });
  });

  describe('roles', () => {
    it('keeps vitals from case managers and admins (403) and writes nothing', async () => {
      const patient = await patientInEpisode();
      await addToCareTeam(t, patient.id, caseManager);
      await t.as(caseManager).post(vitalsUrl(patient.id)).send(normalVitals()).expect(403);
      await t.as(caseManager).get(vitalsUrl(patient.id)).expect(403);
      await t.as(caseManager).get(`/api/v1/patients/${patient.id}/detox/chart.svg`).expect(403);
      await t.as(admin).post(vitalsUrl(patient.id)).send(normalVitals()).expect(403);
      await t.as(admin).get(vitalsUrl(patient.id)).expect(403);
      expect(await t.count('vital_signs', 'patient_id = $1', [patient.id])).toBe(0);
    });

    it('hides the patient from a clinician outside the care team (404)', async () => {
      const patient = await patientInEpisode();
      const outsider = await t.createUser('clinician');
      await t.as(outsider).post(vitalsUrl(patient.id)).send(normalVitals()).expect(404);
      await t.as(outsider).get(vitalsUrl(patient.id)).expect(404);
      expect(await t.count('vital_signs', 'patient_id = $1', [patient.id])).toBe(0);
    });
  });
});
