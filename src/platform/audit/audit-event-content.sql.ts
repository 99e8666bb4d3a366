/**
 * The columns of `audit_events AS e` that the chain hashes, named as
 * AuditEventContent; the timestamp as text at full microsecond precision
 * (a JS Date would drop the microseconds and break the hash).
 */
export const AUDIT_EVENT_CONTENT = `
  e.id::text AS id,
  to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "occurredAt",
  e.user_id AS "userId", e.user_role AS "userRole", e.action, e.resource_type AS "resourceType",
  e.resource_id AS "resourceId", e.patient_id AS "patientId", e.outcome, e.emergency_access AS "emergencyAccess",
  e.client_address AS "clientAddress", e.request_id AS "requestId", e.details, e.transaction_id::text AS "transactionId"`;
