import type { Role } from '../../common/auth/roles';

/*
 * Who may close an alert (issue 11, DOMAIN.md "Detox monitoring": "Clinical
 * alerts are closed only by a clinician, with a note when urgent or
 * emergency"). Clinical alerts (vitals, withdrawal, observations, medication,
 * self-harm) are for clinicians; engagement alerts (missed sessions, overdue
 * follow-ups) for case managers. Care-team membership or emergency access is
 * checked by the caller.
 */

export type AlertCategory = 'clinical' | 'engagement';
export type AcknowledgedSeverity = 'warning' | 'urgent' | 'emergency';

export type AcknowledgementRefusal =
  | { kind: 'wrong_role'; message: string }
  | { kind: 'note_required'; message: string };

const ACKNOWLEDGED_BY: Readonly<Record<AlertCategory, Role>> = {
  clinical: 'clinician',
  engagement: 'case_manager',
};

/** Why `role` may not acknowledge this alert with this note, or null when it may. */
export function acknowledgementRefusal(
  alert: { category: AlertCategory; severity: AcknowledgedSeverity },
  role: Role,
  note: string | undefined,
): AcknowledgementRefusal | null {
  const by = ACKNOWLEDGED_BY[alert.category];
  if (role !== by) {
    const message = by === 'clinician'
      ? 'Clinical alerts are acknowledged by a clinician on the care team or under emergency access.'
      : 'Engagement alerts are acknowledged by a case manager on the care team.';
    return { kind: 'wrong_role', message };
  }
  const noteGiven = note !== undefined && note.trim().length > 0;
  if (alert.category === 'clinical' && alert.severity !== 'warning' && !noteGiven) {
    return { kind: 'note_required', message: `is required to acknowledge an ${alert.severity} clinical alert` };
  }
  return null;
}
