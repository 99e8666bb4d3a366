import type { ReportColumn, ReportDefinition } from './report-definition';

/** Outpatient session attendance report (DOMAIN.md, Reports: attendance and no-show rates by kind and clinician). */

const OUTCOMES = ['attended', 'late', 'left_early', 'no_show', 'cancelled'] as const;

const outcomeColumns: ReportColumn[] = [
  ...OUTCOMES.map((o): ReportColumn => ({ name: o, type: 'count', description: `Bookings with outcome ${o}` })),
  { name: 'not_recorded', type: 'count', description: 'Bookings of sessions held without attendance recorded yet' },
  ...OUTCOMES.map((o): ReportColumn => ({
    name: `${o}_rate`, type: 'rate', dependsOn: [o, 'bookings'], description: `${o} / bookings`,
  })),
];

/** A booking's outcome: a cancelled session counts as cancelled whatever was recorded. */
const OUTCOME_SQL = `CASE WHEN b.session_status = 'cancelled' THEN 'cancelled' ELSE b.attendance_status END`;

const outcomeAggregates = [
  ...OUTCOMES.map((o) => `count(*) FILTER (WHERE ${OUTCOME_SQL} = '${o}')::int AS ${o}`),
  `count(*) FILTER (WHERE ${OUTCOME_SQL} IS NULL)::int AS not_recorded`,
  ...OUTCOMES.map((o) => `round(count(*) FILTER (WHERE ${OUTCOME_SQL} = '${o}')::numeric / count(*), 4)::float8 AS ${o}_rate`),
].join(',\n      ');

/**
 * Sessions already held: starting in the period and before now. A booking of
 * a session still to come has no outcome yet, and counting it would lower
 * every rate and swell not_recorded.
 */
const HELD_IN_PERIOD = `b.starts_at >= $1 AND b.starts_at < least($2::timestamptz, now())`;

export const SESSION_ATTENDANCE: ReportDefinition = {
  id: 'session-attendance',
  title: 'Session attendance',
  description:
    'Patient bookings of sessions held in the period (starting in it and before the report is run; sessions still ' +
    'to come are left out), by session kind and by clinician: attended, late, left early, no-show and cancelled, ' +
    'as counts and as rates of those bookings. Clinicians are told apart by their account, so two who share a ' +
    'name are two rows (the name then carries the start of the account id).',
  level: 'aggregate',
  columns: [
    { name: 'dimension', type: 'text', description: 'kind or clinician' },
    { name: 'group', type: 'text', description: 'The session kind, or the clinician\'s name' },
    { name: 'bookings', type: 'count', description: 'Patient bookings of sessions held' },
    ...outcomeColumns,
  ],
  // Every booking has one outcome, or none recorded yet.
  partitions: [{ total: 'bookings', parts: [...OUTCOMES, 'not_recorded'] }],
  // The kind rows and the clinician rows count the same bookings: each dimension's rows add up to the same totals.
  marginGroupsBy: 'dimension',
  sql: `
    SELECT 'kind' AS dimension, b.kind AS "group", count(*)::int AS bookings,
      ${outcomeAggregates}
    FROM reporting.session_patient_attendance b
    WHERE ${HELD_IN_PERIOD}
    GROUP BY b.kind
    UNION ALL
    SELECT 'clinician',
      c.clinician || CASE WHEN count(*) OVER (PARTITION BY c.clinician) > 1
                          THEN ' (' || left(c.clinician_id::text, 8) || ')' ELSE '' END,
      count(*)::int,
      ${outcomeAggregates}
    FROM reporting.session_patient_attendance b
    JOIN reporting.session_clinicians c ON c.session_id = b.session_id
    WHERE ${HELD_IN_PERIOD}
    GROUP BY c.clinician_id, c.clinician
    ORDER BY 1 DESC, 2`,
};
