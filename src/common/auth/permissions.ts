import type { Role } from './roles';

/**
 * Every action a route can require, named `resource.action`. Routes declare
 * permissions, never roles; ROLE_PERMISSIONS below is the one place that says
 * which role may do what.
 */
export const PERMISSIONS = [
  'users.manage',
  'users.read-self',
  /** Change one's own password (knowing the current one). */
  'users.change-own-password',
  /** Names and roles of active clinicians and case managers, to build care teams and schedules. */
  'users.read-directory',
  'audit.read',
  'settings.read',
  'settings.manage',
  'patients.create',
  'patients.read',
  'patients.update',
  'patients.change-phase',
  'care-team.read',
  'care-team.manage',
  'emergency-access.request',
  'consents.read',
  'consents.manage',
  'alerts.read',
  'alerts.acknowledge',
  'instruments.read',
  'screenings.create',
  'screenings.read',
  /** Item-level answers of a screening (case managers see totals, bands and flags only). */
  'screenings.read-answers',
  'diagnoses.create',
  'diagnoses.read',
  'diagnoses.confirm',
  'level-of-care.create',
  'level-of-care.read',
  'detox-episodes.manage',
  'detox-episodes.read',
  'vitals.create',
  'vitals.read',
  /** Choose a patient's NEWS2 SpO2 scale (scale 2 is a clinician's prescription). */
  'spo2-scale.prescribe',
  'observations.create',
  'observations.read',
  'withdrawal-assessments.create',
  'withdrawal-assessments.read',
  'medication-orders.manage',
  'medication-orders.read',
  'medication-administrations.create',
  'medication-administrations.read',
  'drugs.read',
  'drugs.manage',
  'clinical-statuses.create',
  'clinical-statuses.read',
  'rooms.manage',
  'rooms.read',
  'sessions.schedule',
  'sessions.read',
  'attendance.record',
  'session-notes.write',
  'session-notes.read-body',
  'session-notes.read-existence',
  'iop-hours.read',
  'calendars.read',
  'support-groups.read',
  /** Create and edit groups, cancel meetings. */
  'support-groups.manage',
  /** Name the facilitators of a group none of whose facilitators is active any more (admins; never themselves). */
  'support-groups.reassign-facilitators',
  /** Seat patients, put them on the waitlist, record that they left. */
  'support-groups.membership',
  'support-groups.attendance',
  /** Self-reported community meetings and the weekly group-attendance summary. */
  'support-groups.self-reports',
  'aftercare.plans-write',
  'aftercare.plans-read',
  'aftercare.follow-ups-read',
  /** Add, move or cancel a follow-up (case managers). */
  'aftercare.follow-ups-manage',
  'aftercare.check-ins-create',
  'aftercare.check-ins-read',
  'aftercare.re-engage',
  'aftercare.timeline-read',
  /** Program reports, de-identified. */
  'reports.read',
  /** Identified row exports: a disclosure under 42 CFR Part 2. */
  'reports.export-identified',
  /** A patient's accounting of disclosures and report of who accessed the record. */
  'disclosures.read',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const CLINICIAN: Permission[] = [
  'users.read-self', 'users.change-own-password', 'users.read-directory', 'patients.create', 'patients.read', 'patients.update', 'patients.change-phase',
  'care-team.read', 'care-team.manage', 'emergency-access.request', 'consents.read', 'consents.manage',
  'alerts.read', 'alerts.acknowledge', 'instruments.read', 'screenings.create', 'screenings.read',
  'screenings.read-answers', 'diagnoses.create', 'diagnoses.read', 'diagnoses.confirm', 'level-of-care.create', 'level-of-care.read',
  'detox-episodes.manage', 'detox-episodes.read', 'vitals.create', 'vitals.read',
  'spo2-scale.prescribe', 'observations.create', 'observations.read',
  'withdrawal-assessments.create', 'withdrawal-assessments.read', 'medication-orders.manage',
  'medication-orders.read', 'medication-administrations.create', 'medication-administrations.read', 'drugs.read',
  'clinical-statuses.create', 'clinical-statuses.read',
  'rooms.read', 'sessions.schedule', 'sessions.read', 'attendance.record', 'session-notes.write',
  'session-notes.read-body', 'session-notes.read-existence', 'iop-hours.read', 'calendars.read',
  'support-groups.read', 'support-groups.manage', 'support-groups.membership', 'support-groups.attendance',
  'support-groups.self-reports',
  'aftercare.plans-write', 'aftercare.plans-read', 'aftercare.follow-ups-read', 'aftercare.check-ins-create',
  'aftercare.check-ins-read', 'aftercare.re-engage', 'aftercare.timeline-read',
];

const CASE_MANAGER: Permission[] = [
  'users.read-self', 'users.change-own-password', 'users.read-directory', 'patients.create', 'patients.read', 'patients.update', 'patients.change-phase',
  'care-team.read', 'care-team.manage', 'consents.read', 'consents.manage', 'alerts.read',
  'alerts.acknowledge', 'instruments.read', 'screenings.create', 'screenings.read', 'diagnoses.read',
  'level-of-care.read', 'detox-episodes.read', 'rooms.read', 'sessions.schedule', 'sessions.read',
  'attendance.record', 'session-notes.read-existence', 'iop-hours.read', 'calendars.read',
  'support-groups.read', 'support-groups.manage', 'support-groups.membership', 'support-groups.attendance',
  'support-groups.self-reports',
  'aftercare.plans-write', 'aftercare.plans-read', 'aftercare.follow-ups-read', 'aftercare.follow-ups-manage',
  'aftercare.check-ins-create', 'aftercare.check-ins-read', 'aftercare.re-engage', 'aftercare.timeline-read',
];

const ADMIN: Permission[] = [
  'users.manage', 'users.read-self', 'users.change-own-password', 'users.read-directory', 'audit.read', 'settings.read', 'settings.manage',
  'patients.read', 'care-team.read', 'care-team.manage', 'instruments.read', 'rooms.manage', 'rooms.read',
  'drugs.read', 'drugs.manage', 'support-groups.read', 'support-groups.reassign-facilitators',
  'reports.read', 'reports.export-identified', 'disclosures.read',
];

export const ROLE_PERMISSIONS: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  admin: new Set(ADMIN),
  clinician: new Set(CLINICIAN),
  case_manager: new Set(CASE_MANAGER),
};

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

