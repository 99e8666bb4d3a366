import type { ReportDefinition } from './report-definition';

/** IOP hours met (DOMAIN.md, Reports; Outpatient sessions: IOP patients are measured against 9 hours a week). */

/** ASAM level 2.1: an adult intensive outpatient program provides at least 9 hours a week. */
const IOP_TARGET_HOURS = 9;

/*
 * Measured as the sessions feature's IOP shortfall job measures a week: whole Monday-to-Sunday weeks in the
 * program zone, only weeks that have ended, and only patients in the outpatient phase for the whole week whose
 * level of care (the latest ASAM assessment recorded before the week ended) is 2.1. Standard outpatient
 * (level 1) is under 9 hours by definition, and a part of a week cannot be held to a weekly target.
 */
export const IOP_COMPLIANCE: ReportDefinition = {
  id: 'iop-compliance',
  title: 'IOP hours met',
  description:
    'Whole Monday-to-Sunday weeks (program time zone) that overlap the period and have ended (the current week ' +
    'is left out until it ends): patients at ASAM level 2.1 (intensive outpatient) in the outpatient phase for ' +
    `the whole week, and how many attended at least ${IOP_TARGET_HOURS} hours that week. Attended time is the ` +
    'minutes recorded, or the whole session when attended without minutes; cancelled sessions do not count. ' +
    'Standard outpatient patients (level 1) are not measured.',
  level: 'aggregate',
  columns: [
    { name: 'week_start', type: 'date', description: 'Monday of the week' },
    { name: 'patient_weeks', type: 'count', description: 'IOP patients in the outpatient phase for the whole week' },
    { name: 'met_target', type: 'count', description: `Of them, patients with at least ${IOP_TARGET_HOURS} attended hours` },
    {
      name: 'met_target_rate', type: 'rate', dependsOn: ['met_target', 'patient_weeks'],
      description: 'met_target / patient_weeks',
    },
  ],
  sql: `
    WITH weeks AS (
      SELECT w::date AS week_start, w AT TIME ZONE $3 AS starts_at, (w + interval '7 days') AT TIME ZONE $3 AS ends_at
      FROM generate_series(date_trunc('week', $1::timestamptz AT TIME ZONE $3),
                           date_trunc('week', ($2::timestamptz AT TIME ZONE $3) - interval '1 day'), interval '7 days') w
      WHERE (w + interval '7 days') AT TIME ZONE $3 <= now()
    ),
    measured AS (
      SELECT w.week_start, w.starts_at, w.ends_at, last.patient_id
      FROM weeks w CROSS JOIN LATERAL (
        SELECT DISTINCT ON (h.patient_id) h.patient_id, h.to_phase, h.changed_at
        FROM reporting.patient_phase_history h
        WHERE h.changed_at < w.ends_at
        ORDER BY h.patient_id, h.changed_at DESC
      ) last
      JOIN reporting.patient_current_level_of_care l ON l.patient_id = last.patient_id
      WHERE last.to_phase = 'outpatient' AND last.changed_at <= w.starts_at
        AND l.recommended_level = '2.1' AND l.recorded_at < w.ends_at
    ),
    patient_weeks AS (
      SELECT m.week_start, m.patient_id,
        coalesce(sum(CASE
          WHEN b.minutes_attended IS NOT NULL THEN b.minutes_attended
          WHEN b.attendance_status = 'attended' THEN extract(epoch FROM b.ends_at - b.starts_at) / 60
          ELSE 0 END), 0) / 60 AS attended_hours
      FROM measured m
      LEFT JOIN reporting.session_patient_attendance b ON b.patient_id = m.patient_id
        AND b.starts_at >= m.starts_at AND b.starts_at < m.ends_at AND b.session_status = 'scheduled'
      GROUP BY m.week_start, m.patient_id
    )
    SELECT w.week_start::text AS week_start, count(p.patient_id)::int AS patient_weeks,
      count(*) FILTER (WHERE p.attended_hours >= ${IOP_TARGET_HOURS})::int AS met_target,
      round(count(*) FILTER (WHERE p.attended_hours >= ${IOP_TARGET_HOURS})::numeric / NULLIF(count(p.patient_id), 0), 4)::float8
        AS met_target_rate
    FROM weeks w LEFT JOIN patient_weeks p ON p.week_start = w.week_start
    GROUP BY w.week_start
    ORDER BY w.week_start`,
};
