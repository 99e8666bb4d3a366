import { DomainError } from '../problem/domain-error';

export const etagOf = (version: number) => `"${version}"`;

/**
 * What an If-Match header allows a conditional write to change (RFC 9110
 * §13.1.1): `*` (any current version), or a list of entity tags compared
 * strongly, so a weak tag (`W/"3"`) never matches. Our tags are `"<version>"`.
 */
export class IfMatch {
  private constructor(
    /** `*`: any current representation. */
    readonly any: boolean,
    /** The versions of the listed strong tags (weak ones can never match and are left out). */
    readonly versions: readonly number[],
  ) {}

  static any(): IfMatch {
    return new IfMatch(true, []);
  }

  static versions(versions: readonly number[]): IfMatch {
    return new IfMatch(false, [...new Set(versions)]);
  }

  /** Whether a record at `version` may be changed. */
  matches(version: number): boolean {
    return this.any || this.versions.includes(version);
  }

  /**
   * The same test as a query-builder condition on `column` and its parameters,
   * for an `UPDATE ... WHERE` that changes the row only if it matches:
   * `.andWhere(...ifMatch.sqlCondition())`.
   */
  sqlCondition(column = 'version'): [sql: string, params: { ifMatchVersions: number[] }] {
    if (this.any) return ['true', { ifMatchVersions: [] }];
    return [`${column} = ANY(:ifMatchVersions)`, { ifMatchVersions: [...this.versions] }];
  }
}

// One element of an If-Match list and the comma after it: an entity tag, weak or strong (RFC 9110 §8.8.3).
const LIST_ELEMENT = /[ \t]*(?:(W\/)?"([\x21\x23-\x7e\x80-\xff]*)")?[ \t]*(?:,|$)/y;
const VERSION = /^\d{1,9}$/;

const staleTag = () => new DomainError('stale_version', 'If-Match does not match the current version of the record.');

/**
 * Reads If-Match for an edit of a shared record. Edits must carry it (428
 * without it) so nobody overwrites a change unseen; a malformed header, or one
 * whose tags are all weak or not ours, can never match (412).
 */
export function ifMatchFrom(header: string | undefined): IfMatch {
  if (header === undefined || header.trim() === '') {
    throw new DomainError('precondition_required', 'Send If-Match with the ETag you read, so concurrent edits are not lost.');
  }
  const text = header.trim();
  if (text === '*') return IfMatch.any();
  const versions: number[] = [];
  LIST_ELEMENT.lastIndex = 0;
  while (LIST_ELEMENT.lastIndex < text.length) {
    const start = LIST_ELEMENT.lastIndex;
    const element = LIST_ELEMENT.exec(text);
    if (!element || LIST_ELEMENT.lastIndex === start) throw staleTag();
    // An empty element ("1", , "2") is ignored (RFC 9110 §5.6.1).
    const [, weak, opaque] = element;
    if (weak === undefined && opaque !== undefined && VERSION.test(opaque)) versions.push(Number(opaque));
  }
  if (versions.length === 0) throw staleTag();
  return IfMatch.versions(versions);
}
