import { DateTime } from 'luxon';
import type { DemoClient } from './demo-api';
import type { SeededPatient } from './demo-patients';
import type { DemoUserKey } from './demo-users';

interface DemoGroup {
  name: string; kind: string; capacity: number; facilitators: DemoUserKey[];
  weekday: 'MO' | 'WE'; startTime: string; endTime: string; place: { room: number } | { videoUrl: string };
  members: (p: SeededPatient) => boolean;
}

/**
 * Support groups, the fourth phase (DOMAIN.md): a relapse-prevention group in
 * the family room, filled to capacity with two patients waiting, and an online
 * SMART Recovery group for the aftercare patients. Facilitators and times keep
 * clear of the demo's sessions, so every meeting is created.
 */
const DEMO_GROUPS: readonly DemoGroup[] = [
  {
    name: 'Wednesday relapse prevention', kind: 'relapse_prevention', capacity: 3, facilitators: ['caseManager1'],
    weekday: 'WE', startTime: '18:00', endTime: '19:30', place: { room: 2 },
    members: (p) => p.patient.phase === 'outpatient' && p.patient.caseManager === 'caseManager1' && p.patient.severity !== 'mild',
  },
  {
    name: 'Monday SMART Recovery (online)', kind: 'smart_recovery', capacity: 10, facilitators: ['caseManager2', 'clinician2'],
    weekday: 'MO', startTime: '12:00', endTime: '13:00', place: { videoUrl: 'https://video.example.org/demo-smart-recovery' },
    members: (p) => p.patient.phase === 'aftercare',
  },
];

/** Creates the groups (meetings follow from each schedule) and seats their members, the last ones waitlisted once full. */
export async function seedDemoGroups(
  as: Record<DemoUserKey, DemoClient>,
  ids: Record<DemoUserKey, string>,
  patients: SeededPatient[],
  rooms: string[],
  zone: string,
): Promise<{ groups: number; waitlisted: number }> {
  const today = DateTime.now().setZone(zone).toISODate();
  let waitlisted = 0;
  for (const group of DEMO_GROUPS) {
    const [lead] = group.facilitators;
    const { id } = await as[lead ?? 'caseManager1'].post<{ id: string }>('/api/v1/support-groups', {
      name: group.name, kind: group.kind, capacity: group.capacity, enrollment: 'open',
      facilitatorIds: group.facilitators.map((key) => ids[key]),
      schedule: { weekdays: [group.weekday], startTime: group.startTime, endTime: group.endTime, firstDate: today },
      ...('room' in group.place ? { roomId: rooms[group.place.room] } : { videoUrl: group.place.videoUrl }),
    });
    // Each patient's own case manager (on the care team) signs them up, in a fixed order.
    for (const p of patients.filter(group.members)) {
      const joined = await as[p.patient.caseManager].post<{ status: string }>(`/api/v1/support-groups/${id}/members`, { patientId: p.id });
      if (joined.status === 'waitlisted') waitlisted += 1;
    }
  }
  return { groups: DEMO_GROUPS.length, waitlisted };
}
