import { auditVerifyCommand } from '../src/platform/audit/audit-verify.command';
import { AuditSealJob } from '../src/platform/audit/audit-seal.job';
import { JobRunner } from '../src/platform/jobs/job-runner.service';
import { createPatient } from './support/factories';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';

/** The audit trail is tamper-evident: the sealing job chains events, `npm run audit:verify` finds any edit. */
describe('tamper-evident audit trail', () => {
  let t: TestApp;
  let manager: TestUser;
  let admin: TestUser;
  let url: string;

  beforeAll(async () => {
    t = await createTestApp();
    manager = await t.createUser('case_manager');
    admin = await t.createUser('admin');
    url = (t.db.options as { url: string }).url;
    const patient = await createPatient(t, manager);
    await t.as(manager).get(`/api/v1/patients/${patient.id}`).expect(200);
  });
  afterAll(() => t.close());

  const seal = () => t.app.get(JobRunner).runNow(AuditSealJob.NAME);
  const verify = async () => {
    const lines: string[] = [];
    const code = await auditVerifyCommand(url, (line) => lines.push(line));
    return { code, output: lines.join('\n') };
  };
  const anEventId = async () =>
    ((await t.db.query(`SELECT id::text AS id FROM audit_events WHERE action = 'patient.read' LIMIT 1`)) as { id: string }[])[0]?.id as string;
  /** Runs SQL against audit_events with its append-only trigger off, as an attacker with owner rights could. */
  const tamper = async (sql: string, params: unknown[]) => {
    await t.db.query(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete`);
    try {
      await t.db.query(sql, params);
    } finally {
      await t.db.query(`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete`);
    }
  };

  it('chains every committed event and verifies an untouched trail as intact (exit 0)', async () => {
    expect(await seal()).toBe(true);
    const events = await t.count('audit_events');
    expect(await t.count('audit_chain')).toBe(events);
    expect(await verify()).toEqual({ code: 0, output: `Audit trail intact: ${events} sealed events verified.` });
  });

  it('reports the last verification to admins only, and /health does not run one', async () => {
    const runs = await t.count('audit_verifications');
    await t.http().get('/health').expect(200);
    expect(await t.count('audit_verifications')).toBe(runs);
    const res = await t.as(admin).get('/api/v1/audit-events/verification').expect(200);
    expect(res.body).toMatchObject({
      lastVerification: { intact: true, problem: null, linksChecked: expect.stringMatching(/^\d+$/) },
      sealedEvents: String(await t.count('audit_chain')),
    });
    expect((await t.as(manager).get('/api/v1/audit-events/verification')).status).toBe(403);
  });

  it('names an event altered with the trigger disabled, and exits non-zero', async () => {
    const id = await anEventId();
    const [{ action }] = (await t.db.query(`SELECT action FROM audit_events WHERE id = $1`, [id])) as [{ action: string }];
    await tamper(`UPDATE audit_events SET action = 'patient.list' WHERE id = $1`, [id]);
    expect(await verify()).toEqual({ code: 1, output: expect.stringContaining(`event ${id} was altered`) });
    const res = await t.as(admin).get('/api/v1/audit-events/verification').expect(200);
    expect(res.body.lastVerification).toMatchObject({ intact: false, problem: { kind: 'altered', eventId: id } });
    await tamper(`UPDATE audit_events SET action = $2 WHERE id = $1`, [id, action]);
    expect((await verify()).code).toBe(0);
  });

  it('names an event removed with the trigger disabled', async () => {
    const id = await anEventId();
    await t.db.query(`CREATE TABLE saved_event AS SELECT * FROM audit_events WHERE id = $1`, [id]);
    await tamper(`DELETE FROM audit_events WHERE id = $1`, [id]);
    expect(await verify()).toEqual({ code: 1, output: expect.stringContaining(`event ${id} was removed`) });
    await t.db.query(`INSERT INTO audit_events OVERRIDING SYSTEM VALUE SELECT * FROM saved_event`);
    await t.db.query(`DROP TABLE saved_event`);
    expect((await verify()).code).toBe(0);
  });

  it('names an event inserted behind the sealed chain', async () => {
    const [{ id }] = (await t.db.query(
      `INSERT INTO audit_events (id, occurred_at, action, resource_type, outcome, transaction_id)
       OVERRIDING SYSTEM VALUE VALUES (900000, now() - interval '1 day', 'patient.read', 'patient', 'success', 1) RETURNING id::text AS id`,
    )) as [{ id: string }];
    expect(await verify()).toEqual({ code: 1, output: expect.stringContaining(`event ${id} was inserted out of order`) });
    await tamper(`DELETE FROM audit_events WHERE id = $1`, [id]);
  });

  it('finds a chain link whose hash was rewritten', async () => {
    const [link] = (await t.db.query(`SELECT seq::text AS seq, hash FROM audit_chain ORDER BY seq DESC LIMIT 1`)) as { seq: string; hash: string }[];
    await t.db.query(`ALTER TABLE audit_chain DISABLE TRIGGER audit_chain_no_update_delete`);
    try {
      await t.db.query(`UPDATE audit_chain SET hash = $2 WHERE seq = $1`, [link?.seq, 'f'.repeat(64)]);
      expect((await verify()).code).toBe(1);
      await t.db.query(`UPDATE audit_chain SET hash = $2 WHERE seq = $1`, [link?.seq, link?.hash]);
    } finally {
      await t.db.query(`ALTER TABLE audit_chain ENABLE TRIGGER audit_chain_no_update_delete`);
    }
    expect((await verify()).code).toBe(0);
  });

  it('chains an event that commits late in a later run, without blocking the writer or the sealer', async () => {
    const runner = t.db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await runner.query(`INSERT INTO audit_events (action, resource_type, outcome) VALUES ('test.late', 'test', 'success')`);
      await t.as(manager).get('/api/v1/users/me').expect(200);
      await t.db.query(`INSERT INTO audit_events (action, resource_type, outcome) VALUES ('test.early', 'test', 'success')`);
      // The sealer does not wait for the open transaction; it leaves everything after its horizon for later.
      expect(await seal()).toBe(true);
      expect(await t.count('audit_chain c JOIN audit_events e ON e.id = c.event_id', `e.action LIKE 'test.%'`)).toBe(0);
      expect((await verify()).code).toBe(0);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    expect(await seal()).toBe(true);
    expect(await t.count('audit_chain')).toBe(await t.count('audit_events'));
    expect((await verify()).code).toBe(0);
  });
});
