import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import { hashPassword, verifyPassword } from './password-hasher';
import type { AuthUser } from '../../common/auth/auth-user';
import type { Role } from '../../common/auth/roles';
import { DomainError, NotFound, ValidationFailed } from '../../common/problem/domain-error';
import type { CreateUserDto } from './dto/user.dto';
import { User } from './entities/user.entity';

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(actor: AuthUser, dto: CreateUserDto): Promise<User> {
    const passwordHash = await hashPassword(dto.password);
    return this.dataSource.transaction(async (manager) => {
      const taken = await manager
        .createQueryBuilder(User, 'u')
        .where('lower(u.email) = lower(:email)', { email: dto.email })
        .getExists();
      if (taken) throw new DomainError('email_taken', 'A user with this email already exists.');
      const user = await manager.save(
        manager.create(User, { email: dto.email, displayName: dto.displayName, role: dto.role, passwordHash }),
      );
      await this.audit.record(
        { actor, action: 'user.create', resourceType: 'user', resourceId: user.id, details: { role: dto.role } },
        manager,
      );
      return manager.findOneByOrFail(User, { id: user.id });
    });
  }

  list(): Promise<User[]> {
    return this.dataSource.manager.find(User, { order: { displayName: 'ASC' } });
  }

  directory(): Promise<User[]> {
    return this.dataSource.manager.find(User, {
      where: { active: true, role: In(['clinician', 'case_manager']) },
      order: { displayName: 'ASC' },
    });
  }

  async get(id: string): Promise<User> {
    const user = await this.dataSource.manager.findOne(User, { where: { id } });
    if (!user) throw new NotFound('User');
    return user;
  }

  changeRole(actor: AuthUser, id: string, role: Role): Promise<User> {
    return this.revokeAndChange(actor, id, 'user.change-role', { role }, { role });
  }

  async resetPassword(actor: AuthUser, id: string, password: string): Promise<User> {
    const passwordHash = await hashPassword(password);
    return this.revokeAndChange(actor, id, 'user.reset-password', { passwordHash, failedLoginCount: 0, lockedUntil: null }, {});
  }

  /**
   * A user changes their own password, proving they know the current one;
   * every session ends (this one too), so a thief holding a token is out.
   * A wrong current password is audited with its reason.
   */
  async changeOwnPassword(actor: AuthUser, currentPassword: string, newPassword: string): Promise<User> {
    const user = await this.get(actor.id);
    if (!(await verifyPassword(user.passwordHash, currentPassword))) {
      await this.audit.record({
        actor, action: 'user.change-password', resourceType: 'user', resourceId: actor.id, outcome: 'denied',
        details: { reason: 'wrong_current_password' },
      });
      throw new ValidationFailed([{ field: 'currentPassword', message: 'currentPassword is not your current password' }]);
    }
    const passwordHash = await hashPassword(newPassword);
    return this.revokeAndChange(actor, actor.id, 'user.change-password', { passwordHash }, {});
  }

  /** Ends every session of a user: refresh tokens revoked, access tokens refused on their next request. */
  endSessions(actor: AuthUser, id: string): Promise<User> {
    return this.revokeAndChange(actor, id, 'user.end-sessions', {}, {});
  }

  setActive(actor: AuthUser, id: string, active: boolean): Promise<User> {
    if (!active && actor.id === id) {
      throw new DomainError('cannot_deactivate_self', 'Admins cannot deactivate their own account.');
    }
    return this.revokeAndChange(actor, id, active ? 'user.activate' : 'user.deactivate', { active }, {});
  }

  /**
   * Applies an account change that must end existing sessions: bumps the
   * token epoch (access tokens) and revokes every refresh token.
   */
  private revokeAndChange(
    actor: AuthUser,
    id: string,
    action: string,
    changes: Partial<User>,
    details: Record<string, unknown>,
  ): Promise<User> {
    return this.dataSource.transaction(async (manager: EntityManager) => {
      const user = await manager.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new NotFound('User');
      await manager.update(User, { id }, {
        ...changes,
        tokenEpoch: user.tokenEpoch + 1,
        version: user.version + 1,
        updatedAt: new Date(),
      });
      await manager.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [id]);
      await this.audit.record({ actor, action, resourceType: 'user', resourceId: id, details }, manager);
      return manager.findOneByOrFail(User, { id });
    });
  }
}
