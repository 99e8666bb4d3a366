import type { FieldError } from '../field-error';
import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ValidationFailed } from '../problem/domain-error';

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      message: message.startsWith(`property ${error.property} `)
        ? message.replace(`property ${error.property} `, 'unknown field; ')
        : message,
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * Whitelists DTO fields, refuses unknown ones and converts types; every
 * failure becomes a problem+json 400 with one `{field, message}` per issue.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailed(flatten(errors)),
  });
}
