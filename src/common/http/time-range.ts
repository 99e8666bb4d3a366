import { ValidationFailed } from '../problem/domain-error';

export interface TimeRange {
  from: Date | null;
  to: Date | null;
}

/** Parses optional from/to instants; `to` must be after `from`. */
export function toTimeRange(query: { from?: string; to?: string }): TimeRange {
  const from = query.from === undefined ? null : new Date(query.from);
  const to = query.to === undefined ? null : new Date(query.to);
  if (from && to && from.getTime() >= to.getTime()) {
    throw new ValidationFailed([{ field: 'to', message: 'must be after from' }]);
  }
  return { from, to };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Parses a required [from, to) range of at most `maxDays` (calendars, session searches). */
export function boundedTimeRange(fromText: string, toText: string, maxDays: number): { from: Date; to: Date } {
  const from = new Date(fromText);
  const to = new Date(toText);
  if (!(to.getTime() > from.getTime())) throw new ValidationFailed([{ field: 'to', message: 'must be after from' }]);
  if (to.getTime() - from.getTime() > maxDays * DAY_MS) {
    throw new ValidationFailed([{ field: 'to', message: `must be at most ${maxDays} days after from` }]);
  }
  return { from, to };
}
