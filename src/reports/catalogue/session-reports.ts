import type { ReportColumn, ReportDefinition } from './report-definition';

/** Outpatient session reports (DOMAIN.md, Reports: attendance and no-show rates; IOP hours met). */

const OUTCOMES = ['attended', 'late', 'left_early', 'no_show', 'cancelled'] as const;

const outcomeColumns: ReportColumn[] = [
  ...OUTCOMES.map((o): ReportColumn => ({ name: o, type: 'count', description: `Bookings with outcome ${o}` })),
  { name: 'not_recorded', type: 'count', description: 'Bookings of sessions held without attendance recorded yet' },
  ...OUTCOMES.map((o): ReportColumn => ({
    name: `${o}_rate`, type: 'rate', denominator: 'bookings', description: `${o} / bookings`,
  })),
];

/** A booking's outcome: a cancelled session counts as cancelled whatever was recorded. */
const OUTCOME_SQL = `CASE WHEN b.session_status = 'cancelled' THEN 'cancelled' ELSE b.attendance_status END`;

const outcomeAggregates = [
  ...OUTCOMES.map((o) => `count(*) FILTER (WHERE ${OUTCOME_SQL} = '${o}')::int AS ${o}`),
  `count(*) FILTER (WHERE ${OUTCOME_SQL} IS NULL)::int AS not_recorded`,
  ...OUTCOMES.map((o) => `round(count(*) FILTER (WHERE ${OUTCOME_SQL} = '${o}')::numeric / count(*), 4)::float8 AS ${o}_rate`),
].join(',\n      ');

export const SESSION_ATTENDANCE: ReportDefinition = {
  id: 'session-attendance',
  title: 'Session attendance',
  description:
    'Patient bookings of sessions starting in the period, by session kind and by clinician: attended, late, ' +
    'left early, no-show and cancelled, as counts and as rates of all bookings.',
  level: 'aggregate',
  columns: [
    { name: 'dimension', type: 'text', description: 'kind or clinician' },
    { name: 'group', type: 'text', description: 'The session kind, or the clinician\'s name' },
    { name: 'bookings', type: 'count', description: 'Patient bookings' },
    ...outcomeColumns,
  ],
  sql: `
    SELECT 'kind' AS dimension, b.kind AS "group", count(*)::int AS bookings,
      ${outcomeAggregates}
    FROM reporting.session_patient_attendance b
    WHERE b.starts_at >= $1 AND b.starts_at < $2
    GROUP BY b.kind
    UNION ALL
    SELECT 'clinician', c.clinician, count(*)::int,
      ${outcomeAggregates}
    FROM reporting.session_patient_attendance b
    JOIN reporting.session_clinicians c ON c.session_id = b.session_id
    WHERE b.starts_at >= $1 AND b.starts_at < $2
    GROUP BY c.clinician
    ORDER BY 1 DESC, 2`,
};

/** ASAM level 2.1: an adult intensive outpatient program provides at least 9 hours a week. */
const IOP_TARGET_HOURS = 9;

export const IOP_COMPLIANCE: ReportDefinition = {
  id: 'iop-compliance',
  title: 'IOP hours met',
  description:
    `Patient-weeks (Monday to Sunday, program time zone) with sessions starting in the period, and how many met ` +
    `the ASAM level 2.1 target of ${IOP_TARGET_HOURS} attended hours. Attended time is the minutes recorded, or the ` +
    'whole session when attended without minutes; cancelled sessions do not count.',
  level: 'aggregate',
  columns: [
    { name: 'week_start', type: 'date', description: 'Monday of the week' },
    { name: 'patient_weeks', type: 'count', description: 'Patients with at least one session that week' },
    { name: 'met_target', type: 'count', description: `Patients with at least ${IOP_TARGET_HOURS} attended hours` },
    { name: 'met_target_rate', type: 'rate', denominator: 'patient_weeks', description: 'met_target / patient_weeks' },
  ],
  sql: `
    WITH patient_weeks AS (
      SELECT date_trunc('week', b.starts_at AT TIME ZONE $3)::date AS week_start, b.patient_id,
        sum(CASE
          WHEN b.minutes_attended IS NOT NULL THEN b.minutes_attended
          WHEN b.attendance_status = 'attended' THEN extract(epoch FROM b.ends_at - b.starts_at) / 60
          ELSE 0 END) / 60 AS attended_hours
      FROM reporting.session_patient_attendance b
      WHERE b.starts_at >= $1 AND b.starts_at < $2 AND b.session_status = 'scheduled'
      GROUP BY 1, b.patient_id
    )
    SELECT week_start::text AS week_start, count(*)::int AS patient_weeks,
      count(*) FILTER (WHERE attended_hours >= ${IOP_TARGET_HOURS})::int AS met_target,
      round(count(*) FILTER (WHERE attended_hours >= ${IOP_TARGET_HOURS})::numeric / count(*), 4)::float8 AS met_target_rate
    FROM patient_weeks
    GROUP BY week_start
    ORDER BY week_start`,
};
