/**
 * A program setting with its documented default. Feature modules register
 * their own definitions; admins change values through /api/v1/settings.
 */
import type { FieldError } from '../../common/field-error';
export interface SettingDefinition<T> {
  key: string;
  description: string;
  defaultValue: T;
  /** Field errors for a proposed value (empty when valid). */
  validate(value: unknown): FieldError[];
}

/** Validates an object of positive integers bounded by [min, max], refusing unknown keys. */
export function integerFields<T extends Record<string, number>>(
  bounds: { [K in keyof T]: [min: number, max: number] },
): (value: unknown) => FieldError[] {
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return [{ field: 'value', message: 'must be an object' }];
    }
    const errors: FieldError[] = [];
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!Object.hasOwn(bounds, key)) errors.push({ field: `value.${key}`, message: 'unknown setting field' });
    }
    for (const [key, [min, max]] of Object.entries(bounds) as [string, [number, number]][]) {
      const v = record[key];
      if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
        errors.push({ field: `value.${key}`, message: `must be an integer from ${min} to ${max}` });
      }
    }
    return errors;
  };
}
