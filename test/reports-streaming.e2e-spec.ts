import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { REPORTS_APPLICATION_NAME } from '../src/reports/reporting-database.service';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';
import { detoxEpisode, insertPatient } from './support/report-fixtures';

// More CSV than the loopback socket buffers and the server's stream buffers hold together
// (tens of MB), so a client that stops reading really holds the query open.
const ROWS = 200_000;
jest.setTimeout(60_000);

describe('reports: streaming row exports', () => {
  let t: TestApp;
  let admin: TestUser;
  let port: number;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.createUser('admin');
    const clinician = await t.createUser('clinician');
    const p = await insertPatient(t);
    const episode = await detoxEpisode(t, clinician, p.id, '2025-01-01T00:00');
    await t.db.query(
      `INSERT INTO vital_signs (patient_id, episode_id, taken_at, heart_rate, news2_complete, news2_subscores, news2_missing, recorded_by)
       SELECT $1, $2, timestamptz '2025-01-01 06:00Z' + n * interval '0.25 second', 60 + n % 40, false, '{}', '{spo2}', $3
       FROM generate_series(1, ${ROWS}) n`,
      [p.id, episode, clinician.id],
    );
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  /** Starts an export and resolves once its first bytes arrived, with the response paused there. */
  const startExport = () =>
    new Promise<{ req: http.ClientRequest; res: http.IncomingMessage }>((resolve, reject) => {
      const req = http.get({
        port, host: '127.0.0.1', path: '/api/v1/reports/vitals?from=2025-01-01&to=2025-01-02&format=csv',
        headers: { authorization: `Bearer ${admin.token}` },
      });
      req.on('error', () => undefined);
      req.on('response', (res) => {
        if (res.statusCode !== 200) reject(new Error(`status ${res.statusCode}`));
        res.once('data', () => {
          res.pause();
          resolve({ req, res });
        });
      });
    });

  /** The reports' connections that are inside a transaction or running a statement. */
  const busyReportConnections = async (): Promise<{ pid: number }[]> =>
    t.db.query(
      `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database() AND state <> 'idle'`,
      [REPORTS_APPLICATION_NAME],
    );

  const eventually = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 100; i += 1) {
      if (await check()) return true;
      await new Promise((r) => setTimeout(r, 50));
    }
    return false;
  };

  it('streams the whole export when read to the end', async () => {
    const res = await t.as(admin).get('/api/v1/reports/vitals?from=2025-01-01&to=2025-01-02&format=csv').expect(200);
    // BOM + statement + header + one line per reading.
    expect(res.text.split('\r\n')).toHaveLength(2 + ROWS + 1);
  });

  it('holds the query open while a slow client is not reading (back-pressure) and ends it when the client disconnects', async () => {
    // The previous export's connection may still be finishing its transaction.
    expect(await eventually(async () => (await busyReportConnections()).length === 0)).toBe(true);
    const { req } = await startExport();
    expect(await busyReportConnections()).toHaveLength(1);
    req.destroy();
    expect(await eventually(async () => (await busyReportConnections()).length === 0)).toBe(true);
  });

  it('aborts the response, instead of ending it normally, when the export fails midway', async () => {
    expect(await eventually(async () => (await busyReportConnections()).length === 0)).toBe(true);
    const { res } = await startExport();
    const outcome = new Promise<string>((resolve) => {
      res.on('end', () => resolve(res.complete ? 'complete' : 'incomplete'));
      res.on('aborted', () => resolve('aborted'));
      res.on('error', () => resolve('aborted'));
      res.on('close', () => resolve(res.complete ? 'complete' : 'aborted'));
    });
    const [busy] = await busyReportConnections();
    await t.db.query(`SELECT pg_terminate_backend($1)`, [busy?.pid]);
    res.resume();
    expect(await outcome).toBe('aborted');
  });
});
