import { Client } from 'pg';
import { JobRunner } from '../src/platform/jobs/job-runner.service';
import { createTestApp, type TestApp } from './support/test-app';

/** Background jobs run on one instance at a time, whatever the number of app instances. */
describe('background jobs', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('skips a run while another instance holds the job\'s advisory lock, and runs once it is released', async () => {
    const jobs = t.app.get(JobRunner);
    const otherInstance = new Client({ connectionString: (t.db.options as { url: string }).url });
    await otherInstance.connect();
    try {
      await otherInstance.query('BEGIN');
      await otherInstance.query(`SELECT pg_advisory_xact_lock(hashtext('job:detox.missed-doses'))`);
      expect(await jobs.runNow('detox.missed-doses')).toBe(false);
      await otherInstance.query('COMMIT');
      expect(await jobs.runNow('detox.missed-doses')).toBe(true);
    } finally {
      await otherInstance.end();
    }
  });
});
