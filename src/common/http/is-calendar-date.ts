import { ApiProperty } from '@nestjs/swagger';
import { registerDecorator, type ValidationOptions } from 'class-validator';
import { DateTime } from 'luxon';

/** A real calendar date written as YYYY-MM-DD (no time, no offset). */
export function IsCalendarDate(options: ValidationOptions = {}): PropertyDecorator {
  return (target, propertyName) => {
    // Only the format: whether the field is required comes from the DTO (the Swagger CLI plugin reads `?`).
    ApiProperty({ type: String, format: 'date', example: '2026-03-02' })(target, propertyName);
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must be a date as YYYY-MM-DD`, ...options },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value).isValid,
      },
    });
  };
}
