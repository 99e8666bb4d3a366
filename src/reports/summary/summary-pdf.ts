import { describePeriod } from '../output/cell-text';
import { isSmallCount, suppressSmallCount } from '../privacy/small-cell';
import { rateShown } from '../privacy/suppressed-rate';
import { barChart, lineChart, type Series } from './pdf-charts';
import type { SummaryFigures } from './summary-queries';

export interface SummaryMeta {
  title: string;
  period: { from: string; to: string; timeZone: string };
  generatedAt: Date;
  /** Smallest count shown (setting reports.small-cell). */
  threshold: number;
}

const PHASES: [phase: string, color: string][] = [
  ['screening', '#8c6d31'], ['detox', '#d62728'], ['outpatient', '#1f77b4'], ['aftercare', '#2ca02c'], ['discharged', '#7f7f7f'],
];
const MARGIN = 50;

/**
 * A proportion as a percentage, or "not shown" when its part, its whole or
 * the rest is a suppressed small count (the count could be worked back from
 * the rate: 15 of 16 attended is 93.8%, so 1 was not).
 */
function rate(part: number, whole: number, threshold: number): string {
  if (whole === 0) return 'none';
  if (!rateShown(part, whole, threshold)) return 'not shown';
  return `${Math.round((part / whole) * 1000) / 10}%`;
}

/** A percentage for a chart, or a gap when it would give a small count away (as `rate`). */
function chartRate(part: number, whole: number, threshold: number): number | null {
  return rateShown(part, whole, threshold) ? Math.round((part / whole) * 1000) / 10 : null;
}

/** A median over `count` values, or none when that count is suppressed (a single value would show as is). */
const medianOf = (median: number | null, count: number, threshold: number): number | null =>
  isSmallCount(count, threshold) ? null : median;

function heading(doc: PDFKit.PDFDocument, text: string): void {
  doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).fillColor('#000000').text(text, MARGIN).font('Helvetica').fontSize(10);
}

/**
 * The board-meeting program summary: headline figures (small counts
 * suppressed as in every de-identified report, and a rate left out when it
 * would give away a small part or rest of its total) and three charts, with the
 * period, generation time and page numbers on every page.
 */
export async function renderSummaryPdf(figures: SummaryFigures, meta: SummaryMeta): Promise<Buffer> {
  // Loaded on first use, like exceljs: it weighs on start-up and few instances ever print a summary.
  const { default: PdfDocument } = await import('pdfkit');
  const doc = new PdfDocument({ size: 'LETTER', margin: MARGIN, bufferPages: true, info: { Title: meta.title } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const t = meta.threshold;
  const count = (n: number) => String(suppressSmallCount(n, t));
  const h = figures.headline;

  doc.font('Helvetica-Bold').fontSize(20).text(meta.title);
  doc.font('Helvetica').fontSize(10).fillColor('#444444').text(describePeriod(meta));
  heading(doc, 'Headline figures');
  const rows: [string, string][] = [
    ['Admissions', count(h.admissions)],
    ['Discharges', count(h.discharges)],
    ['Detox episodes ended', count(h.detox_episodes_ended)],
    ['Detox completion rate', rate(h.detox_completed, h.detox_episodes_ended, t)],
    ['Session bookings with attendance recorded', count(h.bookings_recorded)],
    ['Attendance rate (attended, late or in part)', rate(h.bookings_attended, h.bookings_recorded, t)],
    ['Alerts raised', count(h.alerts)],
    ['Median minutes to acknowledge an alert',
      String(medianOf(h.median_minutes_to_acknowledge, h.alerts_acknowledged, t) ?? 'not shown')],
  ];
  for (const [label, value] of rows) {
    const y = doc.y;
    doc.fillColor('#000000').text(label, MARGIN, y, { width: 330 });
    doc.text(value, MARGIN + 340, y, { width: 160, align: 'right' });
  }
  doc.fontSize(8).fillColor('#666666').moveDown(0.5)
    .text(`Counts from 1 to ${t - 1} are shown as <${t} and left out of the charts; a rate is not shown when its part, ` +
      `its whole or the rest is such a count, so no small group can be singled out or worked back.`, MARGIN);

  heading(doc, 'Census by phase (end of each day)');
  const days = [...new Set(figures.census.map((c) => c.day))];
  const series: Series[] = PHASES.map(([phase, color]) => ({
    label: phase,
    color,
    values: days.map((day) => {
      const n = figures.census.find((c) => c.day === day && c.phase === phase)?.patients ?? 0;
      return isSmallCount(n, t) ? null : n;
    }),
  }));
  lineChart(doc, { x: MARGIN + 40, y: doc.y + 10, width: 440, height: 170 }, days, series);

  doc.addPage();
  heading(doc, 'Attendance trend (share of recorded bookings attended, by week)');
  lineChart(doc, { x: MARGIN + 40, y: doc.y + 10, width: 440, height: 170 },
    figures.attendance.map((a) => a.week_start),
    [{
      label: 'attended', color: '#1f77b4',
      values: figures.attendance.map((a) => chartRate(a.attended, a.recorded, t)),
    }], '%');
  doc.y += 230;
  heading(doc, 'Alert response: median minutes to acknowledge, by severity');
  barChart(doc, { x: MARGIN + 40, y: doc.y + 10, width: 440, height: 170 },
    figures.alerts.map((a) => a.severity),
    figures.alerts.map((a) => medianOf(a.median_minutes, a.acknowledged, t)), '#ff7f0e');

  const { start, count: pages } = doc.bufferedPageRange();
  for (let i = start; i < start + pages; i += 1) {
    doc.switchToPage(i);
    // Writing below the bottom margin would start a new page: lift the margin for the footer.
    doc.page.margins.bottom = 0;
    doc.fontSize(8).fillColor('#666666').text(
      `${describePeriod(meta)}  ·  Page ${i - start + 1} of ${pages}`,
      MARGIN, doc.page.height - MARGIN + 10, { width: doc.page.width - 2 * MARGIN, align: 'center', lineBreak: false },
    );
  }
  doc.end();
  return done;
}
