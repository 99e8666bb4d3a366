import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { registerDecorator } from 'class-validator';

/** An ISO 8601 date-time with an explicit offset (Z or ±hh:mm): an instant, never a floating local time. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

function isInstant(value: unknown): boolean {
  return typeof value === 'string' && INSTANT.test(value) && !Number.isNaN(Date.parse(value));
}

/**
 * Validates an instant with one clear message. In a query string an unencoded
 * `+` of the offset arrives as a space; it is put back so
 * `?from=2026-03-01T08:00:00+01:00` works.
 */
export const IsInstant = () =>
  applyDecorators(
    // Only the format: whether the field is required comes from the DTO (the Swagger CLI plugin reads `?`).
    ApiProperty({ type: String, format: 'date-time', pattern: INSTANT.source }),
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' ? value.replace(/ (\d{2}:\d{2})$/, '+$1') : value,
    ),
    (target: object, propertyName: string | symbol) => {
      registerDecorator({
        name: 'isInstant',
        target: target.constructor,
        propertyName: propertyName as string,
        options: {
          message: `${String(propertyName)} must be a date-time with offset, e.g. 2026-03-01T08:00:00-05:00`,
        },
        validator: { validate: isInstant },
      });
    },
  );
