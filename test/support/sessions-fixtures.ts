import { DateTime } from 'luxon';
import { createPatient } from './factories';
import type { TestApp, TestUser } from './test-app';

/** Helpers shared by the sessions e2e specs. Synthetic data only. */

export const NY = 'America/New_York';

/** A New York wall-clock time (the test program zone) as an ISO instant with offset. */
export const ny = (local: string): string => DateTime.fromISO(local, { zone: NY }).toISO() as string;

export const localOf = (iso: string | Date): string =>
  DateTime.fromJSDate(new Date(iso), { zone: NY }).toFormat('yyyy-MM-dd ccc HH:mm');

export async function patientOf(t: TestApp, user: TestUser, overrides: Record<string, unknown> = {}): Promise<string> {
  return (await createPatient(t, user, overrides)).id;
}

export async function createRoom(t: TestApp, admin: TestUser, name: string, capacity = 12): Promise<string> {
  const res = await t.as(admin).post('/api/v1/rooms').send({ name, capacity });
  if (res.status !== 201) throw new Error(`createRoom failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

export interface SessionInput {
  kind?: string;
  startsAt: string;
  endsAt: string;
  roomId?: string;
  clinicianIds: string[];
  patientIds: string[];
  recurrence?: Record<string, unknown>;
}

export const book = (t: TestApp, user: TestUser, input: SessionInput) =>
  t.as(user).post('/api/v1/sessions').send({ kind: 'individual', ...input });

/** Books and returns the first session's id, failing loudly otherwise. */
export async function booked(t: TestApp, user: TestUser, input: SessionInput): Promise<{ id: string; version: number }> {
  const res = await book(t, user, input);
  if (res.status !== 201) throw new Error(`booking failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.sessions[0] as { id: string; version: number };
}
