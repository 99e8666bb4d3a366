import type { ReportDefinition } from './report-definition';

/** Program-level reports on patients' flow through the program (DOMAIN.md, Reports). */

export const CENSUS: ReportDefinition = {
  id: 'census',
  title: 'Census by phase',
  description: 'Patients in each phase at the end of each day of the period (program time zone).',
  level: 'aggregate',
  columns: [
    { name: 'date', type: 'date', description: 'Local day' },
    { name: 'phase', type: 'text', description: 'screening, detox, outpatient, aftercare or discharged' },
    { name: 'patients', type: 'count', description: 'Patients in the phase at the end of the day' },
  ],
  sql: `
    WITH days AS (
      SELECT d::date AS day, ((d::date + 1)::timestamp AT TIME ZONE $3) AS day_end
      FROM generate_series(($1::timestamptz AT TIME ZONE $3)::date, ($2::timestamptz AT TIME ZONE $3)::date - 1,
                           interval '1 day') d
    ),
    phases (phase, ord) AS (VALUES ('screening', 1), ('detox', 2), ('outpatient', 3), ('aftercare', 4), ('discharged', 5)),
    phase_at_day_end AS (
      SELECT days.day, last.to_phase
      FROM days CROSS JOIN LATERAL (
        SELECT DISTINCT ON (h.patient_id) h.to_phase
        FROM reporting.patient_phase_history h
        WHERE h.changed_at < days.day_end
        ORDER BY h.patient_id, h.changed_at DESC
      ) last
    )
    SELECT days.day::text AS date, phases.phase, count(p.to_phase)::int AS patients
    FROM days CROSS JOIN phases
    LEFT JOIN phase_at_day_end p ON p.day = days.day AND p.to_phase = phases.phase
    GROUP BY days.day, phases.phase, phases.ord
    ORDER BY days.day, phases.ord`,
};

export const ADMISSIONS_DISCHARGES: ReportDefinition = {
  id: 'admissions-discharges',
  title: 'Admissions and discharges by reason',
  description: 'Patients registered (admitted) in the period, and patients discharged in the period by discharge reason.',
  level: 'aggregate',
  columns: [
    { name: 'event', type: 'text', description: 'admission or discharge' },
    { name: 'discharge_reason', type: 'text', description: 'completed, left_against_advice, administrative, transferred or deceased (discharges)' },
    { name: 'patients', type: 'count', description: 'Patients' },
  ],
  // The discharge rows add up to the patients discharged (a figure of the program summary).
  marginGroupsBy: 'event',
  sql: `
    WITH reasons (reason, ord) AS (VALUES ('completed', 1), ('left_against_advice', 2), ('administrative', 3),
                                          ('transferred', 4), ('deceased', 5))
    SELECT 'admission' AS event, NULL::text AS discharge_reason, count(DISTINCT h.patient_id)::int AS patients, 0 AS ord
    FROM reporting.patient_phase_history h
    WHERE h.from_phase IS NULL AND h.changed_at >= $1 AND h.changed_at < $2
    UNION ALL
    SELECT 'discharge', r.reason, count(DISTINCT h.patient_id)::int, r.ord
    FROM reasons r
    LEFT JOIN reporting.patient_phase_history h ON h.to_phase = 'discharged' AND h.discharge_reason = r.reason
      AND h.changed_at >= $1 AND h.changed_at < $2
    GROUP BY r.reason, r.ord
    ORDER BY ord`,
};

export const SCREENING_OUTCOMES: ReportDefinition = {
  id: 'screening-outcomes',
  title: 'Screening outcomes by instrument and band',
  description: 'Screenings administered in the period by instrument and result band.',
  level: 'aggregate',
  columns: [
    { name: 'instrument', type: 'text', description: 'AUDIT, AUDIT-C, DAST-10, CAGE, PHQ-9 or GAD-7' },
    { name: 'band', type: 'text', description: "The instrument's result band" },
    { name: 'screenings', type: 'count', description: 'Screenings administered' },
    { name: 'patients', type: 'count', description: 'Patients screened' },
  ],
  sql: `
    SELECT instrument, band, count(*)::int AS screenings, count(DISTINCT patient_id)::int AS patients
    FROM reporting.screening_results
    WHERE administered_at >= $1 AND administered_at < $2
    GROUP BY instrument, band
    ORDER BY instrument, band`,
};

export const ALERT_RESPONSE: ReportDefinition = {
  id: 'alert-response',
  title: 'Alert response times',
  description:
    'Alerts raised in the period by rule and severity: how many, how many acknowledged, the median and ' +
    '90th-percentile minutes from raising to acknowledgement, and how many were escalated unacknowledged.',
  level: 'aggregate',
  columns: [
    { name: 'rule', type: 'text', description: 'Alert rule' },
    { name: 'severity', type: 'text', description: 'warning, urgent or emergency' },
    { name: 'alerts', type: 'count', description: 'Alerts raised' },
    { name: 'acknowledged', type: 'count', description: 'Alerts acknowledged so far' },
    {
      name: 'median_minutes_to_acknowledge', type: 'decimal', dependsOn: ['acknowledged'],
      description: 'Median minutes to acknowledgement, of the alerts acknowledged',
    },
    {
      name: 'p90_minutes_to_acknowledge', type: 'decimal', dependsOn: ['acknowledged'],
      description: '90th-percentile minutes to acknowledgement, of the alerts acknowledged',
    },
    { name: 'escalated', type: 'count', description: 'Alerts escalated because they stayed unacknowledged' },
  ],
  sql: `
    SELECT rule, severity, count(*)::int AS alerts, count(acknowledged_at)::int AS acknowledged,
      round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM acknowledged_at - raised_at) / 60))::numeric, 1)::float8
        AS median_minutes_to_acknowledge,
      round((percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM acknowledged_at - raised_at) / 60))::numeric, 1)::float8
        AS p90_minutes_to_acknowledge,
      count(*) FILTER (WHERE escalated)::int AS escalated
    FROM reporting.alert_responses
    WHERE raised_at >= $1 AND raised_at < $2
    GROUP BY rule, severity
    ORDER BY rule, severity`,
};
