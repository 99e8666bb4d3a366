import type { Permission } from '../../common/auth/permissions';
import type { CountPartition } from '../privacy/complementary-suppression';
/** How a column's values are typed in every format (numbers as numbers, instants as dates in XLSX). */
export type ColumnType =
  | 'text'
  | 'integer'
  | 'decimal'
  | 'date'
  | 'datetime'
  | 'boolean'
  /** A count of patients or of their events; 1..threshold-1 is suppressed as `<threshold`. */
  | 'count'
  /** A proportion 0..1; empty when its numerator or denominator count is suppressed (`dependsOn`). */
  | 'rate'
  /** HMAC-SHA-256 pseudonym of the patient (row exports). */
  | 'patient_key'
  /** Age band at the time of the row's event (row exports). */
  | 'age_band';

export interface ReportColumn {
  name: string;
  type: ColumnType;
  description: string;
  /**
   * The count columns this figure is computed from (a rate's numerator and
   * denominator, the count behind a median): it is left empty when any of
   * them is suppressed, or the small count could be worked back from it.
   */
  dependsOn?: readonly string[];
  /**
   * Row exports: a column only the de-identified or only the identified
   * export has (the patient key is never in an identified export: with the
   * name beside it, it would re-identify every de-identified report).
   */
  only?: 'de-identified' | 'identified';
}

export interface ReportDefinition {
  id: string;
  title: string;
  description: string;
  /** `aggregate` reports count; `rows` exports list one row per record and can be identified. */
  level: 'aggregate' | 'rows';
  columns: readonly ReportColumn[];
  /**
   * SQL over the `reporting` views only (the role cannot read anything else):
   * $1 period start, $2 period end (exclusive), $3 program time zone. Row
   * exports select `patient_id` and `age_years` for the pseudonym and age band.
   */
  sql: string;
  /**
   * Count columns of a row that add up exactly (a total and its parts): when
   * one of them is a small cell, another is hidden too, so the small one
   * cannot be worked back by subtraction (complementary suppression).
   */
  partitions?: readonly CountPartition[];
  /**
   * A text column whose value names a group of rows that add up, column by
   * column, to the same margin (session-attendance's `dimension`: the kind
   * rows and the clinician rows count the same bookings). Such a report is
   * shaped as a whole, so that a small cell cannot be worked back from the
   * margin either (complementary suppression across rows).
   */
  marginGroupsBy?: string;
  /** Row exports: the permission a recipient within the program needs, its role being able to read these rows. */
  readPermission?: Permission;
  /** Row exports: output columns that order the rows (kept when the export is identified). */
  rowOrder?: readonly string[];
}

export const PATIENT_KEY: ReportColumn = {
  name: 'patient_key',
  type: 'patient_key',
  description:
    'Pseudonymous patient key (HMAC-SHA-256): the same patient has the same key in every de-identified report; ' +
    'never in an identified export (HIPAA 164.514(c): the re-identification code is not disclosed)',
  only: 'de-identified',
};

export const AGE_BAND: ReportColumn = {
  name: 'age_band',
  type: 'age_band',
  description: 'Age band at the time of the event (under 18, 18-24, ..., 65-89, 90+)',
};

/**
 * When a row's event happened, in a de-identified row export (HIPAA Safe
 * Harbor, 164.514(b)(2)(i)(C): no element of a date but the year): the year
 * of the patient's first row in the export, the days since that row's local
 * date (0 on it) and the local hour. One year per patient, so a change of
 * year between two rows cannot date them. Identified exports have the exact
 * instants instead.
 */
export const RELATIVE_TIME_COLUMNS: readonly ReportColumn[] = [
  {
    name: 'first_year', type: 'integer', only: 'de-identified',
    description: "Year of the patient's first row in this export (their day 0), in the program time zone",
  },
  {
    name: 'day', type: 'integer', only: 'de-identified',
    description: "Days since the local date of the patient's first row in this export (0 on that date)",
  },
  { name: 'hour', type: 'integer', only: 'de-identified', description: 'Local hour of the day, 0-23 (minutes left out)' },
];

/**
 * SQL of RELATIVE_TIME_COLUMNS for the row's `instant`, `first` being the
 * patient's first instant in the export (a timestamptz column or expression).
 */
export const relativeTimeSql = (instant: string, first: string): string => `
      date_part('year', ${first} AT TIME ZONE $3)::int AS first_year,
      ((${instant} AT TIME ZONE $3)::date - (${first} AT TIME ZONE $3)::date) AS day,
      date_part('hour', ${instant} AT TIME ZONE $3)::int AS hour`;

/** Columns added to a row export when it is identified (a disclosure). */
export const IDENTITY_COLUMNS: readonly ReportColumn[] = [
  { name: 'mrn', type: 'text', description: 'Medical record number' },
  { name: 'given_name', type: 'text', description: 'Given name' },
  { name: 'family_name', type: 'text', description: 'Family name' },
  { name: 'date_of_birth', type: 'date', description: 'Date of birth' },
];

/** SQL expression: whole years of age on the local date of `instant` (a timestamptz column). */
export const ageYearsSql = (instant: string, dob = 'd.date_of_birth'): string =>
  `date_part('year', age((${instant} AT TIME ZONE $3)::date, ${dob}))::int`;
