import { DateTime } from 'luxon';
import type { DemoClient } from './demo-api';
import type { SeededPatient } from './demo-patients';
import type { DemoUserKey } from './demo-users';

type Clinician = 'clinician1' | 'clinician2' | 'clinician3';

/**
 * Two weeks of sessions in the program time zone: last week's, with
 * attendance, and next week's. Each outpatient has an individual session on
 * Tuesday with their clinician; intensive outpatients also join Thursday's
 * relapse-prevention group.
 */
export async function seedDemoSessions(
  as: Record<DemoUserKey, DemoClient>,
  ids: Record<DemoUserKey, string>,
  patients: SeededPatient[],
  rooms: string[],
  zone: string,
): Promise<number> {
  const outpatients = patients.filter((p) => p.patient.phase === 'outpatient');
  const intensive = outpatients.filter((p) => p.patient.severity !== 'mild');
  const facilitator: Clinician = 'clinician3';
  // The group's facilitator joins the care team of each group member.
  for (const p of intensive) {
    if (p.patient.clinician !== facilitator) {
      await as[p.patient.caseManager].post(`/api/v1/patients/${p.id}/care-team`, { userId: ids[facilitator] });
    }
  }
  const lastMonday = DateTime.now().setZone(zone).startOf('week').minus({ weeks: 1 });
  let booked = 0;
  for (const [week, monday] of [lastMonday, lastMonday.plus({ weeks: 2 })].entries()) {
    const past = week === 0;
    for (const [i, p] of outpatients.entries()) {
      // Staggered hours keep each clinician's and the counseling room's sessions apart.
      const start = monday.plus({ days: 1 }).set({ hour: 9 + i, minute: 0 });
      const session = await as[p.patient.caseManager].post<{ sessions: { id: string }[] }>('/api/v1/sessions', {
        kind: 'individual', startsAt: start.toISO(), endsAt: start.plus({ minutes: 50 }).toISO(),
        roomId: rooms[1], clinicianIds: [ids[p.patient.clinician]], patientIds: [p.id],
      });
      booked += 1;
      const sessionId = session.sessions[0]?.id;
      if (past && sessionId) {
        // One no-show and one late arrival among otherwise attended sessions.
        const status = i === 2 ? 'no_show' : i === 4 ? 'late' : 'attended';
        await as[p.patient.clinician].post(`/api/v1/sessions/${sessionId}/attendance`, {
          patientId: p.id, status, ...(status === 'late' ? { minutesAttended: 35 } : {}),
        });
      }
    }
    const groupStart = monday.plus({ days: 3 }).set({ hour: 17, minute: 30 });
    const group = await as[facilitator].post<{ sessions: { id: string }[] }>('/api/v1/sessions', {
      kind: 'group', startsAt: groupStart.toISO(), endsAt: groupStart.plus({ minutes: 90 }).toISO(),
      roomId: rooms[0], clinicianIds: [ids[facilitator]], patientIds: intensive.map((p) => p.id),
    });
    booked += 1;
    const groupId = group.sessions[0]?.id;
    if (past && groupId) {
      for (const p of intensive) {
        await as[facilitator].post(`/api/v1/sessions/${groupId}/attendance`, { patientId: p.id, status: 'attended' });
      }
    }
  }
  return booked;
}
