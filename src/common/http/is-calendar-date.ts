import { ApiProperty } from '@nestjs/swagger';
import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { calendarDateProblem, EARLIEST_DATE, LATEST_DATE, latestTodayOnEarth } from './date-text';

export interface IsCalendarDateOptions extends ValidationOptions {
  /** Refuse a date after today (a date of birth). "Today" is where it is already latest, so no real date is refused. */
  notInFuture?: boolean;
}

/**
 * A real calendar date written as YYYY-MM-DD (no time, no offset) between
 * EARLIEST_DATE and LATEST_DATE (date-text.ts); 2025-02-29 and 2025-13-01 are refused.
 */
export function IsCalendarDate(options: IsCalendarDateOptions = {}): PropertyDecorator {
  const { notInFuture = false, ...validation } = options;
  const problem = (value: unknown) => {
    const found = calendarDateProblem(value);
    if (found !== null) return found;
    return notInFuture && (value as string) > latestTodayOnEarth() ? 'future' : null;
  };
  return (target, propertyName) => {
    // Only the format: whether the field is required comes from the DTO (the Swagger CLI plugin reads `?`).
    ApiProperty({ type: String, format: 'date', example: '2026-03-02' })(target, propertyName);
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: ({ property, value }: ValidationArguments) => {
          const found = problem(value);
          if (found === 'range') return `${property} must be between ${EARLIEST_DATE} and ${LATEST_DATE}`;
          if (found === 'future') return `${property} must not be in the future`;
          return `${property} must be a date as YYYY-MM-DD`;
        },
        ...validation,
      },
      validator: { validate: (value: unknown) => problem(value) === null },
    });
  };
}
