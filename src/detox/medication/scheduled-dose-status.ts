/*
 * The state of one scheduled dose as a clinician sees it on the medication
 * record, and the rule the missed-dose job applies:
 * - given: an administration of the ordered amount, within the tolerance
 *   (setting detox.medication-safety, default 10 %), fulfils it;
 * - given_partially: an administration of less than that;
 * - held (clinical reason) or refused (by the patient): recorded with a reason;
 * - cancelled: the order was discontinued before it fell due;
 * - before_order: scheduled before the order was written (a back-dated start),
 *   so never counted as missed;
 * - missed: nothing recorded and more than the grace period past its time;
 * - due: its time has come, grace not yet over;
 * - upcoming: later.
 */

export type ScheduledDoseStatus =
  | 'given' | 'given_partially' | 'held' | 'refused' | 'cancelled' | 'before_order' | 'missed' | 'due' | 'upcoming';

export type Omission = 'held' | 'refused';

export interface ScheduledDoseFacts {
  scheduledAt: Date;
  scheduledDose: number;
  /** The amount given against it, or null when nothing was. */
  givenDose: number | null;
  omission: Omission | null;
  orderedAt: Date;
  discontinuedAt: Date | null;
}

const MINUTE_MS = 60_000;

export function scheduledDoseStatus(
  dose: ScheduledDoseFacts,
  now: Date,
  graceMinutes: number,
  tolerancePercent: number,
): ScheduledDoseStatus {
  const t = dose.scheduledAt.getTime();
  if (dose.givenDose !== null) {
    const least = dose.scheduledDose * (1 - tolerancePercent / 100);
    return dose.givenDose >= least - 1e-9 ? 'given' : 'given_partially';
  }
  if (dose.omission !== null) return dose.omission;
  if (dose.discontinuedAt && t >= dose.discontinuedAt.getTime()) return 'cancelled';
  if (t <= dose.orderedAt.getTime()) return 'before_order';
  if (now.getTime() > t + graceMinutes * MINUTE_MS) return 'missed';
  if (now.getTime() >= t) return 'due';
  return 'upcoming';
}
