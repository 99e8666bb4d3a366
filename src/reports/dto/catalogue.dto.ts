import type { ReportColumn, ReportDefinition } from '../catalogue/report-definition';
import { outputColumns } from '../report-rows';

export class ReportColumnResponse {
  name: string;
  /**
   * text, integer, decimal, date, datetime, boolean, count (a small count shows as `<N`; a count hidden so that a
   * small one cannot be worked out by subtraction from its total is empty), rate, patient_key, age_band.
   */
  type: string;
  description: string;
}

export class ReportParameterResponse {
  name: string;
  required: boolean;
  description: string;
}

export class ReportCatalogueEntry {
  id: string;
  title: string;
  description: string;
  /** aggregate, rows (can be identified) or summary (PDF). */
  level: string;
  formats: string[];
  parameters: ReportParameterResponse[];
  /** The columns of the report (of a row export: de-identified, as it is run by default). */
  columns: ReportColumnResponse[];
  /** Row exports: the columns of an identified export (a disclosure), which has no patient key. */
  identifiedColumns?: ReportColumnResponse[];

  static of(report: ReportDefinition): ReportCatalogueEntry {
    const parameters = [...PERIOD_PARAMETERS, { name: 'format', required: false, description: 'json (default), csv or xlsx' }];
    if (report.level === 'rows') parameters.push(...IDENTIFIED_PARAMETERS);
    return Object.assign(new ReportCatalogueEntry(), {
      id: report.id, title: report.title, description: report.description, level: report.level,
      formats: ['json', 'csv', 'xlsx'], parameters,
      columns: outputColumns(report, false).map(columnResponse),
      ...(report.level === 'rows' ? { identifiedColumns: outputColumns(report, true).map(columnResponse) } : {}),
    });
  }
}

const columnResponse = (c: ReportColumn): ReportColumnResponse => ({ name: c.name, type: c.type, description: c.description });

const PERIOD_PARAMETERS: ReportParameterResponse[] = [
  { name: 'from', required: true, description: 'First day, YYYY-MM-DD, in the program time zone' },
  { name: 'to', required: true, description: 'Last day (inclusive), YYYY-MM-DD, in the program time zone' },
];

const IDENTIFIED_PARAMETERS: ReportParameterResponse[] = [
  {
    name: 'identified', required: false,
    description: 'true: include MRN, name and date of birth instead of the pseudonymous patient key (a disclosure)',
  },
  { name: 'purpose', required: false, description: 'Purpose of the disclosure (required when identified)' },
  { name: 'recipient', required: false, description: 'Recipient of the disclosure (required when identified)' },
  {
    name: 'recipientClass', required: false,
    description: 'external: the class of recipients the recipient belongs to, matched against consents naming a class',
  },
  {
    name: 'recipientScope', required: false,
    description:
      'external (default): only patients with an active consent covering this export and naming the recipient (or ' +
      'its class) and purpose; program: within ' +
      'the program (42 CFR 2.12(c)(3)), the recipient being the email of an active program user whose role may read ' +
      'the exported data; only that user\'s care-team patients are included',
  },
];

export const PROGRAM_SUMMARY_ENTRY: ReportCatalogueEntry = Object.assign(new ReportCatalogueEntry(), {
  id: 'program-summary',
  title: 'Program summary',
  description: 'Printable PDF of the headline figures with charts: census by phase, attendance trend, alert response times.',
  level: 'summary',
  formats: ['pdf'],
  parameters: [...PERIOD_PARAMETERS, { name: 'format', required: false, description: 'pdf' }],
  columns: [],
});
