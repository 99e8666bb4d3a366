import type { ReportDefinition } from './catalogue/report-definition';

/**
 * PostgreSQL cannot type a parameter a statement never mentions, so each
 * statement gets only the leading parameters up to the highest `$n` it uses.
 */
export function queryParams(sql: string, params: readonly unknown[]): unknown[] {
  const highest = Math.max(0, ...[...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
  return params.slice(0, highest);
}

/** The distinct patients a row export covers. */
export const patientSetSql = (report: ReportDefinition): string =>
  `SELECT DISTINCT r.patient_id FROM (${report.sql}) r`;

/**
 * Patients (of $1) with a consent in force today ($4) that covers the export
 * ($5, a report id) and names the purpose ($3) and the recipient: the
 * recipient ($2) by name, or, for a consent naming a class of recipients
 * (42 CFR 2.31(a)(4)(ii)), the class the recipient belongs to ($6, null when
 * the export states none). 42 CFR 2.31 requires the consent to name the
 * recipient, the purpose, what is disclosed and an expiry.
 */
export const consentedPatientsSql = `
  SELECT DISTINCT c.patient_id FROM reporting.active_consents c
  WHERE c.patient_id = ANY($1::uuid[]) AND c.purpose_key = lower(btrim($3))
    AND c.signed_on <= $4::date AND c.expires_on >= $4::date AND $5::text = ANY (c.covered_exports)
    AND CASE WHEN c.recipient_kind = 'class' THEN c.recipient_key = lower(btrim($6::text))
             ELSE c.recipient_key = lower(btrim($2)) END`;

/**
 * The active program user whose email is the recipient ($1): 42 CFR 2.12(c)(3)
 * lets records go without consent only to staff within the program.
 */
export const programRecipientSql = `
  SELECT s.user_id, s.role FROM reporting.program_staff s WHERE s.email_key = lower(btrim($1))`;

/** Patients (of $1) on whose care team the recipient within the program ($2) is. */
export const recipientsPatientsSql = `
  SELECT c.patient_id FROM reporting.care_teams c WHERE c.patient_id = ANY($1::uuid[]) AND c.user_id = $2`;

/** A row export with who each row is about, limited to the disclosed patients ($4). */
export function identifiedSql(report: ReportDefinition): string {
  const order = (report.rowOrder ?? ['patient_id']).map((c) => `r.${c}`).join(', ');
  return `
    SELECT r.*, i.mrn, i.given_name, i.family_name, i.date_of_birth::text AS date_of_birth
    FROM (${report.sql}) r JOIN reporting.patient_identities i ON i.patient_id = r.patient_id
    WHERE r.patient_id = ANY($4::uuid[])
    ORDER BY ${order}`;
}
