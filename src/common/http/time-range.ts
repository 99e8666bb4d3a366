import { ValidationFailed } from '../problem/domain-error';
import { FILTER_INSTANTS, parseInstant } from './date-text';

export interface TimeRange {
  from: Date | null;
  to: Date | null;
}

/** Reads an instant the DTO validated (@IsInstant); never rolls an impossible one over. */
export function instantOf(field: string, text: string): Date {
  const at = parseInstant(text);
  if (!at) throw new ValidationFailed([{ field, message: `${field} must be a real date-time with offset` }]);
  return at;
}

/** Parses optional from/to instants; `to` must be after `from`. */
export function toTimeRange(query: { from?: string; to?: string }): TimeRange {
  const from = query.from === undefined ? null : instantOf('from', query.from);
  const to = query.to === undefined ? null : instantOf('to', query.to);
  if (from && to && from.getTime() >= to.getTime()) {
    throw new ValidationFailed([{ field: 'to', message: 'must be after from' }]);
  }
  return { from, to };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A default bound computed from a given one (`from` + N days), kept within the
 * instants a filter may name, so a `from` near year 9999 gives a 4xx or an
 * empty answer, never a year the database cannot read.
 */
export function withinFilterRange(ms: number): Date {
  return new Date(Math.min(Math.max(ms, FILTER_INSTANTS.earliest.getTime()), FILTER_INSTANTS.before.getTime() - 1));
}

/** Parses a required [from, to) range of at most `maxDays` (calendars, session searches). */
export function boundedTimeRange(fromText: string, toText: string, maxDays: number): { from: Date; to: Date } {
  const from = instantOf('from', fromText);
  const to = instantOf('to', toText);
  if (!(to.getTime() > from.getTime())) throw new ValidationFailed([{ field: 'to', message: 'must be after from' }]);
  if (to.getTime() - from.getTime() > maxDays * DAY_MS) {
    throw new ValidationFailed([{ field: 'to', message: `must be at most ${maxDays} days after from` }]);
  }
  return { from, to };
}
