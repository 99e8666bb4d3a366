import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../common/auth/decorators';
import { InstrumentResponse } from './dto/instrument.dto';
import { describeInstruments } from './instruments';

@ApiTags('screening')
@Controller('instruments')
export class InstrumentsController {
  @Get()
  @RequirePermission('instruments.read', {
    summary: 'The screening instruments the server scores',
    description:
      'Each instrument with its version, every item in official order (order, key, text as `label`, allowed values), ' +
      'bands and flags. The detox withdrawal scales (CIWA-Ar, COWS) are listed by GET /withdrawal-scales. ' +
      'Band ids are stable and lower-case: AUDIT zone_1..zone_4; AUDIT-C negative/positive (cut-off 4 for male sex ' +
      'at birth, 3 for female, 3 with flag sex_unknown otherwise); DAST-10 none/low/moderate/substantial/severe; ' +
      'CAGE negative/positive; PHQ-9 minimal/mild/moderate/moderately_severe/severe; GAD-7 minimal/mild/moderate/severe.',
  })
  list(): InstrumentResponse[] {
    return describeInstruments().map((d) => InstrumentResponse.of(d));
  }
}
