import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiOperation } from '@nestjs/swagger';
import { ApiProblemResponse, type FieldErrorExample } from '../problem/problem-schema';
import { type Permission, rolesWith } from './permissions';

export const IS_PUBLIC = 'auth:public';
export const REQUIRED_PERMISSION = 'auth:permission';

/** Opens a route to callers without a token (login, refresh, health, docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * Declares the permission a route needs and documents it (with the roles that
 * hold it) in the OpenAPI document. The global guard refuses routes without it.
 */
export function RequirePermission(
  permission: Permission,
  doc: { summary?: string; description?: string; invalid?: FieldErrorExample } = {},
) {
  const roles = rolesWith(permission);
  const access = `Requires permission \`${permission}\` (roles: ${roles.join(', ') || 'none'}).`;
  return applyDecorators(
    SetMetadata(REQUIRED_PERMISSION, permission),
    ApiBearerAuth(),
    ApiOperation({
      ...(doc.summary ? { summary: doc.summary } : {}),
      description: doc.description ? `${doc.description}\n\n${access}` : access,
    }),
    ApiExtension('x-permission', permission),
    ApiExtension('x-roles', roles),
    ApiProblemResponse(400, 'Invalid input: `errors` lists each field', doc.invalid),
    ApiProblemResponse(401, 'Missing, invalid or revoked access token'),
    ApiProblemResponse(403, `Role lacks \`${permission}\``),
  );
}
