import type { FieldError } from '../field-error';
import { ValidationError, ValidationPipe } from '@nestjs/common';
import type { ValidatorOptions } from 'class-validator';
import { ValidationFailed } from '../problem/domain-error';
import { nullOptionalFieldErrors } from './null-optional-fields';

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

/** The validation pipe, plus: null for an `@IsOptional()` field is an error (omit it instead). */
class StrictValidationPipe extends ValidationPipe {
  protected override async validate(object: object, validatorOptions?: ValidatorOptions): Promise<ValidationError[]> {
    const errors = await super.validate(object, validatorOptions);
    const nullErrors = nullOptionalFieldErrors(object);
    const named = new Set(errors.map((e) => e.property));
    return [...errors, ...nullErrors.filter((e) => !named.has(e.property))];
  }
}

/**
 * Whitelists DTO fields, refuses unknown ones and converts types; every
 * failure becomes a problem+json 400 with one `{field, message}` per issue.
 */
export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailed(flatten(errors)),
  });
}
