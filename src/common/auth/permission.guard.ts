import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../problem/domain-error';
import type { AuthUser } from './auth-user';
import { IS_PUBLIC, REQUIRED_PERMISSION } from './decorators';
import { type Permission, roleHas } from './permissions';

/**
 * Global guard, fail-closed: a route must be @Public() or declare
 * @RequirePermission(); the caller's role must hold that permission.
 */
@Injectable()
export class PermissionGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(REQUIRED_PERMISSION, targets);
    if (!permission) {
      throw new DomainError('forbidden', 'This route declares no permission and is closed.');
    }
    const user = context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    if (!user || !roleHas(user.role, permission)) {
      throw new DomainError('forbidden', `Your role does not allow ${permission}.`);
    }
    return true;
  }
}
