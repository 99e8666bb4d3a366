import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../common/auth/auth-user';
import { CurrentUser } from '../common/auth/current-user.decorator';
import { RequirePermission } from '../common/auth/decorators';
import { ExportRoute } from '../platform/rate-limit/export-route.decorator';
import { REPORTS } from './catalogue/catalogue';
import { PROGRAM_SUMMARY_ENTRY, ReportCatalogueEntry } from './dto/catalogue.dto';
import { ProgramSummaryQuery, ReportQuery } from './dto/report-query.dto';
import { CONTENT_TYPES, sendReport } from './output/send-report';
import { ProgramSummaryService } from './summary/program-summary.service';
import { ReportRunner } from './report-runner.service';

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly runner: ReportRunner,
    private readonly summary: ProgramSummaryService,
  ) {}

  @Get()
  @RequirePermission('reports.read', { summary: 'The reports: parameters and typed columns' })
  catalogue(): ReportCatalogueEntry[] {
    return [...REPORTS.map((r) => ReportCatalogueEntry.of(r)), PROGRAM_SUMMARY_ENTRY];
  }

  @Get('program-summary')
  @ExportRoute()
  @RequirePermission('reports.read', { summary: 'Printable PDF of the headline figures with charts' })
  @ApiProduces(CONTENT_TYPES.pdf)
  @ApiOkResponse({ description: 'The PDF' })
  async programSummary(@CurrentUser() user: AuthUser, @Query() query: ProgramSummaryQuery, @Res() res: Response): Promise<void> {
    const pdf = await this.summary.render(user, query.from, query.to);
    res.status(200).type(CONTENT_TYPES.pdf)
      .setHeader('Content-Disposition', `attachment; filename="program-summary_${query.from}_${query.to}.pdf"`)
      .send(pdf);
  }

  @Get(':report')
  @ExportRoute()
  @RequirePermission('reports.read', {
    summary: 'Run a report (JSON, CSV or XLSX), de-identified unless an identified row export (a disclosure)',
    description: 'Identified exports need the `reports.export-identified` permission, `purpose` and `recipient`.',
  })
  @ApiProduces(CONTENT_TYPES.json, CONTENT_TYPES.csv, CONTENT_TYPES.xlsx)
  @ApiOkResponse({ description: 'The report, streamed' })
  async run(
    @CurrentUser() user: AuthUser,
    @Param('report') id: string,
    @Query() query: ReportQuery,
    @Res() res: Response,
  ): Promise<void> {
    const output = await this.runner.run(user, id, query);
    res.status(200).type(CONTENT_TYPES[query.format])
      .setHeader('Content-Disposition', `attachment; filename="${output.meta.id}_${query.from}_${query.to}.${query.format}"`);
    if (output.meta.disclosure) {
      res.setHeader('X-Disclosure-Id', output.meta.disclosure.id);
      res.setHeader('X-Patients-Excluded', String(output.meta.disclosure.patientsExcluded));
    }
    await sendReport(output, query.format, res);
  }
}
