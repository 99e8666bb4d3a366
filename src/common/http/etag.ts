import { DomainError } from '../problem/domain-error';

export const etagOf = (version: number) => `"${version}"`;

/**
 * Reads the version a client last saw from If-Match. Edits of shared records
 * must carry it (428 without it) so nobody overwrites a change unseen.
 */
export function versionFromIfMatch(header: string | undefined): number {
  if (header === undefined || header.trim() === '') {
    throw new DomainError('precondition_required', 'Send If-Match with the ETag you read, so concurrent edits are not lost.');
  }
  const match = /^(?:W\/)?"(\d{1,9})"$/.exec(header.trim());
  if (!match) throw new DomainError('stale_version', 'If-Match does not match the current version of the record.');
  return Number(match[1]);
}
