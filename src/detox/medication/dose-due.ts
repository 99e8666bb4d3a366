import { DomainError } from '../../common/problem/domain-error';

/*
 * When a scheduled dose may be recorded (setting detox.missed-dose,
 * graceMinutes, default 120):
 * - given: only within graceMinutes of its time, either side. A dose days
 *   ahead marked given now would silence its missed-dose alert and make the
 *   record wrong; a dose given later than the grace is a late, unscheduled
 *   administration (its missed-dose alert has fired already).
 * - held or refused: once it is due, that is from graceMinutes before its
 *   time, or any time after. A dose cannot be held days in advance: the
 *   decision is made when it falls due.
 */

const MINUTE_MS = 60_000;

/** Whether an administration at `givenAt` fulfils a dose scheduled at `scheduledAt`. */
export function isGivenInGrace(scheduledAt: Date, givenAt: Date, graceMinutes: number): boolean {
  return Math.abs(givenAt.getTime() - scheduledAt.getTime()) <= graceMinutes * MINUTE_MS;
}

/** Whether a dose scheduled at `scheduledAt` may be held or refused at `now`. */
export function isOmittableAt(scheduledAt: Date, now: Date, graceMinutes: number): boolean {
  return scheduledAt.getTime() - now.getTime() <= graceMinutes * MINUTE_MS;
}

/** The 422 of a dose recorded too far from its time. */
export function doseNotDue(kind: 'given' | 'omitted', scheduledAt: Date, at: Date, graceMinutes: number): DomainError {
  const times = { scheduledAt: scheduledAt.toISOString(), graceMinutes };
  if (kind === 'given') {
    return new DomainError(
      'dose_not_due',
      `The dose scheduled at ${times.scheduledAt} is more than ${graceMinutes} minutes from ${at.toISOString()}: ` +
        'only an administration within the grace period fulfils it. Record a dose given at another time without scheduledDoseId.',
      { ...times, givenAt: at.toISOString() },
    );
  }
  return new DomainError(
    'dose_not_due',
    `The dose scheduled at ${times.scheduledAt} is not due yet: it can be held or refused from ${graceMinutes} minutes ` +
      'before its time.',
    { ...times, recordedAt: at.toISOString() },
  );
}
