import type { Role } from '../../common/auth/roles';

export type FacilitatorChangeRefusal = 'not_a_facilitator' | 'no_active_facilitator';

/**
 * Who may change a group's facilitator list. Facilitators read the roster by
 * name and record every member's attendance, and membership in a recovery
 * group identifies a patient (42 CFR Part 2), so only the group's own active
 * facilitators change the list: no one appoints themselves. A group with no
 * active facilitator left (all deactivated) is handed over by an admin, who
 * never facilitates (facilitators are active clinicians or case managers).
 * Returns why the change is refused, or null when it is allowed.
 */
export function facilitatorChangeRefusal(
  caller: { id: string; role: Role },
  activeFacilitatorIds: readonly string[],
): FacilitatorChangeRefusal | null {
  if (activeFacilitatorIds.length === 0) return caller.role === 'admin' ? null : 'no_active_facilitator';
  return activeFacilitatorIds.includes(caller.id) ? null : 'not_a_facilitator';
}

export const FACILITATOR_CHANGE_REFUSALS: Readonly<Record<FacilitatorChangeRefusal, string>> = {
  not_a_facilitator: "Only one of the group's active facilitators may change its facilitators.",
  no_active_facilitator:
    'The group has no active facilitator left; an admin names its new facilitators (PUT .../facilitators).',
};

/** Whether `proposed` names other facilitators than `current` (order does not matter). */
export function changesFacilitators(current: readonly string[], proposed: readonly string[]): boolean {
  const now = new Set(current);
  return proposed.length !== now.size || proposed.some((id) => !now.has(id));
}
