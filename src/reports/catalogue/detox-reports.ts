import type { ReportDefinition } from './report-definition';

/** Detox monitoring reports (DOMAIN.md, Reports: detox completion and length; withdrawal severity). */

export const DETOX_OUTCOMES: ReportDefinition = {
  id: 'detox-outcomes',
  title: 'Detox outcomes',
  description:
    'Detox episodes ended in the period by outcome, the completion rate among them, and the median and ' +
    '90th-percentile episode length in days.',
  level: 'aggregate',
  columns: [
    { name: 'episodes_ended', type: 'count', description: 'Episodes ended in the period' },
    { name: 'completed', type: 'count', description: 'Ended as completed' },
    { name: 'transferred_higher_level', type: 'count', description: 'Ended by transfer to a higher level of care' },
    { name: 'left_against_advice', type: 'count', description: 'Ended by leaving against advice' },
    { name: 'other', type: 'count', description: 'Ended otherwise' },
    {
      name: 'completion_rate', type: 'rate', dependsOn: ['completed', 'episodes_ended'],
      description: 'completed / episodes_ended',
    },
    {
      name: 'median_length_days', type: 'decimal', dependsOn: ['episodes_ended'],
      description: 'Median length of the ended episodes, days',
    },
    {
      name: 'p90_length_days', type: 'decimal', dependsOn: ['episodes_ended'],
      description: '90th-percentile length of the ended episodes, days',
    },
  ],
  partitions: [{ total: 'episodes_ended', parts: ['completed', 'transferred_higher_level', 'left_against_advice', 'other'] }],
  sql: `
    SELECT count(*)::int AS episodes_ended,
      count(*) FILTER (WHERE outcome = 'completed')::int AS completed,
      count(*) FILTER (WHERE outcome = 'transferred_higher_level')::int AS transferred_higher_level,
      count(*) FILTER (WHERE outcome = 'left_against_advice')::int AS left_against_advice,
      count(*) FILTER (WHERE outcome = 'other')::int AS other,
      round(count(*) FILTER (WHERE outcome = 'completed')::numeric / NULLIF(count(*), 0), 4)::float8 AS completion_rate,
      round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM ended_at - started_at) / 86400))::numeric, 1)::float8
        AS median_length_days,
      round((percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM ended_at - started_at) / 86400))::numeric, 1)::float8
        AS p90_length_days
    FROM reporting.detox_episodes
    WHERE ended_at >= $1 AND ended_at < $2`,
};

export const WITHDRAWAL_SEVERITY: ReportDefinition = {
  id: 'withdrawal-severity',
  title: 'Withdrawal severity per day',
  description: 'CIWA-Ar and COWS assessments per local day by severity band.',
  level: 'aggregate',
  columns: [
    { name: 'date', type: 'date', description: 'Local day of the assessment' },
    { name: 'scale', type: 'text', description: 'CIWA-Ar or COWS' },
    { name: 'band', type: 'text', description: 'Severity band of the scale' },
    { name: 'assessments', type: 'count', description: 'Assessments' },
    { name: 'patients', type: 'count', description: 'Patients assessed' },
  ],
  sql: `
    SELECT (assessed_at AT TIME ZONE $3)::date::text AS date, scale, band,
      count(*)::int AS assessments, count(DISTINCT patient_id)::int AS patients
    FROM reporting.withdrawal_scores
    WHERE assessed_at >= $1 AND assessed_at < $2
    GROUP BY 1, scale, band
    ORDER BY 1, scale, min(total)`,
};

export const MEDICATION_SAFETY: ReportDefinition = {
  id: 'medication-safety',
  title: 'Medication safety',
  description:
    'Doses given in the period, those given over the 24-hour limit with a recorded override reason, scheduled ' +
    'doses refused by the patient or held for a clinical reason, and scheduled doses missed (neither given, ' +
    'refused nor held within the missed-dose grace period).',
  level: 'aggregate',
  columns: [
    { name: 'doses_given', type: 'count', description: 'Administrations recorded' },
    { name: 'overrides', type: 'count', description: 'Administrations over the 24-hour limit, with an override reason' },
    { name: 'refused_doses', type: 'count', description: 'Scheduled doses due in the period that the patient refused' },
    { name: 'held_doses', type: 'count', description: 'Scheduled doses due in the period held for a clinical reason' },
    { name: 'missed_doses', type: 'count', description: 'Scheduled doses due in the period and missed' },
    { name: 'patients_given', type: 'count', description: 'Patients given at least one dose' },
  ],
  sql: `
    SELECT
      (SELECT count(*)::int FROM reporting.medication_administrations WHERE given_at >= $1 AND given_at < $2) AS doses_given,
      (SELECT count(*)::int FROM reporting.medication_administrations
        WHERE given_at >= $1 AND given_at < $2 AND overridden) AS overrides,
      (SELECT count(*)::int FROM reporting.dose_omissions
        WHERE scheduled_at >= $1 AND scheduled_at < $2 AND outcome = 'refused') AS refused_doses,
      (SELECT count(*)::int FROM reporting.dose_omissions
        WHERE scheduled_at >= $1 AND scheduled_at < $2 AND outcome = 'held') AS held_doses,
      (SELECT count(*)::int FROM reporting.missed_doses WHERE scheduled_at >= $1 AND scheduled_at < $2) AS missed_doses,
      (SELECT count(DISTINCT patient_id)::int FROM reporting.medication_administrations
        WHERE given_at >= $1 AND given_at < $2) AS patients_given`,
};
