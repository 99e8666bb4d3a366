import { Matches, type ValidationOptions } from 'class-validator';

/**
 * Free text that must say something (a reason, a note): at least one
 * character that is not white space, so "   " is a validation error, not an
 * empty justification that reaches the database.
 */
export const NotBlank = (options: ValidationOptions = {}): PropertyDecorator =>
  Matches(/\S/, { message: '$property must not be blank', ...options });
