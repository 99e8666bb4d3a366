import type { ReportColumn, ReportDefinition } from './catalogue/report-definition';
import { patientKey } from './privacy/pseudonym';
import { outputColumns, shapeRow } from './report-rows';

const shaping = { secret: 'unit-test-secret', threshold: 11 };

describe('shapeRow', () => {
  it('replaces the patient id by its pseudonym and the age by its band, dropping both raw values', () => {
    const columns: ReportColumn[] = [
      { name: 'patient_key', type: 'patient_key', description: '' },
      { name: 'age_band', type: 'age_band', description: '' },
    ];
    const cells = shapeRow(columns, { patient_id: 'p-1', age_years: 40 }, shaping);
    expect(cells).toEqual([patientKey('p-1', shaping.secret), '35-44']);
  });

  describe('small cells', () => {
    const columns: ReportColumn[] = [
      { name: 'n', type: 'count', description: '' },
      { name: 'k', type: 'count', description: '' },
      { name: 'r', type: 'rate', dependsOn: ['k', 'n'], description: '' },
      { name: 'median', type: 'decimal', dependsOn: ['k'], description: '' },
    ];

    it('suppresses a rate and a median whose denominator count is suppressed', () => {
      expect(shapeRow(columns, { n: 10, k: 0, r: 0, median: null }, shaping)).toEqual(['<11', 0, null, null]);
    });

    it('suppresses a rate and a median whose numerator count is suppressed (1 of 12 would read back as 0.0833)', () => {
      expect(shapeRow(columns, { n: 12, k: 1, r: 0.0833, median: 9.8 }, shaping)).toEqual([12, '<11', null, null]);
      expect(shapeRow(columns, { n: 40, k: 10, r: 0.25, median: 3.5 }, shaping)).toEqual([40, '<11', null, null]);
    });

    it('shows them when every count they depend on is zero or shown', () => {
      expect(shapeRow(columns, { n: 12, k: 0, r: 0, median: null }, shaping)).toEqual([12, 0, 0, null]);
      expect(shapeRow(columns, { n: 40, k: 11, r: 0.275, median: 3.5 }, shaping)).toEqual([40, 11, 0.275, 3.5]);
    });
  });

  it('hides a count that would give a small one back by subtraction from its total, and figures computed from it', () => {
    const columns: ReportColumn[] = [
      { name: 'n', type: 'count', description: '' },
      { name: 'yes', type: 'count', description: '' },
      { name: 'no', type: 'count', description: '' },
      { name: 'yes_rate', type: 'rate', dependsOn: ['yes', 'n'], description: '' },
    ];
    const partitions = [{ total: 'n', parts: ['yes', 'no'] }];
    expect(shapeRow(columns, { n: 40, yes: 37, no: 3, yes_rate: 0.925 }, shaping, partitions)).toEqual([40, null, '<11', null]);
    expect(shapeRow(columns, { n: 40, yes: 29, no: 11, yes_rate: 0.725 }, shaping, partitions)).toEqual([40, 29, 11, 0.725]);
  });

  it('keeps types: numbers as numbers, instants as dates, text as text, missing as empty', () => {
    const at = new Date('2025-01-01T10:00:00Z');
    const columns: ReportColumn[] = [
      { name: 'i', type: 'integer', description: '' },
      { name: 'd', type: 'decimal', description: '' },
      { name: 't', type: 'datetime', description: '' },
      { name: 'b', type: 'boolean', description: '' },
      { name: 's', type: 'text', description: '' },
      { name: 'day', type: 'date', description: '' },
    ];
    expect(shapeRow(columns, { i: '7', d: 36.6, t: at, b: false, s: 'x', day: '2025-01-01' }, shaping))
      .toEqual([7, 36.6, at, false, 'x', '2025-01-01']);
    expect(shapeRow(columns, {}, shaping)).toEqual([null, null, null, null, null, null]);
  });
});

describe('outputColumns', () => {
  const report = {
    columns: [
      { name: 'patient_key', type: 'patient_key', description: '', only: 'de-identified' },
      { name: 'heart_rate', type: 'integer', description: '' },
    ],
  } as unknown as ReportDefinition;
  it('puts identity columns in an identified export instead of the patient key', () => {
    expect(outputColumns(report, false).map((c) => c.name)).toEqual(['patient_key', 'heart_rate']);
    expect(outputColumns(report, true).map((c) => c.name)).toEqual(['heart_rate', 'mrn', 'given_name', 'family_name', 'date_of_birth']);
  });
});
