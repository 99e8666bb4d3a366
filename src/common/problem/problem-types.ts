import type { DomainErrorCode } from './domain-error';

export interface ProblemType {
  status: number;
  title: string;
}

/** The one place a domain error code becomes an HTTP status and title. */
export const PROBLEM_TYPES: Readonly<Record<DomainErrorCode, ProblemType>> = {
  validation: { status: 400, title: 'Invalid request' },
  malformed_json: { status: 400, title: 'Malformed JSON body' },
  invalid_credentials: { status: 401, title: 'Invalid credentials' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Forbidden' },
  not_found: { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflict' },
  invalid_transition: { status: 409, title: 'Transition not allowed' },
  gate_not_met: { status: 409, title: 'Precondition for this step not met' },
  slot_taken: { status: 409, title: 'Booking conflict' },
  capacity_reached: { status: 409, title: 'Capacity reached' },
  stale_version: { status: 412, title: 'Stale version' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  rule_violation: { status: 422, title: 'Business rule violated' },
  dose_limit_exceeded: { status: 422, title: 'Dose limit exceeded' },
  precondition_required: { status: 428, title: 'Precondition required' },
  rate_limited: { status: 429, title: 'Too many requests' },
  service_unavailable: { status: 503, title: 'Service unavailable' },
};

export const PROBLEM_TYPE_BASE = 'https://outpatient-program.example/problems/';

export function problemTypeUri(code: string): string {
  return `${PROBLEM_TYPE_BASE}${code.replace(/_/g, '-')}`;
}
