import { CONSENT_EXPORTS } from '../../patients/consent-elements';
import { outputColumns } from '../report-rows';
import { REPORTS } from './catalogue';

/** Every figure computed from counts must say which, or small-cell suppression cannot follow it. */
describe('report catalogue', () => {
  const aggregates = REPORTS.filter((r) => r.level === 'aggregate');

  it.each(aggregates.map((r) => [r.id, r] as const))('%s: every rate and decimal depends on count columns of its own', (_id, report) => {
    const counts = new Set(report.columns.filter((c) => c.type === 'count').map((c) => c.name));
    for (const column of report.columns.filter((c) => c.type === 'rate' || c.type === 'decimal')) {
      expect(column.dependsOn?.length).toBeGreaterThan(0);
      for (const name of column.dependsOn ?? []) expect(counts).toContain(name);
    }
  });

  it.each(aggregates.map((r) => [r.id, r] as const))('%s: every partition adds up count columns of its own', (_id, report) => {
    const counts = new Set(report.columns.filter((c) => c.type === 'count').map((c) => c.name));
    for (const { total, parts } of report.partitions ?? []) {
      expect(parts.length).toBeGreaterThan(1);
      for (const name of [total, ...parts]) expect(counts).toContain(name);
    }
  });

  it.each(aggregates.map((r) => [r.id, r] as const))('%s: rows add up to shared margins only by a text column of its own', (_id, report) => {
    if (report.marginGroupsBy === undefined) return;
    expect(report.columns.find((c) => c.name === report.marginGroupsBy)?.type).toBe('text');
  });

  it.each(REPORTS.filter((r) => r.level === 'rows').map((r) => [r.id, r] as const))(
    '%s: de-identified, no date or instant; identified, no patient key', (_id, report) => {
      const deidentified = outputColumns(report, false).map((c) => c.type);
      expect(deidentified).toContain('patient_key');
      expect(deidentified).not.toContain('datetime');
      expect(deidentified).not.toContain('date');
      expect(outputColumns(report, true).map((c) => c.type)).not.toContain('patient_key');
    });

  it('names a rate by its numerator and denominator', () => {
    for (const column of aggregates.flatMap((r) => r.columns).filter((c) => c.type === 'rate')) {
      expect(column.dependsOn).toHaveLength(2);
    }
  });
});

/** A consent lists the identified exports it covers by report id (patients/consent-elements.ts and its DB CHECK). */
describe('exports a consent can cover', () => {
  it('are exactly the row exports of the catalogue', () => {
    expect(REPORTS.filter((r) => r.level === 'rows').map((r) => r.id).sort()).toEqual([...CONSENT_EXPORTS].sort());
  });
});
