import { Module } from '@nestjs/common';
import { PreparedQueries } from './prepared-queries.service';

@Module({
  providers: [PreparedQueries],
  exports: [PreparedQueries],
})
export class SqlModule {}
