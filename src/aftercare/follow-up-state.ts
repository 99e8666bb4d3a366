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

/**
 * The open follow-up a check-in answers: the latest one already due on the
 * check-in date, however late (the patient was reached, so what was owed is
 * answered before anything ahead), or else the nearest one due within
 * `windowDays` after it.
 */
export function followUpAnswered(open: readonly OpenFollowUp[], checkInDate: string, windowDays: number): string | null {
  const due = open.filter((f) => f.dueDate <= checkInDate).sort((a, b) => b.dueDate.localeCompare(a.dueDate));
  if (due[0]) return due[0].id;
  const ahead = open
    .filter((f) => daysBetween(checkInDate, f.dueDate) <= windowDays)
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  return ahead[0]?.id ?? null;
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
