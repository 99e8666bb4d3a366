import { getMetadataStorage, ValidationError } from 'class-validator';
import { ValidationTypes } from 'class-validator';

/** class-validator's name for the `@IsOptional()` condition. */
const IS_OPTIONAL = 'isOptional';

function optionalProperties(target: object): Set<string> {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(target.constructor, '', true, false);
  return new Set(
    metadata
      .filter((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION && m.name === IS_OPTIONAL)
      .map((m) => m.propertyName),
  );
}

function nullError(property: string): ValidationError {
  return Object.assign(new ValidationError(), {
    property,
    children: [],
    constraints: { notNull: `${property} must not be null; omit it to leave it unchanged` },
  });
}

/**
 * `@IsOptional()` means "may be omitted", yet class-validator also lets
 * `null` through, which then reached a NOT NULL column as a 422 (PATCH) or was
 * stored as a silent clear. A field that accepts null says so with its own
 * `@ValidateIf`, so null for an `@IsOptional()` field is a validation error,
 * at any depth of nested DTOs.
 */
export function nullOptionalFieldErrors(instance: unknown): ValidationError[] {
  if (instance === null || typeof instance !== 'object' || instance.constructor === Object) return [];
  if (Array.isArray(instance)) return [];
  const optional = optionalProperties(instance);
  const errors: ValidationError[] = [];
  for (const [property, value] of Object.entries(instance)) {
    if (value === null && optional.has(property)) {
      errors.push(nullError(property));
      continue;
    }
    const items: unknown[] = Array.isArray(value) ? value : [value];
    const children = items.flatMap((item, index) =>
      nullOptionalFieldErrors(item).map((child) =>
        Array.isArray(value) ? Object.assign(new ValidationError(), { property: String(index), children: [child] }) : child,
      ),
    );
    if (children.length > 0) errors.push(Object.assign(new ValidationError(), { property, children }));
  }
  return errors;
}
