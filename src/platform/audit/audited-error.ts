import { DomainError } from '../../common/problem/domain-error';

/** Errors that were already audited where they were raised (e.g. an out-of-scope patient). */
export class AuditedError extends DomainError {}
