import { createHmac } from 'node:crypto';

/**
 * A stable pseudonymous patient key: HMAC-SHA-256 of the patient id under a
 * secret that never leaves the server, so one patient's rows link across
 * reports while the id cannot be recovered or guessed from the key
 * (HIPAA 45 CFR 164.514(c): a re-identification code not derived reversibly).
 */
export function patientKey(patientId: string, secret: string): string {
  return createHmac('sha256', secret).update(patientId).digest('hex');
}
