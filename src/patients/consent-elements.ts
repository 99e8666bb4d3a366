/*
 * The required elements of a 42 CFR Part 2 written consent (42 CFR 2.31(a), as amended by the 2024 final rule)
 * that the software can check, kept as data on each consent:
 * - the recipient, by name, and what kind of recipient it is (2.31(a)(4)): an individual, an organisation (entity),
 *   or, for a single consent for all future uses and disclosures for treatment, payment and health care operations,
 *   a class of recipients (e.g. "my treating providers"; 2.31(a)(4)(ii));
 * - the purpose (2.31(a)(5)) and how much and what kind of information (2.31(a)(3)), as text, and the identified
 *   row exports the consent covers (a structured statement of that information: an export relies only on a consent
 *   that lists it);
 * - an expiration date (2.31(a)(6)): the program records consents with an explicit date so that exports can check
 *   it; an expiry event ("end of treatment") is written as the date staff record, or as a revocation when it
 *   happens. A consent signed in the future is refused.
 * A consent without one of these on its face cannot be relied on (2.31(c), deficient consent): consents recorded
 * before this was required (no expiry date, no stated exports) are kept but are not in force for disclosure.
 */

export const RECIPIENT_KINDS = ['individual', 'organisation', 'class'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

/**
 * The identified row exports a consent may cover: the ids of the reports catalogue's row exports. A unit test in
 * reports keeps the two lists in step; migration 1765800100000 holds the column to the same values.
 */
export const CONSENT_EXPORTS = ['vitals', 'sessions'] as const;
export type ConsentExport = (typeof CONSENT_EXPORTS)[number];

export interface ConsentTerms {
  signedOn: string;
  expiresOn: string | null;
  revokedAt: Date | null;
}

/** In force on `today` (program-zone YYYY-MM-DD): signed by then, not expired, not revoked, and with an expiry date. */
export function consentInForce(c: ConsentTerms, today: string): boolean {
  return !c.revokedAt && c.signedOn <= today && c.expiresOn !== null && c.expiresOn >= today;
}

/** The field errors of a consent's dates: signed not after `today`, expiring on or after the signing day. */
export function consentDateErrors(signedOn: string, expiresOn: string, today: string): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  if (signedOn > today) errors.push({ field: 'signedOn', message: 'signedOn must not be in the future' });
  if (expiresOn < signedOn) errors.push({ field: 'expiresOn', message: 'expiresOn must not be before signedOn' });
  return errors;
}
