import { Module } from '@nestjs/common';
import { DatabaseListener } from './database-listener.service';

@Module({
  providers: [DatabaseListener],
  exports: [DatabaseListener],
})
export class NotificationsModule {}
