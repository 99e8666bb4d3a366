import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { violatedKey } from '../../common/problem/database-errors';
import { AuditService } from '../../platform/audit/audit.service';
import { roomShortfall } from '../../platform/bookings/room-needs';
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

  /**
   * The room row is locked first (FOR NO KEY UPDATE): a booking into the room,
   * which holds it FOR SHARE from its capacity check to its commit, finishes
   * before the new capacity is checked against what is booked, or waits and
   * then sees the new capacity.
   */
  update(user: AuthUser, id: string, expected: IfMatch, dto: UpdateRoomDto): Promise<Room> {
    return this.dataSource
      .transaction(async (m) => {
        const current = await m.findOne(Room, { where: { id }, lock: { mode: 'for_no_key_update' } });
        if (!current) throw new NotFound('Room');
        if (!expected.matches(current.version)) throw new StaleVersion(current.version);
        if (dto.capacity !== undefined && dto.capacity < current.capacity) await this.refuseBelowBookings(m, id, dto.capacity);
        await m
          .createQueryBuilder()
          .update(Room)
          .set({ ...dto, version: () => 'version + 1', updatedAt: () => 'now()' })
          .where('id = :id', { id })
          .execute();
        await this.audit.record(
          { actor: user, action: 'room.update', resourceType: 'room', resourceId: id, details: { fields: Object.keys(dto) } },
          m,
        );
        return m.findOneByOrFail(Room, { id });
      })
      .catch(duplicateName);
  }

  /** Everyone booked into the room from now on must still fit: the same rule as booking (capacity_reached). */
  private async refuseBelowBookings(m: EntityManager, id: string, capacity: number): Promise<void> {
    const shortfall = await roomShortfall(m, id, capacity);
    if (!shortfall) return;
    throw new DomainError(
      'capacity_reached',
      `Sessions or support-group meetings booked into the room from now on need ${shortfall.capacityNeeded} places; ` +
        'move or cancel them first.',
      { roomId: id, capacity, ...shortfall },
    );
  }
}

function duplicateName(error: unknown): never {
  if (violatedKey(error) === 'rooms_name_key') throw new DomainError('room_name_taken', 'A room with this name already exists.');
  throw error;
}
