import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DateTime } from 'luxon';
import { AuditSealJob } from '../src/platform/audit/audit-seal.job';
import { auditVerifyCommand } from '../src/platform/audit/audit-verify.command';
import { JobRunner } from '../src/platform/jobs/job-runner.service';
import { auth, detoxPatient, highNews2Vitals, startEpisode } from './support/detox-fixtures';
import { createPatient } from './support/factories';
import { ny } from './support/sessions-fixtures';
import { createSecondInstance, createTestApp, type TestApp, type TestUser } from './support/test-app';

/**
 * Two application instances on one database, with parallel requests split
 * between them (as a load balancer would): the rules enforced by PostgreSQL
 * constraints, row locks and advisory locks hold across instances.
 */
describe('two instances against one database', () => {
  let a: TestApp;
  let b: TestApp;
  let clinician: TestUser;

  beforeAll(async () => {
    a = await createTestApp();
    b = await createSecondInstance(a);
    clinician = await a.createUser('clinician');
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  /** The i-th request goes to instance A when i is even, B when odd. */
  const instance = (i: number) => (i % 2 === 0 ? a : b);
  const statuses = (responses: { status: number }[]) => responses.map((r) => r.status).sort();

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
      drug: 'baclofen', dose: 10, unit: 'mg', route: 'oral', asNeeded: true,
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
    await b.as(user).get('/api/v1/users/me').expect(401);
    expect(Date.now() - ended).toBeLessThan(1000);
  });

  it("delivers an alert raised on one instance to an SSE client of the other", async () => {
    const patient = await detoxPatient(a, clinician);
    await startEpisode(a, clinician, patient.id);
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
