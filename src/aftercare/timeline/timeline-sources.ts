import type { Permission } from '../../common/auth/permissions';

/*
 * The recovery timeline is a read side, like reports: it reads other features' tables with
 * SQL only (no imports of their code), one source per kind of event. Each source selects
 * (at, kind, summary, record_id, detail) for patient $1, role $2 and period [$3, $4)
 * ($7 is the program time zone);
 * `detail` carries content (answers, note bodies) only when the caller's role holds
 * `detailPermission`, otherwise it is null.
 */

export interface TimelineSource {
  /** The caller needs this permission to see the events at all. */
  permission: Permission;
  /** The caller needs this one as well to see their detail (item answers, note bodies). */
  detailPermission?: Permission;
  sql(withDetail: boolean): string;
}

const period = (column: string) => `${column} >= $3 AND ${column} < $4`;

export const TIMELINE_SOURCES: readonly TimelineSource[] = [
  {
    permission: 'patients.read',
    sql: () => `SELECT changed_at AS at, 'phase_change' AS kind,
        coalesce(from_phase, 'registered') || ' → ' || to_phase AS summary, id AS record_id, NULL::jsonb AS detail
      FROM patient_phase_changes WHERE patient_id = $1 AND ${period('changed_at')}`,
  },
  {
    permission: 'screenings.read',
    detailPermission: 'screenings.read-answers',
    sql: (withDetail) => `SELECT administered_at, 'screening', instrument || ' total ' || total || ' (' || band || ')', id,
        ${withDetail ? `jsonb_build_object('answers', answers)` : 'NULL::jsonb'}
      FROM screenings WHERE patient_id = $1 AND ${period('administered_at')}`,
  },
  {
    permission: 'diagnoses.read',
    sql: () => `SELECT recorded_at, 'diagnosis', substance || ' use disorder: ' || severity ||
        CASE WHEN confirmed_at IS NULL THEN ' (unconfirmed)' ELSE ' (confirmed)' END, id, NULL::jsonb
      FROM diagnoses WHERE patient_id = $1 AND ${period('recorded_at')}`,
  },
  {
    permission: 'detox-episodes.read',
    sql: () => `SELECT started_at, 'detox_started', 'Detox started (' || array_to_string(substances, ', ') || ')', id, NULL::jsonb
      FROM detox_episodes WHERE patient_id = $1 AND ${period('started_at')}
      UNION ALL
      SELECT ended_at, 'detox_ended', 'Detox ended: ' || outcome, id, NULL::jsonb
      FROM detox_episodes WHERE patient_id = $1 AND ended_at IS NOT NULL AND ${period('ended_at')}`,
  },
  {
    permission: 'sessions.read',
    sql: () => `SELECT s.starts_at, CASE WHEN a.status = 'no_show' THEN 'session_missed' ELSE 'session_attended' END,
        replace(s.kind, '_', ' ') || ' session: ' || replace(a.status, '_', ' '), s.id, NULL::jsonb
      FROM session_attendance a JOIN sessions s ON s.id = a.session_id
      WHERE a.patient_id = $1 AND a.status <> 'cancelled' AND ${period('s.starts_at')}`,
  },
  {
    permission: 'session-notes.read-existence',
    detailPermission: 'session-notes.read-body',
    sql: (withDetail) => `SELECT n.signed_at, 'session_note', 'Session note signed', n.id,
        ${withDetail ? `jsonb_build_object('sharedBody', n.shared_body, 'body', p.body)` : 'NULL::jsonb'}
      FROM session_note_parts p JOIN session_notes n ON n.id = p.note_id
      WHERE p.patient_id = $1 AND n.signed_at IS NOT NULL AND ${period('n.signed_at')}`,
  },
  {
    // Support-groups' published view; a self-reported meeting has only a date: its event is at local midnight.
    permission: 'support-groups.self-reports',
    sql: () => `SELECT at, CASE WHEN self_reported THEN 'group_meeting_self_reported' ELSE 'group_meeting_verified' END,
        CASE WHEN self_reported THEN 'Community meeting (' || kind || '): self-reported'
          ELSE replace(kind, '_', ' ') || ' group: ' || status END,
        coalesce(meeting_id, community_meeting_id), NULL::jsonb
      FROM (SELECT *, coalesce(occurred_at, occurred_on::timestamp AT TIME ZONE $7::text) AS at
            FROM patient_group_attendance WHERE patient_id = $1) a
      WHERE ${period('at')}`,
  },
  {
    permission: 'aftercare.check-ins-read',
    sql: () => `SELECT checked_in_at, 'check_in', status || ', craving ' || craving || ', by ' || replace(contact_method, '_', ' '),
        id, jsonb_build_object('note', note)
      FROM check_ins WHERE patient_id = $1 AND ${period('checked_in_at')}
      UNION ALL
      SELECT c.screen_collected_at, 'drug_screen', replace(c.screen_specimen, '_', ' ') || ' screen: ' || coalesce((
          SELECT string_agg(r.analyte || ' ' || r.result || CASE WHEN r.result = 'positive' AND NOT r.expected
            THEN ' (unexpected)' ELSE '' END, ', ' ORDER BY r.analyte)
          FROM drug_screen_results r WHERE r.check_in_id = c.id), 'no results'), c.id, NULL::jsonb
      FROM check_ins c WHERE c.patient_id = $1 AND c.screen_collected_at IS NOT NULL AND ${period('c.screen_collected_at')}`,
  },
  {
    // Alerts meant for another role are not the caller's (as in GET /alerts).
    permission: 'alerts.read',
    sql: () => `SELECT raised_at, 'alert_raised', message, id, NULL::jsonb
      FROM alerts WHERE patient_id = $1 AND audience IN ('care_team', $2) AND ${period('raised_at')}
      UNION ALL
      SELECT acknowledged_at, 'alert_acknowledged', 'Acknowledged: ' || message, id, NULL::jsonb
      FROM alerts WHERE patient_id = $1 AND audience IN ('care_team', $2) AND acknowledged_at IS NOT NULL
        AND ${period('acknowledged_at')}`,
  },
];
