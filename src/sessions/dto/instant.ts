import { applyDecorators } from '@nestjs/common';
import { IsISO8601, Matches } from 'class-validator';

const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** An ISO 8601 date-time WITH a UTC offset (`2026-03-04T18:00:00-05:00` or `...Z`): an instant, never a floating local time. */
export const IsInstant = () =>
  applyDecorators(
    IsISO8601({ strict: true }),
    Matches(WITH_OFFSET, {
      message: '$property must be an ISO 8601 date-time with a UTC offset, e.g. 2026-03-04T18:00:00-05:00',
    }),
  );

/** A calendar date, `YYYY-MM-DD`. */
export const IsLocalDate = () =>
  applyDecorators(IsISO8601({ strict: true }), Matches(DATE, { message: '$property must be a date as YYYY-MM-DD' }));
