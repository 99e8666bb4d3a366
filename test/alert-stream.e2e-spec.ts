import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { JwtService } from '@nestjs/jwt';
import { AlertsService } from '../src/platform/alerts/alerts.service';
import { addToCareTeam, createPatient } from './support/factories';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';

interface StreamEvent {
  type: string;
  id?: string;
  data: Record<string, unknown>;
}

/** An open GET /alerts/stream: its events as they arrive, and whether the server closed it. */
interface OpenStream {
  events: StreamEvent[];
  closed: Promise<void>;
  isClosed(): boolean;
  /** The first event (already received or to come) matching `test`. */
  next(test: (event: StreamEvent) => boolean, timeoutMs?: number): Promise<StreamEvent>;
  destroy(): void;
}

/**
 * The SSE stream, re-checked before every event: a caller whose token no
 * longer holds gets an `end` event and the stream closes; an alert on a
 * patient the caller no longer reaches is not sent; every alert sent is
 * audited for its patient (and shows in the patient's access report).
 */
describe('alert stream re-checks the caller and audits what it sends', () => {
  let t: TestApp;
  let manager: TestUser;
  let admin: TestUser;
  let port: number;
  const opened: OpenStream[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
    manager = await t.createUser('case_manager');
    admin = await t.createUser('admin');
  });
  afterEach(() => {
    for (const stream of opened.splice(0)) stream.destroy();
  });
  afterAll(() => t.close());

  /** Resolves once the response has started, i.e. the stream is subscribed to new alerts. */
  function openStream(token: string, requestId?: string): Promise<OpenStream> {
    return new Promise((resolve, reject) => {
      const events: StreamEvent[] = [];
      const waiters: { test: (e: StreamEvent) => boolean; resolve: (e: StreamEvent) => void }[] = [];
      let buffer = '';
      let closed = false;
      let markClosed: () => void = () => undefined;
      const closedPromise = new Promise<void>((r) => { markClosed = r; });
      const request = http.get(
        {
          host: '127.0.0.1', port, path: '/api/v1/alerts/stream',
          headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream', ...(requestId ? { 'X-Request-Id': requestId } : {}) },
        },
        (res) => {
          if (res.statusCode !== 200) reject(new Error(`stream answered ${res.statusCode}`));
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            buffer += chunk;
            const blocks = buffer.split('\n\n');
            buffer = blocks.pop() ?? '';
            for (const block of blocks) {
              const field = (name: string) => block.split('\n').find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);
              const event: StreamEvent = { type: field('event') ?? 'message', id: field('id'), data: JSON.parse(field('data') ?? '{}') };
              events.push(event);
              for (const waiter of waiters.filter((w) => w.test(event))) waiter.resolve(event);
            }
          });
          res.on('end', () => { closed = true; markClosed(); });
          res.on('close', () => { closed = true; markClosed(); });
          const stream: OpenStream = {
            events,
            closed: closedPromise,
            isClosed: () => closed,
            next(test, timeoutMs = 10_000) {
              const seen = events.find(test);
              if (seen) return Promise.resolve(seen);
              return new Promise((ok, fail) => {
                const timer = setTimeout(() => fail(new Error(`no such event; received ${JSON.stringify(events)}`)), timeoutMs);
                waiters.push({ test, resolve: (e) => { clearTimeout(timer); ok(e); } });
              });
            },
            destroy: () => request.destroy(),
          };
          opened.push(stream);
          resolve(stream);
        },
      );
      request.on('error', (error) => { if (!closed) reject(error); });
    });
  }

  /** Raises an alert as a clinical module does (committed, then NOTIFY), and returns its id. */
  async function raiseAlert(patientId: string, audience: 'care_team' | 'clinician' | 'case_manager' = 'care_team'): Promise<string> {
    const alert = await t.db.transaction((m) => t.app.get(AlertsService).raise(m, {
      patientId, source: 'detox', rule: 'observed_emergency_sign', severity: 'emergency', audience,
      message: 'Observed emergency sign: seizure', reading: { observation: 'seizure', heartRate: 130 },
    }));
    if (!alert) throw new Error('alert not raised');
    return alert.id;
  }

  const isAlert = (id: string) => (e: StreamEvent) => e.type === 'alert' && e.data.id === id;
  const delivered = (alertId: string) => t.count('audit_events', `action = 'alert.stream-deliver' AND resource_id = $1`, [alertId]);

  async function clinicianOn(...patientIds: string[]): Promise<TestUser> {
    const clinician = await t.createUser('clinician');
    for (const id of patientIds) await addToCareTeam(t, id, clinician);
    return clinician;
  }

  it('sends an alert on the caller\'s patient, audited for that patient under the stream\'s request', async () => {
    const patient = await createPatient(t, manager);
    const other = await createPatient(t, manager);
    const clinician = await clinicianOn(patient.id);
    const stream = await openStream(clinician.token, 'stream-request-1');

    const elsewhere = await raiseAlert(other.id);
    const forCaseManagers = await raiseAlert(patient.id, 'case_manager');
    const alertId = await raiseAlert(patient.id);
    const event = await stream.next(isAlert(alertId));
    expect(event).toMatchObject({ id: alertId, data: { patientId: patient.id, rule: 'observed_emergency_sign', audience: 'care_team' } });
    // Neither the other patient's alert nor one meant for case managers was sent, and neither was audited.
    expect(stream.events.filter((e) => e.type === 'alert').map((e) => e.data.id)).toEqual([alertId]);
    expect(await delivered(elsewhere)).toBe(0);
    expect(await delivered(forCaseManagers)).toBe(0);

    const rows = await t.db.query(
      `SELECT user_id, user_role, patient_id, resource_type, outcome, emergency_access, request_id, details
       FROM audit_events WHERE action = 'alert.stream-deliver' AND resource_id = $1`, [alertId],
    );
    expect(rows).toEqual([{
      user_id: clinician.id, user_role: 'clinician', patient_id: patient.id, resource_type: 'alert', outcome: 'success',
      emergency_access: false, request_id: 'stream-request-1', details: { rule: 'observed_emergency_sign', severity: 'emergency' },
    }]);
    // The patient's access report shows the delivery.
    const report = await t.as(admin).get(`/api/v1/patients/${patient.id}/access-report`).expect(200);
    expect(report.body.items).toContainEqual(expect.objectContaining({ action: 'alert.stream-deliver', userId: clinician.id }));
    expect(stream.isClosed()).toBe(false);
  });

  it.each([
    ['deactivated', 'account_deactivated', (id: string) => t.as(admin).post(`/api/v1/users/${id}/deactivate`).expect(200)],
    ['whose sessions were ended', 'session_ended', (id: string) => t.as(admin).post(`/api/v1/users/${id}/end-sessions`).expect(200)],
    ['whose role changed', 'session_ended', (id: string) => t.as(admin).post(`/api/v1/users/${id}/role`).send({ role: 'case_manager' }).expect(200)],
  ])('ends the stream of a user %s, sending no further alert', async (_what, reason, change) => {
    const patient = await createPatient(t, manager);
    const clinician = await clinicianOn(patient.id);
    const stream = await openStream(clinician.token);
    const before = await raiseAlert(patient.id);
    await stream.next(isAlert(before));

    await change(clinician.id);
    await t.as(clinician).get('/api/v1/alerts').expect(401);
    const after = await raiseAlert(patient.id);
    const end = await stream.next((e) => e.type === 'end');
    expect(end.data).toEqual({ reason });
    await stream.closed;
    expect(stream.events.map((e) => e.type)).toEqual(['alert', 'end']);
    expect(await delivered(before)).toBe(1);
    expect(await delivered(after)).toBe(0);
  });

  it('ends the stream of a deactivated user at once, without waiting for an alert or a heartbeat', async () => {
    const patient = await createPatient(t, manager);
    const clinician = await clinicianOn(patient.id);
    const stream = await openStream(clinician.token);
    const before = await raiseAlert(patient.id);
    await stream.next(isAlert(before));

    await t.as(admin).post(`/api/v1/users/${clinician.id}/deactivate`).expect(200);
    // Well within the 25 s heartbeat: the change reaches the stream through NOTIFY.
    const end = await stream.next((e) => e.type === 'end', 3_000);
    expect(end.data).toEqual({ reason: 'account_deactivated' });
    await stream.closed;
    expect(stream.events.map((e) => e.type)).toEqual(['alert', 'end']);
  });

  it('ends the stream when its token expires, without waiting for an alert', async () => {
    const patient = await createPatient(t, manager);
    const clinician = await clinicianOn(patient.id);
    const token = await t.app.get(JwtService).signAsync({ sub: clinician.id, role: clinician.role, epoch: 1 }, { expiresIn: 2 });
    const stream = await openStream(token);
    const before = await raiseAlert(patient.id);
    await stream.next(isAlert(before));

    const end = await stream.next((e) => e.type === 'end', 5_000);
    expect(end.data).toEqual({ reason: 'token_expired' });
    await stream.closed;
    await t.http().get('/api/v1/alerts').auth(token, { type: 'bearer' }).expect(401);
    const after = await raiseAlert(patient.id);
    await t.settled();
    expect(stream.events.map((e) => e.type)).toEqual(['alert', 'end']);
    expect(await delivered(after)).toBe(0);
  });

  it('refuses a token with no expiry, which could hold a stream open for ever', async () => {
    const clinician = await t.createUser('clinician');
    const forever = await t.app.get(JwtService).signAsync({ sub: clinician.id, role: clinician.role, epoch: 1 });
    const res = await t.http().get('/api/v1/alerts/stream').auth(forever, { type: 'bearer' }).expect(401);
    expect(res.body).toMatchObject({ status: 401 });
    expect(await t.count('audit_events', 'user_id = $1', [clinician.id])).toBe(0);
  });

  it('stops sending a patient\'s alerts once the caller is removed from the care team, and keeps the stream open', async () => {
    const removedFrom = await createPatient(t, manager);
    const still = await createPatient(t, manager);
    const clinician = await clinicianOn(removedFrom.id, still.id);
    const stream = await openStream(clinician.token);
    const before = await raiseAlert(removedFrom.id);
    await stream.next(isAlert(before));

    await t.as(manager).delete(`/api/v1/patients/${removedFrom.id}/care-team/${clinician.id}`).expect(204);
    expect(await t.count('care_team_members', 'patient_id = $1 AND user_id = $2', [removedFrom.id, clinician.id])).toBe(0);
    const notSent = await raiseAlert(removedFrom.id);
    const sent = await raiseAlert(still.id);
    await stream.next(isAlert(sent));
    expect(stream.events.filter((e) => e.type === 'alert').map((e) => e.data.id)).toEqual([before, sent]);
    expect(await delivered(notSent)).toBe(0);
    expect(await delivered(sent)).toBe(1);
    expect(stream.isClosed()).toBe(false);
  });

  it('sends alerts under emergency access (flagged in the audit) until the grant expires', async () => {
    const patient = await createPatient(t, manager);
    const own = await createPatient(t, manager);
    const clinician = await clinicianOn(own.id);
    await t.as(clinician).post(`/api/v1/patients/${patient.id}/emergency-access`)
      .send({ reason: 'Seizure reported in the waiting room' }).expect(201);
    const stream = await openStream(clinician.token);
    const during = await raiseAlert(patient.id);
    await stream.next(isAlert(during));
    const [row] = await t.db.query(
      `SELECT emergency_access FROM audit_events WHERE action = 'alert.stream-deliver' AND resource_id = $1`, [during],
    );
    expect(row).toEqual({ emergency_access: true });

    await t.db.query(
      `UPDATE emergency_access_grants SET granted_at = now() - interval '2 hours', expires_at = now() - interval '1 second'
       WHERE patient_id = $1 AND user_id = $2`, [patient.id, clinician.id],
    );
    const notSent = await raiseAlert(patient.id);
    const sent = await raiseAlert(own.id);
    await stream.next(isAlert(sent));
    expect(stream.events.filter((e) => e.type === 'alert').map((e) => e.data.id)).toEqual([during, sent]);
    expect(await delivered(notSent)).toBe(0);
  });
});
