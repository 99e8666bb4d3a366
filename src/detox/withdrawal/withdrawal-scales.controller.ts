import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../../common/auth/decorators';
import { WithdrawalScaleResponse } from './dto/withdrawal-scale.dto';
import { WITHDRAWAL_SCALES } from './withdrawal-scales';

@ApiTags('detox')
@Controller('withdrawal-scales')
export class WithdrawalScalesController {
  @Get()
  // Instrument metadata, no patient data: the permission of the screening instruments' catalogue.
  @RequirePermission('instruments.read', {
    summary: 'The withdrawal scales the server scores (CIWA-Ar, COWS)',
    description:
      'Each scale with its version, every item in published order (order, key, text, allowed scores) and its ' +
      'severity bands: the keys and values an assessment\'s `answers` take.',
  })
  list(): WithdrawalScaleResponse[] {
    return Object.values(WITHDRAWAL_SCALES).map((scale) => WithdrawalScaleResponse.of(scale));
  }
}
