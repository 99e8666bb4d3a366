import { ApiProperty } from '@nestjs/swagger';
import { IsDefined } from 'class-validator';

export class UpdateSettingDto {
  @ApiProperty({ description: 'The new value; its shape is the one the setting documents.' })
  @IsDefined()
  value: unknown;
}

export class SettingResponse {
  key: string;
  description: string;
  @ApiProperty({ type: 'object', additionalProperties: true })
  value: unknown;
  @ApiProperty({ type: 'object', additionalProperties: true })
  defaultValue: unknown;
  isDefault: boolean;
  updatedAt: Date | null;
}
