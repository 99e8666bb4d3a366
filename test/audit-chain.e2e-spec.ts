import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { ChainAnchor } from '../src/platform/audit/audit-anchor';
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
  const verify = async (anchors: ChainAnchor[] = []) => {
    const lines: string[] = [];
    const code = await auditVerifyCommand(url, (line) => lines.push(line), anchors);
    return { code, output: lines.join('\n') };
  };
  const anEventId = async () =>
    ((await t.db.query(`SELECT id::text AS id FROM audit_events WHERE action = 'patient.read' LIMIT 1`)) as { id: string }[])[0]?.id as string;
  /** Runs SQL against the audit tables with their triggers off, as an attacker with owner rights could. */
  const tamper = (sql: string, params: unknown[]) => tamperAll([[sql, params]]);

  it('chains every committed event and verifies an untouched trail as intact (exit 0)', async () => {
    expect(await seal()).toBe(true);
    const events = await t.count('audit_events');
    expect(await t.count('audit_chain')).toBe(events);
    expect(await verify()).toEqual({ code: 0, output: `Audit trail intact: ${events} sealed events verified.` });
  });

  /** The newest checkpoint, as the seal job logged it. */
  const lastCheckpoint = async () =>
    ((await t.db.query(`SELECT chain_seq::text AS seq, hash FROM audit_checkpoints ORDER BY id DESC LIMIT 1`)) as ChainAnchor[])[0] as ChainAnchor;
  /** Events written as the app writes them, in their own transactions. */
  const newEvents = async (n: number) => {
    for (let i = 0; i < n; i++) await t.db.query(`INSERT INTO audit_events (action, resource_type, outcome) VALUES ('audit.sample', 'test', 'success')`);
  };
  /**
   * Runs SQL with every trigger of the audit tables off, as a superuser could
   * (ALTER TABLE ... DISABLE TRIGGER); each trigger comes back in the mode it had (ENABLE ALWAYS stays always).
   */
  const tamperAll = async (statements: [string, unknown[]?][]) => {
    const triggers = (await t.db.query(
      `SELECT tgrelid::regclass::text AS "table", tgname AS name, tgenabled AS mode FROM pg_trigger
       WHERE NOT tgisinternal AND tgrelid::regclass::text IN ('audit_events', 'audit_chain', 'audit_checkpoints')`,
    )) as { table: string; name: string; mode: 'O' | 'A' | 'R' | 'D' }[];
    const enable = { O: 'ENABLE', A: 'ENABLE ALWAYS', R: 'ENABLE REPLICA', D: 'DISABLE' };
    for (const tg of triggers) await t.db.query(`ALTER TABLE ${tg.table} DISABLE TRIGGER ${tg.name}`);
    try {
      for (const [sql, params] of statements) await t.db.query(sql, params ?? []);
    } finally {
      for (const tg of triggers) await t.db.query(`ALTER TABLE ${tg.table} ${enable[tg.mode]} TRIGGER ${tg.name}`);
    }
  };

  it('logs each committed checkpoint at info as an outside anchor: sequence number and hash only', async () => {
    const log = jest.spyOn(Logger.prototype, 'log');
    const debug = jest.spyOn(Logger.prototype, 'debug');
    try {
      await newEvents(1);
      expect(await seal()).toBe(true);
      const checkpoint = await lastCheckpoint();
      expect(log).toHaveBeenCalledWith({ auditAnchor: `${checkpoint.seq}:${checkpoint.hash}` }, 'audit chain checkpoint');
      expect(debug).not.toHaveBeenCalled();
      // Nothing new to seal: no checkpoint, nothing logged.
      log.mockClear();
      expect(await seal()).toBe(true);
      expect(log).not.toHaveBeenCalled();
    } finally {
      log.mockRestore();
      debug.mockRestore();
    }
  });

  it('finds a tail removed together with its checkpoints only against the logged anchor, in the command and the API', async () => {
    await newEvents(3);
    expect(await seal()).toBe(true);
    const anchor = await lastCheckpoint();
    const last = BigInt(anchor.seq);
    const kept = String(last - 3n);
    expect(await verify([anchor])).toEqual({ code: 0, output: expect.stringMatching(new RegExp(`verified; outside anchor ${anchor.seq} matches\\.$`)) });
    const holds = await t.as(admin).get('/api/v1/audit-events/verification').query({ anchor: `${anchor.seq}:${anchor.hash}` }).expect(200);
    expect(holds.body.anchor).toEqual({ ...anchor, holds: true, problem: null });

    // The probe's attack: the last three events, their links and checkpoints deleted.
    await t.db.query(`CREATE TABLE saved_tail_events AS SELECT * FROM audit_events WHERE id IN (SELECT event_id FROM audit_chain WHERE seq > $1)`, [kept]);
    await t.db.query(`CREATE TABLE saved_tail_chain AS SELECT * FROM audit_chain WHERE seq > $1`, [kept]);
    await t.db.query(`CREATE TABLE saved_tail_checkpoints AS SELECT * FROM audit_checkpoints WHERE chain_seq > $1`, [kept]);
    await tamperAll([
      [`DELETE FROM audit_checkpoints WHERE chain_seq > $1`, [kept]],
      [`DELETE FROM audit_events WHERE id IN (SELECT event_id FROM audit_chain WHERE seq > $1)`, [kept]],
      [`DELETE FROM audit_chain WHERE seq > $1`, [kept]],
    ]);
    expect(await t.count('audit_chain', 'seq > $1', [kept])).toBe(0);
    // Inside the database the shortened chain is consistent: only the outside anchor shows the cut.
    expect((await verify()).code).toBe(0);
    const detail = `the chain ends at link ${kept}, short of the outside anchor ${anchor.seq}:${anchor.hash}: links ${last - 2n} to ${anchor.seq} were removed`;
    expect(await verify([anchor])).toEqual({ code: 1, output: `Audit trail NOT intact after ${kept} links: ${detail} (removed).` });
    const [run] = (await t.db.query(
      `SELECT intact, links_checked::text AS links, problem_kind AS kind, problem_event_id AS "eventId", problem_detail AS detail
       FROM audit_verifications ORDER BY id DESC LIMIT 1`,
    )) as unknown[];
    expect(run).toEqual({ intact: false, links: kept, kind: 'removed', eventId: null, detail });
    const broken = await t.as(admin).get('/api/v1/audit-events/verification').query({ anchor: `${anchor.seq}:${anchor.hash}` }).expect(200);
    expect(broken.body).toMatchObject({
      lastVerification: { intact: false, problem: { kind: 'removed', eventId: null, detail } },
      sealedEvents: kept,
      anchor: { ...anchor, holds: false, problem: { kind: 'removed', eventId: null, detail } },
    });

    await tamperAll([
      [`INSERT INTO audit_events OVERRIDING SYSTEM VALUE SELECT * FROM saved_tail_events`],
      [`INSERT INTO audit_chain SELECT * FROM saved_tail_chain`],
      [`INSERT INTO audit_checkpoints OVERRIDING SYSTEM VALUE SELECT * FROM saved_tail_checkpoints`],
    ]);
    await t.db.query(`DROP TABLE saved_tail_events, saved_tail_chain, saved_tail_checkpoints`);
    expect((await verify([anchor])).code).toBe(0);
  });

  it('refuses an anchor that is not <seq>:<hash> (400, nothing checked) and names a rewritten link', async () => {
    const runs = await t.count('audit_verifications');
    const bad = await t.as(admin).get('/api/v1/audit-events/verification').query({ anchor: '12:not-a-hash' }).expect(400);
    expect(bad.body).toMatchObject({ status: 400, errors: [{ field: 'anchor', message: expect.stringContaining('<seq>') }] });
    const anchor = await lastCheckpoint();
    const forged = { seq: anchor.seq, hash: 'e'.repeat(64) };
    const res = await t.as(admin).get('/api/v1/audit-events/verification').query({ anchor: `${forged.seq}:${forged.hash}` }).expect(200);
    expect(res.body.anchor).toMatchObject({ holds: false, problem: { kind: 'altered', detail: expect.stringContaining(`link ${anchor.seq}`) } });
    expect(await t.count('audit_verifications')).toBe(runs);
    expect(await verify([forged])).toEqual({ code: 1, output: expect.stringContaining(`no longer has the hash of the outside anchor ${forged.seq}:`) });
    expect((await verify([anchor])).code).toBe(0);
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
    await tamper(`INSERT INTO audit_events OVERRIDING SYSTEM VALUE SELECT * FROM saved_event`, []);
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
    await tamper(`UPDATE audit_chain SET hash = $2 WHERE seq = $1`, [link?.seq, 'f'.repeat(64)]);
    expect((await verify()).code).toBe(1);
    await tamper(`UPDATE audit_chain SET hash = $2 WHERE seq = $1`, [link?.seq, link?.hash]);
    expect((await verify()).code).toBe(0);
  });

  it('sets every event time from the database clock: a plain INSERT cannot backdate a forged event, even in replica mode', async () => {
    const patient = await createPatient(t, manager);
    const forgedAt = new Date(Date.now() - 5 * 24 * 3600_000).toISOString();
    const forge = `INSERT INTO audit_events (occurred_at, user_id, user_role, action, resource_type, resource_id, patient_id, outcome)
       VALUES ($1, $2, 'case_manager', 'patient.read', 'patient', $3::text, $3::uuid, 'success')
       RETURNING id::text AS id, occurred_at AS "occurredAt", (clock_timestamp() - occurred_at) < interval '5 seconds' AS fresh`;
    const [plain] = (await t.db.query(forge, [forgedAt, manager.id, patient.id])) as { id: string; occurredAt: Date; fresh: boolean }[];
    const replica = t.db.createQueryRunner();
    await replica.connect();
    let viaReplica: { id: string; occurredAt: Date; fresh: boolean } | undefined;
    try {
      await replica.startTransaction();
      await replica.query(`SET LOCAL session_replication_role = replica`);
      [viaReplica] = (await replica.query(forge, ['2020-01-01T00:00:00Z', manager.id, patient.id])) as (typeof plain)[];
      await replica.commitTransaction();
    } finally {
      await replica.release();
    }
    for (const row of [plain, viaReplica]) {
      expect(row).toMatchObject({ fresh: true });
      expect(row?.occurredAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    }
    expect(await t.count('audit_events', `patient_id = $1 AND occurred_at < now() - interval '1 day'`, [patient.id])).toBe(0);
    // The patient's access report shows them when they were written, not at the forged times.
    const report = await t.as(admin).get(`/api/v1/patients/${patient.id}/access-report?limit=100`).expect(200);
    const times = (report.body.items as { occurredAt: string }[]).map((i) => i.occurredAt);
    expect(times).not.toContain(forgedAt);
    expect(times).not.toContain('2020-01-01T00:00:00.000Z');
    for (const time of times) expect(Date.parse(time)).toBeGreaterThan(Date.now() - 60_000);
    expect(await seal()).toBe(true);
    expect((await verify()).code).toBe(0);
  });

  it('keeps the audit tables append-only under session_replication_role = replica (the triggers fire ALWAYS)', async () => {
    await newEvents(3);
    expect(await seal()).toBe(true);
    const anchor = await lastCheckpoint();
    const kept = String(BigInt(anchor.seq) - 3n);
    const counts = async () => Promise.all(['audit_events', 'audit_chain', 'audit_checkpoints', 'audit_verifications'].map((table) => t.count(table)));
    const before = await counts();
    // The probe's statements, each in a replica-mode session of the app's own (superuser) connection.
    const attacks = [
      `DELETE FROM audit_checkpoints WHERE chain_seq > ${kept}`,
      `DELETE FROM audit_chain WHERE seq > ${kept}`,
      `DELETE FROM audit_events WHERE id IN (SELECT event_id FROM audit_chain WHERE seq > ${kept})`,
      `UPDATE audit_events SET action = 'patient.list' WHERE action = 'audit.sample'`,
      `DELETE FROM audit_verifications`,
      `TRUNCATE audit_events`,
      `TRUNCATE audit_chain`,
      `TRUNCATE audit_checkpoints`,
      `TRUNCATE audit_verifications`,
    ];
    for (const attack of attacks) {
      const runner = t.db.createQueryRunner();
      await runner.connect();
      try {
        await runner.query(`SET session_replication_role = replica`);
        await expect(runner.query(attack)).rejects.toThrow(/append-only/);
      } finally {
        await runner.query(`RESET session_replication_role`);
        await runner.release();
      }
    }
    expect(await counts()).toEqual(before);
    expect(await verify([anchor])).toEqual({ code: 0, output: expect.stringContaining(`outside anchor ${anchor.seq} matches`) });
    const modes = (await t.db.query(
      `SELECT tgrelid::regclass::text AS "table", tgname AS name, tgenabled AS mode FROM pg_trigger
       WHERE NOT tgisinternal AND tgrelid::regclass::text IN ('audit_events', 'audit_chain', 'audit_checkpoints', 'audit_verifications')
       ORDER BY 1, 2`,
    )) as { table: string; name: string; mode: string }[];
    expect(modes).toHaveLength(9);
    expect(modes.filter((m) => m.mode !== 'A')).toEqual([]);
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
