import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DateTime } from 'luxon';
import { AlertEscalationJob } from '../src/platform/alerts/alert-escalation.job';
import { AuditSealJob } from '../src/platform/audit/audit-seal.job';
import { auditVerifyCommand } from '../src/platform/audit/audit-verify.command';
import { JobRunner } from '../src/platform/jobs/job-runner.service';
import { aftercareHelpers, daysFromToday, noonOn, plusDays } from './support/aftercare-fixtures';
import { auth, ciwaAnswers, detoxPatient, highNews2Vitals, normalVitals, startEpisode } from './support/detox-fixtures';
import { addToCareTeam, createPatient } from './support/factories';
import { ny, patientOf } from './support/sessions-fixtures';
import { createGroup, generateMeetings, meetingsOf } from './support/support-groups-fixtures';
import { createSecondInstance, createTestApp, TEST_PASSWORD, type TestApp, type TestUser } from './support/test-app';

/**
 * Two application instances on one database, with parallel requests split
 * between them (as a load balancer would): the rules enforced by PostgreSQL
 * constraints, row locks and advisory locks hold across instances.
 */
describe('two instances against one database', () => {
  let a: TestApp;
  let b: TestApp;
  let clinician: TestUser;
  let caseManager: TestUser;

  beforeAll(async () => {
    a = await createTestApp();
    b = await createSecondInstance(a);
    clinician = await a.createUser('clinician');
    caseManager = await a.createUser('case_manager');
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  /** The i-th request goes to instance A when i is even, B when odd. */
  const instance = (i: number) => (i % 2 === 0 ? a : b);
  const statuses = (responses: { status: number }[]) => responses.map((r) => r.status).sort();
  /** Runs a job six times at once, split between the instances, then once more after they have all finished. */
  const runOnBoth = async (job: string, now: Date): Promise<boolean[]> => {
    const runs = await Promise.all(Array.from({ length: 6 }, (_, i) => instance(i).app.get(JobRunner).runNow(job, now)));
    runs.push(await b.app.get(JobRunner).runNow(job, now));
    return runs;
  };

  it('books a clinician once when parallel bookings of the same slot hit both instances', async () => {
    const patients = await Promise.all(Array.from({ length: 6 }, () => createPatient(a, clinician)));
    const responses = await Promise.all(
      patients.map((p, i) =>
        instance(i).as(clinician).post('/api/v1/sessions', {
          kind: 'individual', startsAt: ny('2030-02-05T10:00'), endsAt: ny('2030-02-05T11:00'),
          clinicianIds: [clinician.id], patientIds: [p.id],
        }),
      ),
    );
    expect(statuses(responses)).toEqual([201, 409, 409, 409, 409, 409]);
    expect(await a.count('session_clinicians', 'clinician_id = $1', [clinician.id])).toBe(1);
  });

  it('keeps the rolling 24-hour dose maximum when parallel administrations hit both instances', async () => {
    const patient = await detoxPatient(a, clinician);
    await startEpisode(a, clinician, patient.id, { substances: ['baclofen'] });
    const order = await a.as(clinician).post(`/api/v1/patients/${patient.id}/medication-orders`, {
      drug: 'baclofen', dose: 30, unit: 'mg', route: 'oral', asNeeded: true,
      startDate: DateTime.now().setZone('America/New_York').minus({ days: 1 }).toISODate(),
    }).expect(201);
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        instance(i).as(clinician).post(`/api/v1/patients/${patient.id}/medication-administrations`, {
          orderId: order.body.id, dose: 30, givenAt: new Date(Date.now() - i * 1000).toISOString(),
        }),
      ),
    );
    expect(statuses(responses)).toEqual([201, 201, 422, 422, 422, 422]); // 80 mg maximum: two doses of 30 mg
    const [row] = (await a.db.query(`SELECT sum(dose)::float8 AS total FROM medication_administrations WHERE order_id = $1`, [order.body.id])) as [{ total: number }];
    expect(row.total).toBe(60);
  });

  it('opens one detox episode when parallel requests hit both instances', async () => {
    const patient = await detoxPatient(a, clinician);
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        instance(i).as(clinician).post(`/api/v1/patients/${patient.id}/detox-episodes`)
          .send({ substances: ['alcohol'], expectedLengthDays: 7, setting: 'ambulatory' }),
      ),
    );
    expect(statuses(responses)).toEqual([201, 409, 409, 409, 409, 409]);
    expect(await a.count('detox_episodes', 'patient_id = $1 AND ended_at IS NULL', [patient.id])).toBe(1);
  });

  it('seats exactly the capacity when parallel joins hit both instances, and waitlists the rest at gapless positions', async () => {
    const group = await createGroup(a, clinician, [await a.createUser('clinician').then((u) => u.id)], { capacity: 3 });
    const racers: string[] = [];
    for (let i = 0; i < 12; i += 1) racers.push(await patientOf(a, clinician));
    const answers = await Promise.all(
      racers.map((patientId, i) => instance(i).as(clinician).post(`/api/v1/support-groups/${group.id}/members`, { patientId })),
    );
    expect(statuses(answers)).toEqual(racers.map(() => 201));
    expect(answers.filter((r) => r.body.status === 'member')).toHaveLength(3);
    const positions = answers.filter((r) => r.body.status === 'waitlisted').map((r) => r.body.position as number);
    expect(positions.sort((x, y) => x - y)).toEqual(Array.from({ length: 9 }, (_, i) => i + 1));
    expect(await a.count('support_group_memberships', `group_id = $1 AND status = 'member'`, [group.id])).toBe(3);
    expect(await a.count('support_group_memberships', `group_id = $1 AND status = 'waitlisted'`, [group.id])).toBe(9);
  });

  it('generates a support group\'s meetings once when the job runs on both instances at once', async () => {
    const facilitator = await a.createUser('clinician');
    const group = await createGroup(a, clinician, [facilitator.id], {
      schedule: { weekdays: ['TU'], startTime: '18:00', endTime: '19:30', firstDate: '2033-03-01' },
    });
    expect(await runOnBoth('support-groups.meetings', new Date('2033-02-26T12:00:00Z'))).toContain(true);
    // 8-week horizon from 26 Feb 2033: Tuesdays 1 Mar .. 19 Apr.
    expect(await meetingsOf(a, group.id)).toHaveLength(8);
    expect(await a.count('staff_bookings', 'user_id = $1', [facilitator.id])).toBe(8);
    expect(await generateMeetings(b, '2033-02-26T12:00:00Z')).toBe(true);
    expect(await a.count('support_group_meetings', 'group_id = $1', [group.id])).toBe(8);
  });

  it('raises one overdue-reassessment alert when the job runs on both instances at once', async () => {
    const patient = await detoxPatient(a, clinician);
    await startEpisode(a, clinician, patient.id, { startedAt: new Date(Date.now() - 48 * 3600_000).toISOString() });
    const assessment = await b.as(clinician).post(`/api/v1/patients/${patient.id}/withdrawal-assessments`, {
      scale: 'CIWA-Ar', answers: ciwaAnswers(17), assessedAt: new Date(Date.now() - 3 * 3600_000).toISOString(),
    }).expect(201);
    const due = Date.parse(assessment.body.nextDueAt as string);
    expect(await runOnBoth('detox.reassessments-overdue', new Date(due + 20 * 60_000))).toContain(true);
    expect(await a.count('alerts', `patient_id = $1 AND rule = 'reassessment_overdue'`, [patient.id])).toBe(1);
  });

  it('escalates an unacknowledged emergency once when the job runs on both instances at once', async () => {
    const patient = await detoxPatient(a, clinician);
    await addToCareTeam(a, patient.id, caseManager);
    await startEpisode(a, clinician, patient.id, { startedAt: new Date(Date.now() - 24 * 3600_000).toISOString() });
    // NEWS2 16: an emergency alert that nobody acknowledges.
    await a.as(clinician).post(`/api/v1/patients/${patient.id}/vitals`, normalVitals(5, {
      respiratoryRate: 26, spo2: 90, onSupplementalOxygen: true, temperatureC: 39.5, systolicBp: 85, diastolicBp: 50,
      heartRate: 135, consciousness: 'V',
    })).expect(201);
    const [alert] = (await a.db.query(
      `SELECT id, raised_at FROM alerts WHERE patient_id = $1 AND rule = 'news2_high' AND status = 'open'`, [patient.id],
    )) as { id: string; raised_at: Date }[];
    const escalateAt = new Date((alert as { raised_at: Date }).raised_at.getTime() + 16 * 60_000);
    expect(await runOnBoth(AlertEscalationJob.NAME, escalateAt)).toContain(true);
    expect(await a.count('alerts', 'escalates_alert_id = $1', [(alert as { id: string }).id])).toBe(1);
  });

  it('raises one overdue follow-up alert when the job runs on both instances at once', async () => {
    const { withPlan } = aftercareHelpers(() => a, () => ({ clinician, caseManager }));
    const start = daysFromToday(-100);
    const { id } = await withPlan(start);
    // Day 12: the 7-day follow-up is more than 3 days late.
    expect(await runOnBoth('aftercare.follow-ups', noonOn(plusDays(start, 12)))).toContain(true);
    expect(await a.count('alerts', `patient_id = $1 AND rule = 'follow_up_overdue'`, [id])).toBe(1);
  });

  it('runs each background job on one instance at a time: the audit chain seals every event exactly once', async () => {
    const runs = await Promise.all(
      Array.from({ length: 8 }, (_, i) => instance(i).app.get(JobRunner).runNow(AuditSealJob.NAME)),
    );
    expect(runs).toContain(true);
    await a.app.get(JobRunner).runNow(AuditSealJob.NAME);
    expect(await a.count('audit_chain')).toBe(await a.count('audit_events'));
    const missed = await Promise.all([a, b].map((t) => t.app.get(JobRunner).runNow('detox.missed-doses')));
    expect(missed.filter(Boolean).length).toBeGreaterThanOrEqual(1);
    expect(await auditVerifyCommand((a.db.options as { url: string }).url, () => undefined)).toBe(0);
  });

  it("refuses a user's access tokens on the other instance as soon as an admin ends their sessions on one", async () => {
    const admin = await a.createUser('admin');
    const user = await a.createUser('case_manager');
    await b.as(user).get('/api/v1/users/me').expect(200);
    await a.as(admin).post(`/api/v1/users/${user.id}/end-sessions`).expect(200);
    const ended = Date.now();
    // The other instance hears of it by NOTIFY: the rule is "within a second", so poll rather than race the listener.
    let status = (await b.as(user).get('/api/v1/users/me')).status;
    while (status === 200 && Date.now() - ended < 1000) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = (await b.as(user).get('/api/v1/users/me')).status;
    }
    expect(status).toBe(401);
    expect(Date.now() - ended).toBeLessThan(1000);
  });

  it('refuses a logged-out access token on the other instance within a second', async () => {
    const user = await a.createUser('case_manager');
    const pair = (await a.http().post('/api/v1/auth/login').set('X-Forwarded-For', '198.18.9.9')
      .send({ email: user.email, password: TEST_PASSWORD }).expect(200)).body as { accessToken: string; refreshToken: string };
    const me = () => b.http().get('/api/v1/users/me').auth(pair.accessToken, { type: 'bearer' });
    await me().expect(200);
    await a.http().post('/api/v1/auth/logout').send({ refreshToken: pair.refreshToken }).expect(204);
    const ended = Date.now();
    let status = (await me()).status;
    while (status === 200 && Date.now() - ended < 1000) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = (await me()).status;
    }
    expect(status).toBe(401);
    expect(Date.now() - ended).toBeLessThan(1000);
  });

  it("delivers an alert raised on one instance to an SSE client of the other", async () => {
    const patient = await detoxPatient(a, clinician);
    await startEpisode(a, clinician, patient.id, { startedAt: new Date(Date.now() - 3600_000).toISOString() });
    await b.app.listen(0, '127.0.0.1');
    const { port } = b.app.getHttpServer().address() as AddressInfo;
    let buffer = '';
    let stream: http.ClientRequest | undefined;
    const received = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no alert on instance B; received: ${buffer}`)), 15_000);
      stream = http.get(
        { host: '127.0.0.1', port, path: '/api/v1/alerts/stream', headers: { ...auth(clinician), Accept: 'text/event-stream' } },
        (res) => {
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            buffer += chunk;
            const block = buffer.split('\n\n').find((part) => part.includes('event: alert') && part.includes(patient.id) && part.includes('news2_high'));
            if (block) {
              clearTimeout(timer);
              resolve(block);
            }
          });
          // Subscribed on B: raise the alert through A.
          void a.as(clinician).post(`/api/v1/patients/${patient.id}/vitals`).send(highNews2Vitals()).then((r) => {
            if (r.status !== 201) reject(new Error(`vitals on A failed: ${r.status}`));
          });
        },
      );
      stream.on('error', (error) => {
        if (!buffer.includes('event: alert')) reject(error);
      });
    });
    try {
      const block = await received;
      expect(block).toContain('news2_high');
    } finally {
      stream?.destroy();
    }
  });
});
