import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { gracefulShutdown } from '../src/common/http/graceful-shutdown';
import { addToCareTeam, createPatient } from './support/factories';
import { createTestApp, type TestApp } from './support/test-app';

/** SIGTERM's shutdown: drain in-flight requests, refuse new ones, end event streams, close the pool. */
describe('graceful shutdown', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('finishes requests in flight, answers new ones 503, ends event streams and closes the pool', async () => {
    const manager = await t.createUser('case_manager');
    const clinician = await t.createUser('clinician');
    const patient = await createPatient(t, manager);
    await addToCareTeam(t, patient.id, clinician);
    await t.app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;

    // An event stream that stays open until the server ends it.
    const streamEnded = new Promise<number>((resolve, reject) => {
      http
        .get(`${base}/api/v1/alerts/stream`, { headers: { Authorization: `Bearer ${clinician.token}`, Accept: 'text/event-stream' } }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        })
        .on('error', reject);
    });

    // A write held in flight by a row lock until we let it go.
    const holder = t.db.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query(`SELECT 1 FROM patients WHERE id = $1 FOR UPDATE`, [patient.id]);
    const inFlight = request(base).patch(`/api/v1/patients/${patient.id}`).auth(manager.token, { type: 'bearer' })
      .set('If-Match', `"${patient.version}"`).send({ pronouns: 'they/them' }).then((res) => res);
    await new Promise((r) => setTimeout(r, 300));

    const shutdown = gracefulShutdown(t.app, 10_000);
    await new Promise((r) => setTimeout(r, 100));
    const refused = await request(base).get('/health');
    expect(refused.status).toBe(503);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.headers['retry-after']).toBe('1');

    await holder.commitTransaction();
    await holder.release();
    const finished = await inFlight;
    expect(finished.status).toBe(200);
    expect(finished.body.pronouns).toBe('they/them');
    const closing = Date.now();
    expect(await shutdown).toBe(true);
    expect(Date.now() - closing).toBeLessThan(2000);
    expect(await streamEnded).toBe(200);
    expect(t.db.isInitialized).toBe(false);
  });
});
