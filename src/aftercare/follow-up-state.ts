import { daysBetween } from './follow-up-schedule';

/*
 * When a follow-up is due or overdue, and which follow-up a check-in answers.
 * A missed aftercare contact is an early warning of relapse (DOMAIN.md, Aftercare:
 * "an overdue follow-up ... is an alert"); the grace period is a program setting.
 */

export type FollowUpTiming = 'upcoming' | 'due' | 'overdue';

/** Upcoming before its date; due from its date through `graceDays` after; overdue after that. */
export function followUpTiming(dueDate: string, today: string, graceDays: number): FollowUpTiming {
  const late = daysBetween(dueDate, today);
  if (late < 0) return 'upcoming';
  return late > graceDays ? 'overdue' : 'due';
}

export interface OpenFollowUp {
  id: string;
  dueDate: string;
}

/** The open follow-up nearest the check-in date within `windowDays` either side (the earlier one on a tie). */
export function followUpAnswered(open: readonly OpenFollowUp[], checkInDate: string, windowDays: number): string | null {
  let best: { id: string; distance: number; dueDate: string } | null = null;
  for (const f of open) {
    const distance = Math.abs(daysBetween(f.dueDate, checkInDate));
    if (distance > windowDays) continue;
    if (!best || distance < best.distance || (distance === best.distance && f.dueDate < best.dueDate)) {
      best = { id: f.id, distance, dueDate: f.dueDate };
    }
  }
  return best?.id ?? null;
}

/**
 * Whether a check-in on `checkInDate` comes too early to answer a follow-up due
 * on `dueDate`: more than `windowDays` before it. An early answer would count as
 * the patient's status at 90 or 365 days in the outcome reports; a late one,
 * for an overdue follow-up, still answers it.
 */
export function tooEarlyToAnswer(dueDate: string, checkInDate: string, windowDays: number): boolean {
  return daysBetween(checkInDate, dueDate) > windowDays;
}
