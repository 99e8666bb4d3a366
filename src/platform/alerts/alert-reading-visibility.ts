import type { Permission } from '../../common/auth/permissions';
import { roleHas } from '../../common/auth/permissions';
import type { Role } from '../../common/auth/roles';

/**
 * An alert's `reading` is a copy of the record that raised it, so it is shown
 * only to a role that may read that record itself: a case manager on the care
 * team is told of a detox emergency (the message says what and how urgent)
 * but does not receive the vital signs, withdrawal items or doses behind it,
 * nor a screening's item answers. Sources not listed carry engagement facts
 * every reader of the alert may see.
 */
const READING_NEEDS: Readonly<Record<string, readonly Permission[]>> = {
  detox: ['vitals.read', 'withdrawal-assessments.read', 'medication-administrations.read'],
  screening: ['screenings.read-answers'],
};

export function alertReadingVisibleTo(role: Role, source: string): boolean {
  return (READING_NEEDS[source] ?? []).every((permission) => roleHas(role, permission));
}
