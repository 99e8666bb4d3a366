import type { ReportDefinition } from './report-definition';

/** Support-group and aftercare reports (DOMAIN.md, Reports: group attendance; follow-up completion and abstinence). */

export const GROUP_ATTENDANCE: ReportDefinition = {
  id: 'group-attendance',
  title: 'Support-group attendance by group and week',
  description:
    'Verified attendance at program support-group meetings by group and program-zone week (Monday start), ' +
    'and self-reported outside community meetings by kind, kept apart. Not counted toward IOP hours.',
  level: 'aggregate',
  columns: [
    { name: 'week_start', type: 'date', description: 'Monday of the local week' },
    { name: 'source', type: 'text', description: 'verified (recorded by a facilitator) or self_reported (community meeting)' },
    { name: 'group_name', type: 'text', description: 'Program support group (empty for self-reported meetings)' },
    { name: 'kind', type: 'text', description: "The group's kind, or the community meeting's kind" },
    { name: 'attended', type: 'count', description: 'Attendances: present or late (verified), or meetings reported' },
    { name: 'present', type: 'count', description: 'Verified present (0 for self-reported)' },
    { name: 'late', type: 'count', description: 'Verified late (0 for self-reported)' },
    { name: 'absent', type: 'count', description: 'Verified absent (0 for self-reported)' },
    { name: 'excused', type: 'count', description: 'Verified excused (0 for self-reported)' },
    { name: 'patients', type: 'count', description: 'Patients with at least one attendance in the row' },
  ],
  sql: `
    SELECT date_trunc('week', occurred_on)::date::text AS week_start,
      CASE WHEN self_reported THEN 'self_reported' ELSE 'verified' END AS source,
      group_name, kind,
      count(*) FILTER (WHERE status IN ('present', 'late'))::int AS attended,
      count(*) FILTER (WHERE status = 'present' AND NOT self_reported)::int AS present,
      count(*) FILTER (WHERE status = 'late')::int AS late,
      count(*) FILTER (WHERE status = 'absent')::int AS absent,
      count(*) FILTER (WHERE status = 'excused')::int AS excused,
      count(DISTINCT patient_id) FILTER (WHERE status IN ('present', 'late'))::int AS patients
    FROM reporting.group_attendance
    WHERE occurred_on >= ($1::timestamptz AT TIME ZONE $3)::date AND occurred_on < ($2::timestamptz AT TIME ZONE $3)::date
    GROUP BY 1, 2, group_id, group_name, kind
    ORDER BY 1, 2 DESC, group_name, kind`,
};

/*
 * Abstinence at a milestone is the answer at that follow-up: reported abstinent with no unexpected
 * positive screen. "Among all" counts a follow-up that was not reached as not abstinent (the
 * conservative missing-equals-use convention of addiction outcome research); "among reached" only
 * divides by follow-ups answered. Follow-ups cancelled by staff are left out of both, and so are those
 * not due yet (due after today): they cannot have been missed, and counting them would pull both rates down.
 */
export const AFTERCARE_OUTCOMES: ReportDefinition = {
  id: 'aftercare-outcomes',
  title: 'Aftercare follow-up completion and abstinence',
  description:
    'Follow-ups due in the period and by today (cancelled ones, and those not due yet, left out): how many were ' +
    'reached (answered by a check-in), and abstinence at the 30-, 90- and 180-day follow-ups among those reached ' +
    'and among all due.',
  level: 'aggregate',
  columns: [
    { name: 'milestone', type: 'text', description: 'all follow-ups, or the 30, 90 or 180-day follow-up' },
    { name: 'follow_ups_due', type: 'count', description: 'Follow-ups due in the period and by today (one per patient at a milestone)' },
    { name: 'reached', type: 'count', description: 'Answered by a check-in' },
    {
      name: 'completion_rate', type: 'rate', dependsOn: ['reached', 'follow_ups_due'], description: 'reached / follow_ups_due',
    },
    { name: 'abstinent', type: 'count', description: 'Reported abstinent, with no unexpected positive screen' },
    {
      name: 'abstinence_rate_among_reached', type: 'rate', dependsOn: ['abstinent', 'reached'],
      description: 'abstinent / reached (abstinence among those reached)',
    },
    {
      name: 'abstinence_rate_among_all', type: 'rate', dependsOn: ['abstinent', 'follow_ups_due'],
      description: 'abstinent / follow_ups_due (abstinence among all due; not reached counts as not abstinent)',
    },
  ],
  sql: `
    WITH milestones (milestone, offset_days, ord) AS (
      VALUES ('all follow-ups', NULL::int, 0), ('30 days', 30, 1), ('90 days', 90, 2), ('180 days', 180, 3)
    ),
    due AS (
      SELECT offset_days, status = 'completed' AS reached,
             status = 'completed' AND recovery_status = 'abstinent' AND NOT unexpected_positive AS abstinent
      FROM reporting.follow_up_outcomes
      WHERE status <> 'cancelled'
        AND due_date >= ($1::timestamptz AT TIME ZONE $3)::date AND due_date < ($2::timestamptz AT TIME ZONE $3)::date
        AND due_date <= (now() AT TIME ZONE $3)::date
    )
    SELECT m.milestone, count(d.*)::int AS follow_ups_due,
      count(*) FILTER (WHERE d.reached)::int AS reached,
      round(count(*) FILTER (WHERE d.reached)::numeric / NULLIF(count(d.*), 0), 4)::float8 AS completion_rate,
      count(*) FILTER (WHERE d.abstinent)::int AS abstinent,
      round(count(*) FILTER (WHERE d.abstinent)::numeric / NULLIF(count(*) FILTER (WHERE d.reached), 0), 4)::float8
        AS abstinence_rate_among_reached,
      round(count(*) FILTER (WHERE d.abstinent)::numeric / NULLIF(count(d.*), 0), 4)::float8 AS abstinence_rate_among_all
    FROM milestones m
    LEFT JOIN due d ON m.offset_days IS NULL OR d.offset_days = m.offset_days
    GROUP BY m.milestone, m.ord
    ORDER BY m.ord`,
};
