import { JobRunner } from '../../src/platform/jobs/job-runner.service';
import type { TestApp, TestUser } from './test-app';

/** Helpers shared by the support-groups e2e specs. Synthetic data only. */

export const MEETING_JOB = 'support-groups.meetings';

export function groupInput(facilitatorIds: string[], overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Tuesday evening relapse prevention',
    kind: 'relapse_prevention',
    facilitatorIds,
    capacity: 8,
    schedule: { weekdays: ['TU'], startTime: '18:00', endTime: '19:30', firstDate: '2025-01-07', lastDate: '2025-03-25' },
    videoUrl: 'https://video.example.org/group-room',
    enrollment: 'open',
    ...overrides,
  };
}

export async function createGroup(
  t: TestApp,
  by: TestUser,
  facilitatorIds: string[],
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; version: number; skippedMeetings: unknown[] }> {
  const res = await t.as(by).post('/api/v1/support-groups', groupInput(facilitatorIds, overrides));
  if (res.status !== 201) throw new Error(`createGroup failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; version: number; skippedMeetings: unknown[] };
}

/** Runs the meeting-generation job as if it were `now`. */
export const generateMeetings = (t: TestApp, now: string) => t.app.get(JobRunner).runNow(MEETING_JOB, new Date(now));

export async function meetingsOf(t: TestApp, groupId: string): Promise<{ id: string; starts_at: Date }[]> {
  return (await t.db.query(
    `SELECT id::text, starts_at FROM support_group_meetings WHERE group_id = $1 AND status = 'scheduled' ORDER BY starts_at`,
    [groupId],
  )) as { id: string; starts_at: Date }[];
}
