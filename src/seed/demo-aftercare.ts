import type { DemoClient } from './demo-api';
import type { SeededPatient } from './demo-patients';
import type { DemoUserKey } from './demo-users';

type CheckIn = Record<string, unknown>;

/**
 * One check-in per aftercare patient, answering the first (7-day) follow-up the
 * plan scheduled. Mostly abstinent, one lapse (DOMAIN.md: a lapse alone does
 * not alert; two within 30 days do), and one urine drug screen, all negative.
 */
function checkInFor(p: SeededPatient, index: number): CheckIn {
  const base = { contactMethod: index % 2 === 0 ? 'phone' : 'in_person', employment: 'full_time', housing: 'stable' };
  if (p.patient.substances.includes('opioids')) {
    return {
      ...base, status: 'lapse', daysUsedLast30: 1, craving: 6, employment: 'part_time',
      note: 'Used once after a family argument; agreed to an extra group this week (synthetic).',
    };
  }
  if (p.patient.substances.includes('alcohol') && index === 1) {
    return {
      ...base, status: 'abstinent', daysUsedLast30: 0, craving: 2, groupMeetingsAttended: 2,
      drugScreen: {
        collectedAt: new Date(Date.now() - 60_000).toISOString(), specimen: 'urine',
        results: ['alcohol_etg', 'benzodiazepines', 'cocaine', 'opiates', 'fentanyl']
          .map((analyte) => ({ analyte, result: 'negative' })),
      },
    };
  }
  return { ...base, status: 'abstinent', daysUsedLast30: 0, craving: 3, employment: index === 0 ? 'retired' : 'full_time' };
}

/** Check-ins for the patients the demo moved to aftercare (their plans and follow-ups came with the move). */
export async function seedDemoAftercare(as: Record<DemoUserKey, DemoClient>, patients: SeededPatient[]): Promise<number> {
  const aftercare = patients.filter((p) => p.patient.phase === 'aftercare');
  for (const [index, p] of aftercare.entries()) {
    await as[p.patient.caseManager].post(`/api/v1/patients/${p.id}/check-ins`, checkInFor(p, index));
  }
  return aftercare.length;
}
