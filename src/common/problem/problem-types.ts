export interface ProblemType {
  status: number;
  title: string;
}

/**
 * Every problem the API answers with, one entry per rule: the key is the
 * stable code, `https://outpatient-program.example/problems/<code with dashes>`
 * its `type` URI. A client tells "dose limit exceeded" from "episode already
 * open" by `type`, never by parsing `detail`. The OpenAPI problem schema lists
 * them all (problem-schema.ts), so adding a key documents it.
 */
export const PROBLEM_TYPES = {
  // Request and protocol
  validation: { status: 400, title: 'Invalid request' },
  bad_request: { status: 400, title: 'Bad request' },
  malformed_json: { status: 400, title: 'Malformed JSON body' },
  invalid_credentials: { status: 401, title: 'Invalid credentials' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Forbidden' },
  not_found: { status: 404, title: 'Not found' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  not_acceptable: { status: 406, title: 'Not acceptable' },
  stale_version: { status: 412, title: 'Stale version' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  precondition_required: { status: 428, title: 'Precondition required' },
  headers_too_large: { status: 431, title: 'Request header fields too large' },
  rate_limited: { status: 429, title: 'Too many requests' },
  http_error: { status: 400, title: 'HTTP error' },
  server_error: { status: 500, title: 'Internal server error' },
  service_unavailable: { status: 503, title: 'Service unavailable' },

  // Constraints the database enforces, when no more specific rule names them
  duplicate: { status: 409, title: 'Duplicate record' },
  overlap: { status: 409, title: 'Overlapping record' },
  concurrent_change: { status: 409, title: 'Concurrent change' },
  constraint_violated: { status: 422, title: 'Rule of the program violated' },
  reference_missing: { status: 422, title: 'Referenced record missing' },
  value_missing: { status: 422, title: 'Required value missing' },

  // Users, patients, consents
  email_taken: { status: 409, title: 'Email already in use' },
  cannot_deactivate_self: { status: 422, title: 'Cannot deactivate own account' },
  not_care_team_role: { status: 422, title: 'Role cannot be on a care team' },
  already_on_care_team: { status: 409, title: 'Already on the care team' },
  consent_already_revoked: { status: 409, title: 'Consent already revoked' },
  invalid_transition: { status: 409, title: 'Transition not allowed' },
  gate_not_met: { status: 409, title: 'Precondition for this step not met' },
  diagnosis_already_confirmed: { status: 409, title: 'Diagnosis already confirmed' },

  // Idempotent retries and alerts
  idempotency_key_in_progress: { status: 409, title: 'Idempotency key in progress' },
  idempotency_key_reused: { status: 422, title: 'Idempotency key reused' },
  alert_already_acknowledged: { status: 409, title: 'Alert already acknowledged' },

  // Detox
  episode_already_open: { status: 409, title: 'Episode already open' },
  episode_overlap: { status: 409, title: 'Episode overlaps another' },
  episode_already_ended: { status: 409, title: 'Episode already ended' },
  no_open_episode: { status: 422, title: 'No open detox episode' },
  order_already_discontinued: { status: 409, title: 'Medication order already discontinued' },
  dose_already_recorded: { status: 409, title: 'Scheduled dose already given, held or refused' },
  dose_not_due: { status: 422, title: 'Scheduled dose not due at that time' },
  dose_limit_exceeded: { status: 422, title: 'Dose limit exceeded' },
  dose_above_order: { status: 422, title: 'Dose above the ordered dose' },
  outside_order: { status: 422, title: 'Administration outside the order' },
  order_discontinued_before_dose: { status: 422, title: 'Order discontinued before the dose' },
  dose_not_convertible: { status: 422, title: 'Dose cannot be converted' },
  drug_name_taken: { status: 409, title: 'Drug name already in the table' },
  contraindication_needs_ack: { status: 422, title: 'Contraindication needs acknowledgement' },
  max_dose_above_label: { status: 422, title: 'Maximum above the labelled maximum' },
  unsafe_taper: { status: 422, title: 'Taper not safe' },

  // Sessions
  slot_taken: { status: 409, title: 'Booking conflict' },
  capacity_reached: { status: 409, title: 'Capacity reached' },
  room_name_taken: { status: 409, title: 'Room name already in use' },
  room_not_active: { status: 422, title: 'Room not active' },
  clinician_not_active: { status: 422, title: 'Clinician not active' },
  patient_discharged: { status: 422, title: 'Patient discharged' },
  patient_not_booked: { status: 422, title: 'Patient not booked into the session' },
  patient_absent: { status: 422, title: 'Patient recorded absent' },
  session_cancelled: { status: 422, title: 'Session cancelled' },
  session_not_started: { status: 422, title: 'Session not started yet' },
  cancel_by_attendance: { status: 422, title: 'Cancel by recording attendance' },
  attendance_already_recorded: { status: 422, title: 'Attendance already recorded' },
  note_already_exists: { status: 409, title: 'Session note already exists' },
  note_signed: { status: 422, title: 'Session note already signed' },
  note_not_signed: { status: 422, title: 'Session note not signed' },
  note_has_no_part_for_patient: { status: 422, title: 'Session note has no part for the patient' },

  // Support groups
  facilitator_not_active: { status: 422, title: 'Facilitator not active' },
  referral_required: { status: 422, title: 'Referral required' },
  already_member: { status: 409, title: 'Already a member or on the waitlist' },
  not_a_member: { status: 422, title: 'Not a member of the group' },
  meeting_cancelled: { status: 422, title: 'Meeting cancelled' },
  meeting_not_started: { status: 422, title: 'Meeting not started yet' },

  // Aftercare
  aftercare_plan_exists: { status: 409, title: 'Aftercare plan already exists' },
  no_aftercare_plan: { status: 409, title: 'No aftercare plan' },
  already_opted_out: { status: 409, title: 'Already opted out' },
  not_opted_out: { status: 409, title: 'Not opted out' },
  opted_out_of_follow_ups: { status: 409, title: 'Opted out of follow-ups' },
  follow_up_not_open: { status: 409, title: 'Follow-up not open' },
  follow_up_not_due: { status: 422, title: 'Follow-up not due yet' },
} as const satisfies Record<string, ProblemType>;

export type DomainErrorCode = keyof typeof PROBLEM_TYPES;

export const PROBLEM_TYPE_BASE = 'https://outpatient-program.example/problems/';

export function problemTypeUri(code: DomainErrorCode): string {
  return `${PROBLEM_TYPE_BASE}${code.replace(/_/g, '-')}`;
}

/** Every `type` URI the API can answer with, in catalogue order (documented in OpenAPI). */
export const ALL_PROBLEM_TYPE_URIS: readonly string[] = (Object.keys(PROBLEM_TYPES) as DomainErrorCode[]).map(problemTypeUri);
