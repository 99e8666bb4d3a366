import { ValidateBy, type ValidationOptions } from 'class-validator';

/** Whether `value` is a finite number written with at most `places` decimal places (1e-7 has seven). */
export function isDecimal(value: unknown, places: number): boolean {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  // toFixed rounds the exact binary value to `places` decimals, so 0.3 reads back as 0.3 and 1e-7 as 0.
  return Math.abs(value) < 1e15 ? Number(value.toFixed(places)) === value : Number.isInteger(value);
}

/**
 * A number with at most `places` decimal places. Replaces class-validator's
 * IsNumber({ maxDecimalPlaces }), which throws (a 500) on numbers JavaScript
 * writes in exponent form, such as 1e-7.
 */
export const IsDecimal = (places: number, options: ValidationOptions = {}): PropertyDecorator =>
  ValidateBy({
    name: 'isDecimal',
    constraints: [places],
    validator: {
      validate: (value: unknown) => isDecimal(value, places),
      defaultMessage: () => `$property must be a number with at most ${places} decimal places`,
    },
  }, options);
