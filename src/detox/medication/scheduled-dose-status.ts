/*
 * The state of one scheduled dose as a clinician sees it on the medication
 * record, and the rule the missed-dose job applies:
 * - given: an administration fulfils it;
 * - cancelled: the order was discontinued before it fell due;
 * - before_order: scheduled before the order was written (a back-dated start),
 *   so never counted as missed;
 * - missed: not given and more than the grace period past its time;
 * - due: its time has come, grace not yet over;
 * - upcoming: later.
 */

export type ScheduledDoseStatus = 'given' | 'cancelled' | 'before_order' | 'missed' | 'due' | 'upcoming';

export interface ScheduledDoseFacts {
  scheduledAt: Date;
  given: boolean;
  orderedAt: Date;
  discontinuedAt: Date | null;
}

const MINUTE_MS = 60_000;

export function scheduledDoseStatus(dose: ScheduledDoseFacts, now: Date, graceMinutes: number): ScheduledDoseStatus {
  const t = dose.scheduledAt.getTime();
  if (dose.given) return 'given';
  if (dose.discontinuedAt && t >= dose.discontinuedAt.getTime()) return 'cancelled';
  if (t <= dose.orderedAt.getTime()) return 'before_order';
  if (now.getTime() > t + graceMinutes * MINUTE_MS) return 'missed';
  if (now.getTime() >= t) return 'due';
  return 'upcoming';
}
