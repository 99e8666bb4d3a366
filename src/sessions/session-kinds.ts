/** The kinds of outpatient session the program holds. */
export const SESSION_KINDS = [
  'individual',
  'group',
  'family',
  'medication_management',
  'psychiatric_evaluation',
] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

/** Neutral labels: calendar entries carry these, never patient names. */
export const SESSION_KIND_LABELS: Readonly<Record<SessionKind, string>> = {
  individual: 'Individual counseling',
  group: 'Group therapy',
  family: 'Family session',
  medication_management: 'Medication management',
  psychiatric_evaluation: 'Psychiatric evaluation',
};

/** How many patients a session of each kind has (family members who are not patients are not booked). */
export const PATIENTS_PER_KIND: Readonly<Record<SessionKind, { min: number; max: number }>> = {
  individual: { min: 1, max: 1 },
  medication_management: { min: 1, max: 1 },
  psychiatric_evaluation: { min: 1, max: 1 },
  family: { min: 1, max: 10 },
  group: { min: 1, max: 50 },
};

export function isSessionKind(value: unknown): value is SessionKind {
  return (SESSION_KINDS as readonly unknown[]).includes(value);
}

/** Why this number of patients does not fit the kind, or null when it does. */
export function patientCountProblem(kind: SessionKind, patients: number): string | null {
  const { min, max } = PATIENTS_PER_KIND[kind];
  if (patients >= min && patients <= max) return null;
  const article = /^[aeiou]/.test(kind) ? 'an' : 'a';
  return min === max
    ? `${article} ${kind} session has exactly ${min} patient`
    : `${article} ${kind} session has ${min} to ${max} patients`;
}
