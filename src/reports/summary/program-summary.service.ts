import { Injectable } from '@nestjs/common';
import { AuditService } from '../../platform/audit/audit.service';
import type { AuthUser } from '../../common/auth/auth-user';
import { SettingsService } from '../../platform/settings/settings.service';
import { ReportRunner } from '../report-runner.service';
import { ReportingDatabase } from '../reporting-database.service';
import { wholeSecond } from '../report-period';
import { SMALL_CELL } from '../reports-settings';
import { renderSummaryPdf } from './summary-pdf';
import {
  ALERT_RESPONSE_SQL, ATTENDANCE_TREND_SQL, CENSUS_SERIES_SQL, HEADLINE_SQL, type Headline, type SummaryFigures,
} from './summary-queries';

/** The program summary PDF: figures read in one read-only snapshot, then drawn. */
@Injectable()
export class ProgramSummaryService {
  constructor(
    private readonly runner: ReportRunner,
    private readonly database: ReportingDatabase,
    private readonly settings: SettingsService,
    private readonly audit: AuditService,
  ) {}

  async render(actor: AuthUser | null, from: string, to: string): Promise<Buffer> {
    const period = this.runner.period(from, to);
    const { minimumCount } = await this.settings.get(SMALL_CELL);
    const generatedAt = wholeSecond(new Date());
    const params = [period.start, period.end, period.timeZone];
    const session = await this.database.open();
    let figures: SummaryFigures;
    try {
      const [headline] = await session.query<Headline>(HEADLINE_SQL, params.slice(0, 2));
      figures = {
        headline: headline as Headline,
        census: await session.query(CENSUS_SERIES_SQL, params),
        attendance: await session.query(ATTENDANCE_TREND_SQL, params),
        alerts: await session.query(ALERT_RESPONSE_SQL, params.slice(0, 2)),
      };
      await session.close(false);
    } catch (error) {
      await session.close(true);
      throw error;
    }
    await this.audit.record({
      actor, action: 'report.run', resourceType: 'report', resourceId: 'program-summary',
      details: { from, to, format: 'pdf', via: actor ? 'api' : 'cli' },
    });
    return renderSummaryPdf(figures, {
      title: 'Program summary', period: { from, to, timeZone: period.timeZone }, generatedAt, threshold: minimumCount,
    });
  }
}
