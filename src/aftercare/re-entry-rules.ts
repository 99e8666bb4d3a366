/*
 * Re-entry after a relapse in aftercare (DOMAIN.md: "a relapse can re-open screening").
 * Going straight back to detox or outpatient treatment skips screening, so it needs a
 * clinician and a confirmed DSM-5 diagnosis that is still current (within 12 months;
 * DSM-5 "in early remission" spans 3-12 months, after which the diagnosis is reassessed).
 */

export const RE_ENTRY_TARGETS = ['screening', 'detox', 'outpatient'] as const;
export type ReEntryTarget = (typeof RE_ENTRY_TARGETS)[number];

export const DIAGNOSIS_CURRENT_MONTHS = 12;

export type ReEntryRefusal = 'clinician_required' | 'diagnosis_required';

export function reEntryRefusal(to: ReEntryTarget, byClinician: boolean, hasCurrentConfirmedDiagnosis: boolean): ReEntryRefusal | null {
  if (to === 'screening') return null;
  if (!byClinician) return 'clinician_required';
  return hasCurrentConfirmedDiagnosis ? null : 'diagnosis_required';
}
