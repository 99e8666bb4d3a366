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
