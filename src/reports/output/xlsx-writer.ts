import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { DateTime } from 'luxon';
import type { ColumnType } from '../catalogue/report-definition';
import type { Cell } from '../report-rows';
import { describePeriod, instantText } from './cell-text';
import type { ReportOutput } from './report-output';

const NUMBER_FORMATS: Partial<Record<ColumnType, string>> = {
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm',
  rate: '0.0%',
};

/**
 * Excel has no time zones: an instant is written as its wall-clock time in
 * the program zone, so the sheet shows what a clinician there saw.
 */
function excelDate(value: Cell, type: ColumnType, timeZone: string): Cell {
  if (value instanceof Date) {
    const local = DateTime.fromJSDate(value, { zone: timeZone });
    return new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second));
  }
  if (type === 'date' && typeof value === 'string') return new Date(`${value}T00:00:00Z`);
  return value;
}

/**
 * Streams a report as XLSX (exceljs streaming writer, rows committed as they
 * come): the redisclosure notice as the first sheet when identified, a sheet
 * describing the report, then the data with typed cells and a frozen header.
 */
export async function writeXlsx(output: ReportOutput, out: Writable): Promise<void> {
  const { meta } = output;
  const zone = meta.period.timeZone;
  // Loaded on first use: exceljs is a large part of start-up time and most instances never write a workbook.
  const { default: excel } = await import('exceljs');
  const workbook = new excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  if (meta.notice) {
    const notice = workbook.addWorksheet('Notice');
    notice.getColumn(1).width = 120;
    const cell = notice.addRow(['42 CFR Part 2: prohibition on redisclosure']);
    cell.font = { bold: true };
    cell.commit();
    const text = notice.addRow([meta.notice]);
    text.alignment = { wrapText: true, vertical: 'top' };
    text.height = 180;
    text.commit();
    notice.commit();
  }
  const about = workbook.addWorksheet('About');
  about.columns = [{ width: 22 }, { width: 80 }];
  const facts: [string, string][] = [
    ['Report', meta.title],
    ['Period', `${meta.period.from} to ${meta.period.to}`],
    ['Time zone', zone],
    ['Generated', instantText(meta.generatedAt, zone)],
    ...Object.entries(meta.parameters).map(([k, v]): [string, string] => [`Parameter ${k}`, v]),
    ...(meta.disclosure
      ? ([
          ['Disclosure', meta.disclosure.id],
          ['Patients included', String(meta.disclosure.patientsIncluded)],
          ['Patients left out (no consent)', String(meta.disclosure.patientsExcluded)],
        ] as [string, string][])
      : []),
    ['Statement', describePeriod(meta)],
  ];
  for (const fact of facts) about.addRow(fact).commit();
  about.commit();

  const data = workbook.addWorksheet('Data', { views: [{ state: 'frozen', ySplit: 1 }] });
  data.columns = meta.columns.map((c) => ({
    header: c.name,
    key: c.name,
    width: Math.max(12, c.name.length + 2),
    style: NUMBER_FORMATS[c.type] ? { numFmt: NUMBER_FORMATS[c.type] } : {},
  }));
  data.getRow(1).font = { bold: true };
  for await (const row of output.rows as AsyncIterable<Cell[]>) {
    data.addRow(row.map((value, i) => excelDate(value, (meta.columns[i] as { type: ColumnType }).type, zone))).commit();
    if (out.writableNeedDrain) await once(out, 'drain');
  }
  data.commit();
  await workbook.commit();
}
