import { applyDecorators } from '@nestjs/common';
import { MaxLength, MinLength, registerDecorator } from 'class-validator';
import { isBreachedPassword } from './breached-passwords';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-hasher';

/** A new password per OWASP ASVS 5 V6.2: 12-128 characters, any characters, not a known breached one. */
export const IsAcceptablePassword = () =>
  applyDecorators(
    MinLength(PASSWORD_MIN_LENGTH),
    MaxLength(PASSWORD_MAX_LENGTH),
    (target: object, propertyName: string | symbol) => {
      registerDecorator({
        name: 'isNotBreachedPassword',
        target: target.constructor,
        propertyName: propertyName as string,
        options: { message: `${String(propertyName)} is a commonly breached password; choose another` },
        validator: { validate: (value: unknown) => typeof value === 'string' && !isBreachedPassword(value) },
      });
    },
  );
