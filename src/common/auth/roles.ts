export const ROLES = ['admin', 'clinician', 'case_manager'] as const;
export type Role = (typeof ROLES)[number];
