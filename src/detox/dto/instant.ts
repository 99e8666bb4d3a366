import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsISO8601, IsString, Matches } from 'class-validator';
import { ValidationFailed } from '../../common/problem/domain-error';

/** An ISO 8601 date-time with an explicit offset (Z or ±hh:mm), as the API's times are. */
export const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Validates an instant. In a query string an unencoded `+` of the offset
 * arrives as a space; it is put back so `?from=2026-03-01T08:00:00+01:00` works.
 */
export const IsInstant = () =>
  applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' ? value.replace(/ (\d{2}:\d{2})$/, '+$1') : value,
    ),
    IsString(),
    Matches(INSTANT, { message: '$property must be a date-time with offset, e.g. 2026-03-01T08:00:00-05:00' }),
    IsISO8601({ strict: true }, { message: '$property must be a valid date-time' }),
  );

export interface TimeRange {
  from: Date | null;
  to: Date | null;
}

/** Parses optional from/to; `to` must be after `from`. */
export function toTimeRange(query: { from?: string; to?: string }): TimeRange {
  const from = query.from === undefined ? null : new Date(query.from);
  const to = query.to === undefined ? null : new Date(query.to);
  if (from && to && from.getTime() >= to.getTime()) {
    throw new ValidationFailed([{ field: 'to', message: 'must be after from' }]);
  }
  return { from, to };
}
