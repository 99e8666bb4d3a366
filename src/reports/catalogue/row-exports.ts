import {
  AGE_BAND, ageYearsSql, PATIENT_KEY, RELATIVE_TIME_COLUMNS, relativeTimeSql, type ReportDefinition,
} from './report-definition';

/**
 * Row-level exports: one row per record, streamed; de-identified unless
 * exported as a disclosure. De-identified, a row tells when it happened only
 * relative to the patient's first row in the export (RELATIVE_TIME_COLUMNS);
 * the first instant is looked up per row through the (patient, time) index,
 * so the rows still stream in time order without a sort.
 */
export const VITALS_EXPORT: ReportDefinition = {
  id: 'vitals',
  title: 'Vital signs (rows)',
  description: 'Every vital-signs reading taken in the period, with its NEWS2 score.',
  level: 'rows',
  readPermission: 'vitals.read',
  columns: [
    PATIENT_KEY,
    AGE_BAND,
    ...RELATIVE_TIME_COLUMNS,
    { name: 'taken_at', type: 'datetime', description: 'When the reading was taken', only: 'identified' },
    { name: 'heart_rate', type: 'integer', description: 'Beats per minute' },
    { name: 'systolic_bp', type: 'integer', description: 'mmHg' },
    { name: 'diastolic_bp', type: 'integer', description: 'mmHg' },
    { name: 'respiratory_rate', type: 'integer', description: 'Breaths per minute' },
    { name: 'temperature_c', type: 'decimal', description: 'Degrees Celsius' },
    { name: 'spo2', type: 'integer', description: 'Oxygen saturation, %' },
    { name: 'on_supplemental_oxygen', type: 'boolean', description: 'On supplemental oxygen' },
    { name: 'consciousness', type: 'text', description: 'ACVPU' },
    { name: 'news2_total', type: 'integer', description: 'NEWS2 total (empty when incomplete)' },
    { name: 'news2_risk', type: 'text', description: 'NEWS2 clinical risk' },
  ],
  sql: `
    SELECT v.patient_id, ${ageYearsSql('v.taken_at')} AS age_years, ${relativeTimeSql('v.taken_at', 'f.first_at')},
      v.taken_at, v.heart_rate, v.systolic_bp,
      v.diastolic_bp, v.respiratory_rate, v.temperature_c::float8 AS temperature_c, v.spo2, v.on_supplemental_oxygen,
      v.consciousness, v.news2_total, v.news2_risk
    FROM reporting.vitals v JOIN reporting.patient_demographics d ON d.patient_id = v.patient_id
    CROSS JOIN LATERAL (
      SELECT min(o.taken_at) AS first_at FROM reporting.vitals o
      WHERE o.patient_id = v.patient_id AND o.taken_at >= $1 AND o.taken_at < $2
    ) f
    WHERE v.taken_at >= $1 AND v.taken_at < $2
    ORDER BY v.taken_at, v.patient_id`,
  rowOrder: ['taken_at', 'patient_id'],
};

export const SESSIONS_EXPORT: ReportDefinition = {
  id: 'sessions',
  title: 'Session bookings (rows)',
  description: 'Every patient booking of a session starting in the period, with its attendance.',
  level: 'rows',
  readPermission: 'sessions.read',
  columns: [
    PATIENT_KEY,
    AGE_BAND,
    ...RELATIVE_TIME_COLUMNS,
    { name: 'scheduled_minutes', type: 'integer', description: 'Scheduled length of the session (its end, relative)', only: 'de-identified' },
    { name: 'kind', type: 'text', description: 'Session kind' },
    { name: 'starts_at', type: 'datetime', description: 'Session start', only: 'identified' },
    { name: 'ends_at', type: 'datetime', description: 'Session end', only: 'identified' },
    { name: 'session_status', type: 'text', description: 'scheduled or cancelled' },
    { name: 'cancelled_by', type: 'text', description: 'patient or program, when cancelled' },
    { name: 'attendance_status', type: 'text', description: 'attended, late, left_early, no_show or cancelled' },
    { name: 'minutes_attended', type: 'integer', description: 'Minutes attended, when recorded' },
  ],
  sql: `
    SELECT b.patient_id, ${ageYearsSql('b.starts_at')} AS age_years, ${relativeTimeSql('b.starts_at', 'f.first_at')},
      (date_part('epoch', b.ends_at - b.starts_at) / 60)::int AS scheduled_minutes, b.kind, b.starts_at, b.ends_at,
      b.session_status, b.cancelled_by, b.attendance_status, b.minutes_attended
    FROM reporting.session_patient_attendance b JOIN reporting.patient_demographics d ON d.patient_id = b.patient_id
    CROSS JOIN LATERAL (
      SELECT min(o.starts_at) AS first_at FROM reporting.session_patient_attendance o
      WHERE o.patient_id = b.patient_id AND o.starts_at >= $1 AND o.starts_at < $2
    ) f
    WHERE b.starts_at >= $1 AND b.starts_at < $2
    ORDER BY b.starts_at, b.patient_id`,
  rowOrder: ['starts_at', 'patient_id'],
};
