import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../../common/auth/auth-user';
import { CurrentUser } from '../../../common/auth/current-user.decorator';
import { RequirePermission } from '../../../common/auth/decorators';
import { CreateDrugDto, DrugResponse } from './dto/drug.dto';
import { DrugsService } from './drugs.service';

@ApiTags('detox')
@Controller('drugs')
export class DrugsController {
  constructor(private readonly drugs: DrugsService) {}

  @Get()
  @RequirePermission('drugs.read', { summary: 'The drug table medication orders pick from, by generic name' })
  async list(): Promise<DrugResponse[]> {
    return (await this.drugs.list()).map((d) => DrugResponse.of(d));
  }

  @Post()
  @RequirePermission('drugs.manage', {
    summary: 'Add a drug to the table',
    description:
      'Generic name, brands, forms and strengths, counting unit, labelled maximum per 24 hours, CNS-depressant class, ' +
      'whether an abrupt stop is dangerous, dose step and minimum taper length. A name (generic or brand) belongs to ' +
      'one drug only (409 otherwise).',
  })
  async create(@CurrentUser() user: AuthUser, @Body() body: CreateDrugDto): Promise<DrugResponse> {
    return DrugResponse.of(await this.drugs.create(user, body));
  }
}