/** Roles that hold a permission, for the OpenAPI description of each route. */
export function rolesWith(permission: Permission): Role[] {
  return (Object.keys(ROLE_PERMISSIONS) as Role[]).filter((role) => roleHas(role, permission));
}

/**
 * Patient-scoped permissions an admin holds for every patient, without being
 * on the care team: demographics and care teams, to run the program (DOMAIN.md
 * "Who uses it": admins reach patients for reporting, never clinical records).
 */
export const ADMIN_REACHES_EVERY_PATIENT: ReadonlySet<Permission> = new Set<Permission>([
  'patients.read', 'care-team.read', 'care-team.manage', 'disclosures.read',
]);

/**
 * Emergency access ("break the glass") is for treating the patient now
 * (DOMAIN.md "Who uses it"): it is not enough for these permissions. The
 * refusal is a 403, audited under `auditAction`.
 */
export const EMERGENCY_ACCESS_NOT_ENOUGH: Readonly<Partial<Record<Permission, { auditAction: string; detail: string }>>> = {
  'care-team.manage': {
    auditAction: 'care-team.change',
    detail: 'Emergency access does not allow changing the care team; ask a team member or an admin.',
  },
  'diagnoses.confirm': {
    auditAction: 'diagnosis.confirm',
    detail: "Only a clinician on the patient's care team can confirm a diagnosis; emergency access allows reading only.",
  },
  // A phase change ends or starts care (a discharge, as deceased for good): a decision of the care team.
  'patients.change-phase': {
    auditAction: 'patient.change-phase',
    detail: "Only the patient's care team moves the patient between phases; emergency access does not allow it.",
  },
  // Re-engaging moves the patient out of aftercare (to screening, or straight back to treatment): a phase change.
  'aftercare.re-engage': {
    auditAction: 'aftercare.re-engage',
    detail: "Only the patient's care team re-engages the patient (a phase change); emergency access does not allow it.",
  },
  // A consent is the patient's own authorisation to disclose (42 CFR 2.31): recorded or revoked by the care team.
  'consents.manage': {
    auditAction: 'consent.change',
    detail: "Only the patient's care team records or revokes a consent; emergency access does not allow it.",
  },
};
