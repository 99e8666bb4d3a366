import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { violatedKey } from '../../common/problem/database-errors';
import { AuditService } from '../../platform/audit/audit.service';
import type { AuthUser } from '../../common/auth/auth-user';
import type { Page } from '../../common/http/pagination';
import { DomainError, NotFound, StaleVersion } from '../../common/problem/domain-error';
import type { CreateRoomDto, RoomQuery, UpdateRoomDto } from './dto/room.dto';
import { Room } from './entities/room.entity';
import type { IfMatch } from '../../common/http/etag';

/** Rooms (admins manage them; everyone scheduling reads them). */
@Injectable()
export class RoomsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(q: RoomQuery): Promise<Page<Room>> {
    const qb = this.dataSource.manager.createQueryBuilder(Room, 'r');
    if (q.active) qb.where('r.active = :active', { active: q.active === 'true' });
    const [items, total] = await qb.orderBy('r.name', 'ASC').addOrderBy('r.id', 'ASC').take(q.limit).skip(q.offset).getManyAndCount();
    return { items, total, limit: q.limit, offset: q.offset };
  }

  async get(id: string): Promise<Room> {
    const room = await this.dataSource.manager.findOneBy(Room, { id });
    if (!room) throw new NotFound('Room');
    return room;
  }

  create(user: AuthUser, dto: CreateRoomDto): Promise<Room> {
    return this.dataSource
      .transaction(async (m) => {
        const { identifiers } = await m.insert(Room, { name: dto.name, capacity: dto.capacity, createdBy: user.id });
        const id = (identifiers[0] as { id: string }).id;
        await this.audit.record({ actor: user, action: 'room.create', resourceType: 'room', resourceId: id }, m);
        return m.findOneByOrFail(Room, { id });
      })
      .catch(duplicateName);
  }

  update(user: AuthUser, id: string, expected: IfMatch, dto: UpdateRoomDto): Promise<Room> {
    return this.dataSource
      .transaction(async (m) => {
        const result = await m
          .createQueryBuilder()
          .update(Room)
          .set({ ...dto, version: () => 'version + 1', updatedAt: () => 'now()' })
          .where('id = :id', { id })
          .andWhere(...expected.sqlCondition())
          .execute();
        if (result.affected !== 1) {
          const current = await m.findOneBy(Room, { id });
          if (!current) throw new NotFound('Room');
          throw new StaleVersion(current.version);
        }
        await this.audit.record(
          { actor: user, action: 'room.update', resourceType: 'room', resourceId: id, details: { fields: Object.keys(dto) } },
          m,
        );
        return m.findOneByOrFail(Room, { id });
      })
      .catch(duplicateName);
  }
}

function duplicateName(error: unknown): never {
  if (violatedKey(error) === 'rooms_name_key') throw new DomainError('room_name_taken', 'A room with this name already exists.');
  throw error;
}
