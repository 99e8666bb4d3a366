/**
 * Figures of the program summary, over the `reporting` views: $1 period
 * start, $2 period end (exclusive), $3 program time zone.
 */

export const HEADLINE_SQL = `
  SELECT
    (SELECT count(DISTINCT patient_id)::int FROM reporting.patient_phase_history
      WHERE from_phase IS NULL AND changed_at >= $1 AND changed_at < $2) AS admissions,
    (SELECT count(DISTINCT patient_id)::int FROM reporting.patient_phase_history
      WHERE to_phase = 'discharged' AND changed_at >= $1 AND changed_at < $2) AS discharges,
    (SELECT count(*)::int FROM reporting.detox_episodes WHERE ended_at >= $1 AND ended_at < $2) AS detox_episodes_ended,
    (SELECT count(*)::int FROM reporting.detox_episodes
      WHERE ended_at >= $1 AND ended_at < $2 AND outcome = 'completed') AS detox_completed,
    (SELECT count(*)::int FROM reporting.session_patient_attendance
      WHERE starts_at >= $1 AND starts_at < $2 AND session_status = 'scheduled' AND attendance_status IS NOT NULL) AS bookings_recorded,
    (SELECT count(*)::int FROM reporting.session_patient_attendance
      WHERE starts_at >= $1 AND starts_at < $2 AND session_status = 'scheduled'
        AND attendance_status IN ('attended', 'late', 'left_early')) AS bookings_attended,
    (SELECT count(*)::int FROM reporting.alert_responses WHERE raised_at >= $1 AND raised_at < $2) AS alerts,
    (SELECT count(acknowledged_at)::int FROM reporting.alert_responses
      WHERE raised_at >= $1 AND raised_at < $2) AS alerts_acknowledged,
    (SELECT round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM acknowledged_at - raised_at) / 60))::numeric, 1)::float8
      FROM reporting.alert_responses WHERE raised_at >= $1 AND raised_at < $2) AS median_minutes_to_acknowledge`;

/** Patients in each phase at the end of each local day (as the census report). */
export const CENSUS_SERIES_SQL = `
  WITH days AS (
    SELECT d::date AS day, ((d::date + 1)::timestamp AT TIME ZONE $3) AS day_end
    FROM generate_series(($1::timestamptz AT TIME ZONE $3)::date, ($2::timestamptz AT TIME ZONE $3)::date - 1, interval '1 day') d
  )
  SELECT days.day::text AS day, last.to_phase AS phase, count(*)::int AS patients
  FROM days CROSS JOIN LATERAL (
    SELECT DISTINCT ON (h.patient_id) h.to_phase FROM reporting.patient_phase_history h
    WHERE h.changed_at < days.day_end ORDER BY h.patient_id, h.changed_at DESC
  ) last
  GROUP BY days.day, last.to_phase
  ORDER BY days.day`;

/** Bookings with attendance recorded, and those attended (fully, late or in part), per local week. */
export const ATTENDANCE_TREND_SQL = `
  SELECT date_trunc('week', starts_at AT TIME ZONE $3)::date::text AS week_start,
    count(*)::int AS recorded,
    count(*) FILTER (WHERE attendance_status IN ('attended', 'late', 'left_early'))::int AS attended
  FROM reporting.session_patient_attendance
  WHERE starts_at >= $1 AND starts_at < $2 AND session_status = 'scheduled' AND attendance_status IS NOT NULL
  GROUP BY 1 ORDER BY 1`;

/** Alerts, those acknowledged and their median minutes to acknowledgement, by severity. */
export const ALERT_RESPONSE_SQL = `
  SELECT severity, count(*)::int AS alerts, count(acknowledged_at)::int AS acknowledged,
    round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM acknowledged_at - raised_at) / 60))::numeric, 1)::float8
      AS median_minutes
  FROM reporting.alert_responses
  WHERE raised_at >= $1 AND raised_at < $2
  GROUP BY severity
  ORDER BY CASE severity WHEN 'warning' THEN 1 WHEN 'urgent' THEN 2 ELSE 3 END`;

export interface Headline {
  admissions: number;
  discharges: number;
  detox_episodes_ended: number;
  detox_completed: number;
  bookings_recorded: number;
  bookings_attended: number;
  alerts: number;
  alerts_acknowledged: number;
  median_minutes_to_acknowledge: number | null;
}

export interface SummaryFigures {
  headline: Headline;
  census: { day: string; phase: string; patients: number }[];
  attendance: { week_start: string; recorded: number; attended: number }[];
  alerts: { severity: string; alerts: number; acknowledged: number; median_minutes: number | null }[];
}
