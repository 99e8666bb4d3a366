import { DateTime } from 'luxon';
import { JobRunner } from '../../src/platform/jobs/job-runner.service';
import { addToCareTeam, createPatient } from './factories';
import type { TestApp, TestUser } from './test-app';

/** Synthetic aftercare data and helpers shared by the aftercare e2e tests. */
export const ZONE = 'America/New_York';
export const today = () => DateTime.now().setZone(ZONE).toISODate() ?? '';
export const daysFromToday = (days: number) => DateTime.now().setZone(ZONE).plus({ days }).toISODate() ?? '';
export const plusDays = (date: string, days: number) => DateTime.fromISO(date).plus({ days }).toISODate() ?? '';
export const noonOn = (date: string) => DateTime.fromISO(`${date}T12:00`, { zone: ZONE }).toJSDate();

export const PLAN = {
  goals: [{ text: 'Attend two mutual-help meetings a week', status: 'in_progress', targetDate: '2026-12-31' }],
  relapsePrevention: { triggers: ['payday'], copingStrategies: ['call sponsor'], warningSigns: ['skipping meetings'] },
  supportContacts: [{ name: 'Sam Example', relation: 'sibling', phone: '+1 555 0100' }],
  medicationsToContinue: ['naltrexone 50 mg daily'],
  supportGroups: ['SMART Recovery Tuesday'],
};

export const CHECK_IN = {
  contactMethod: 'phone', status: 'abstinent', daysUsedLast30: 0, craving: 2, employment: 'full_time', housing: 'stable',
};

export const planUrl = (id: string) => `/api/v1/patients/${id}/aftercare-plan`;
export const followUpsUrl = (id: string) => `/api/v1/patients/${id}/follow-ups`;
export const checkInsUrl = (id: string) => `/api/v1/patients/${id}/check-ins`;

export interface AftercareTeam {
  clinician: TestUser;
  caseManager: TestUser;
}

/** Helpers bound to one test app and care team. */
export function aftercareHelpers(app: () => TestApp, team: () => AftercareTeam) {
  /** A care-team patient in the given phase (set directly: earlier phases' gates are tested elsewhere). */
  async function teamPatient(phase = 'outpatient'): Promise<string> {
    const t = app();
    const patient = await createPatient(t, team().caseManager);
    await addToCareTeam(t, patient.id, team().clinician);
    await t.db.query(`UPDATE patients SET phase = $2 WHERE id = $1`, [patient.id, phase]);
    return patient.id;
  }

  async function withPlan(startDate: string, phase = 'aftercare'): Promise<{ id: string; etag: string }> {
    const id = await teamPatient(phase);
    const res = await app().as(team().caseManager).post(planUrl(id), { ...PLAN, startDate }).expect(201);
    return { id, etag: res.headers.etag as string };
  }

  const followUps = async (id: string) =>
    (await app().as(team().caseManager).get(followUpsUrl(id)).expect(200)).body as { id: string; dueDate: string; status: string; offsetDays: number | null }[];

  const runJob = (now: Date) => app().app.get(JobRunner).runNow('aftercare.follow-ups', now);

  return { teamPatient, withPlan, followUps, runJob };
}
