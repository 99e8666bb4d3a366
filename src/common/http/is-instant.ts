import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { registerDecorator, type ValidationArguments } from 'class-validator';
import { FILTER_INSTANTS, INSTANT_PATTERN, type InstantBounds, instantProblem, RECORDED_INSTANTS } from './date-text';

export interface IsInstantOptions {
  /**
   * A query filter bound (`from`/`to` of a list), which may reach beyond the
   * years a record can hold; otherwise the instant is a recorded value.
   */
  filter?: boolean;
}

/**
 * Validates an instant (ISO 8601 date-time with an explicit offset, Z or
 * ±hh:mm; never a floating local time) with one clear message. Impossible
 * days and times (2025-02-29, T24:00) are refused rather than rolled over, and
 * the instant must fall in the program's range (date-text.ts). In a query
 * string an unencoded `+` of the offset arrives as a space; it is put back so
 * `?from=2026-03-01T08:00:00+01:00` works.
 */
export const IsInstant = (options: IsInstantOptions = {}) => {
  const bounds: InstantBounds = options.filter ? FILTER_INSTANTS : RECORDED_INSTANTS;
  return applyDecorators(
    // Only the format: whether the field is required comes from the DTO (the Swagger CLI plugin reads `?`).
    ApiProperty({ type: String, format: 'date-time', pattern: INSTANT_PATTERN.source }),
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' ? value.replace(/ (\d{2}:\d{2})$/, '+$1') : value,
    ),
    (target: object, propertyName: string | symbol) => {
      registerDecorator({
        name: 'isInstant',
        target: target.constructor,
        propertyName: propertyName as string,
        options: {
          message: ({ property, value }: ValidationArguments) =>
            instantProblem(value, bounds) === 'range'
              ? `${property} must be ${bounds.describe}`
              : `${property} must be a real date-time with offset, e.g. 2026-03-01T08:00:00-05:00`,
        },
        validator: { validate: (value: unknown) => instantProblem(value, bounds) === null },
      });
    },
  );
};
