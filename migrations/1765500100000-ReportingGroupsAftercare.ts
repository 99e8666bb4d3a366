import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reporting views for the group-attendance and aftercare-outcomes reports, held and refused doses
 * for medication-safety, and escalations for alert-response. Views only the read-only role
 * `report_reader` selects; they read support-groups' published `patient_group_attendance`.
 * A held or refused dose is no longer counted as missed (DOMAIN.md: a scheduled dose is given,
 * given partially, held, refused or missed).
 */
export class ReportingGroupsAftercare1765500100000 implements MigrationInterface {
  name = 'ReportingGroupsAftercare1765500100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE VIEW reporting.group_attendance AS
      SELECT a.patient_id, a.group_id, g.name AS group_name, a.kind, a.occurred_on, a.status, a.self_reported
      FROM patient_group_attendance a LEFT JOIN support_groups g ON g.id = a.group_id`);
    await q.query(`
      CREATE VIEW reporting.follow_up_outcomes AS
      SELECT f.patient_id, f.offset_days, f.due_date, f.status, c.status AS recovery_status,
             EXISTS (SELECT 1 FROM drug_screen_results r
                     WHERE r.check_in_id = c.id AND r.result = 'positive' AND NOT r.expected) AS unexpected_positive
      FROM follow_ups f LEFT JOIN check_ins c ON c.id = f.check_in_id`);
    await q.query(`
      CREATE VIEW reporting.dose_omissions AS
      SELECT patient_id, scheduled_at, outcome FROM medication_dose_omissions`);
    await q.query(`
      CREATE OR REPLACE VIEW reporting.missed_doses AS
      SELECT d.patient_id, d.scheduled_at
      FROM medication_scheduled_doses d
      JOIN medication_orders o ON o.id = d.order_id
      WHERE d.scheduled_at > o.ordered_at
        AND (o.discontinued_at IS NULL OR d.scheduled_at < o.discontinued_at)
        AND NOT EXISTS (SELECT 1 FROM medication_administrations m WHERE m.scheduled_dose_id = d.id)
        AND NOT EXISTS (SELECT 1 FROM medication_dose_omissions h WHERE h.scheduled_dose_id = d.id)
        AND d.scheduled_at + make_interval(mins => COALESCE(
              (SELECT (value ->> 'graceMinutes')::int FROM settings WHERE key = 'detox.missed-dose'), 120)) < now()`);
    await q.query(`
      CREATE OR REPLACE VIEW reporting.alert_responses AS
      SELECT a.patient_id, a.source, a.rule, a.severity, a.raised_at, a.acknowledged_at,
             EXISTS (SELECT 1 FROM alerts e WHERE e.escalates_alert_id = a.id) AS escalated
      FROM alerts a`);
    await q.query(`
      GRANT SELECT ON reporting.group_attendance, reporting.follow_up_outcomes, reporting.dose_omissions TO report_reader`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW reporting.alert_responses`);
    await q.query(`
      CREATE VIEW reporting.alert_responses AS
      SELECT patient_id, source, rule, severity, raised_at, acknowledged_at FROM alerts`);
    await q.query(`
      CREATE OR REPLACE VIEW reporting.missed_doses AS
      SELECT d.patient_id, d.scheduled_at
      FROM medication_scheduled_doses d
      JOIN medication_orders o ON o.id = d.order_id
      WHERE d.scheduled_at > o.ordered_at
        AND (o.discontinued_at IS NULL OR d.scheduled_at < o.discontinued_at)
        AND NOT EXISTS (SELECT 1 FROM medication_administrations m WHERE m.scheduled_dose_id = d.id)
        AND d.scheduled_at + make_interval(mins => COALESCE(
              (SELECT (value ->> 'graceMinutes')::int FROM settings WHERE key = 'detox.missed-dose'), 120)) < now()`);
    await q.query(`DROP VIEW reporting.dose_omissions, reporting.follow_up_outcomes, reporting.group_attendance`);
  }
}
