import type { DataSource } from 'typeorm';

/*
 * Synthetic aftercare records for the demo: a plan started 45 days ago with its default
 * follow-ups (7, 30, 60, 90, 180, 365 days), the first two answered by check-ins, one with a
 * urine screen. Written with SQL like the rest of the seed; never real people.
 */

const OFFSETS = [7, 30, 60, 90, 180, 365];

const PLAN_CONTENT = {
  goals: [
    { text: 'Attend two mutual-help meetings a week', status: 'in_progress' },
    { text: 'Return to full-time work', status: 'met' },
  ],
  relapsePrevention: {
    triggers: ['payday evenings', 'old neighbourhood'],
    copingStrategies: ['call a support contact', 'urge surfing'],
    warningSigns: ['skipping meetings', 'poor sleep'],
  },
  supportContacts: [{ name: 'Jordan Example', relation: 'sibling', phone: '+1 555 0142' }],
  medicationsToContinue: [],
  supportGroups: ['SMART Recovery Tuesday evening'],
};

/** Adds a plan, follow-ups and check-ins for one aftercare patient (cared for by `caseManagerId`). */
export async function seedAftercarePatient(dataSource: DataSource, patientId: string, caseManagerId: string): Promise<void> {
  const [plan] = (await dataSource.query(
    `INSERT INTO aftercare_plans (patient_id, start_date, content, schedule_resumed_on, created_by, updated_by)
     VALUES ($1, current_date - 45, $2, current_date - 45, $3, $3) RETURNING id`,
    [patientId, JSON.stringify(PLAN_CONTENT), caseManagerId],
  )) as { id: string }[];
  const planId = (plan as { id: string }).id;
  await dataSource.query(
    `INSERT INTO aftercare_plan_versions (plan_id, version, start_date, content, change, changed_by)
     SELECT id, version, start_date, content, 'created', created_by FROM aftercare_plans WHERE id = $1`,
    [planId],
  );
  for (const offset of OFFSETS) {
    await dataSource.query(
      `INSERT INTO follow_ups (patient_id, plan_id, offset_days, due_date) VALUES ($1, $2, $3, current_date - 45 + $3::int)`,
      [patientId, planId, offset],
    );
  }
  const checkIns = [
    { offset: 7, status: 'abstinent', days: 0, craving: 4, screen: true },
    { offset: 30, status: 'lapse', days: 1, craving: 6, screen: false },
  ];
  for (const c of checkIns) {
    const [row] = (await dataSource.query(
      `INSERT INTO check_ins (patient_id, follow_up_id, checked_in_at, contact_method, status, days_used_last_30, craving,
         group_meetings_attended, employment, housing, screen_collected_at, screen_specimen, recorded_by)
       SELECT $1, f.id, (current_date - 45 + $2::int) + time '10:00', 'in_person', $3, $4, $5, 3, 'full_time', 'stable',
         CASE WHEN $6::boolean THEN (current_date - 45 + $2::int) + time '10:15' END, CASE WHEN $6::boolean THEN 'urine' END, $7
       FROM follow_ups f WHERE f.plan_id = $8 AND f.offset_days = $2::int RETURNING id, follow_up_id`,
      [patientId, c.offset, c.status, c.days, c.craving, c.screen, caseManagerId, planId],
    )) as { id: string; follow_up_id: string }[];
    const checkIn = row as { id: string; follow_up_id: string };
    await dataSource.query(
      `UPDATE follow_ups SET status = 'completed', check_in_id = $2, closed_at = now() WHERE id = $1`,
      [checkIn.follow_up_id, checkIn.id],
    );
    if (c.screen) {
      await dataSource.query(
        `INSERT INTO drug_screen_results (check_in_id, analyte, result, expected)
         VALUES ($1, 'alcohol_etg', 'negative', false), ($1, 'benzodiazepines', 'negative', false), ($1, 'cocaine', 'negative', false)`,
        [checkIn.id],
      );
    }
  }
}
