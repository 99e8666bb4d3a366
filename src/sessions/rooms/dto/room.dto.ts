import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { PageOf, PageQuery } from '../../../common/http/pagination';
import type { Room } from '../entities/room.entity';
import { trim } from '../../../common/http/trim';

export class CreateRoomDto {
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  name: string;

  /** How many people fit (patients and clinicians together), 1-500. */
  @IsInt()
  @Min(1)
  @Max(500)
  capacity: number;
}

export class UpdateRoomDto {
  @IsOptional() @Transform(trim) @IsString() @Length(1, 100)
  name?: string;

  /** Never below what a session or support group booked into the room from now on needs (409). */
  @IsOptional() @IsInt() @Min(1) @Max(500)
  capacity?: number;

  /** false retires the room: existing sessions keep it, new bookings are refused. */
  @IsOptional() @IsBoolean()
  active?: boolean;
}

export class RoomQuery extends PageQuery {
  @ApiProperty({ required: false, enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'])
  active?: 'true' | 'false';
}

export class RoomResponse {
  id: string;
  name: string;
  capacity: number;
  active: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;

  static of(r: Room): RoomResponse {
    return Object.assign(new RoomResponse(), {
      id: r.id, name: r.name, capacity: r.capacity, active: r.active, version: r.version,
      createdAt: r.createdAt, updatedAt: r.updatedAt,
    });
  }
}

export class RoomPage extends PageOf(RoomResponse) {}
