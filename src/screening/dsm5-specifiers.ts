// DSM-5 (APA 2013), substance use disorders, the notes and specifiers around the 11 criteria:
// - Criteria are assessed over a 12-month period.
// - Tolerance and withdrawal are "not considered to be met for those taking [opioids, sedatives,
//   hypnotics or anxiolytics, stimulants] solely under appropriate medical supervision". Baclofen is
//   counted with the sedatives/hypnotics/anxiolytics (a GABA-B agonist prescribed for spasticity).
// - In early remission: full criteria were previously met and none (craving excepted) has been met
//   for at least 3 months but less than 12 months; in sustained remission: 12 months or longer.
// - "In a controlled environment" is an additional specifier of remission. "On maintenance therapy"
//   applies to opioid (agonist such as methadone or buprenorphine) and tobacco use disorders.
// - Phencyclidine, other hallucinogen and inhalant use disorders have no withdrawal criterion
//   ("withdrawal symptoms and signs are not established"): it cannot be recorded present.
import { DateTime } from 'luxon';
import { type SudCriteria, type SudCriterion, type SudSeverity, DSM5_SUD_CRITERIA, severityForCount } from './dsm5-sud';

/** Opioids as recorded (lower-case): the class and its common members. Heroin is never prescribed. */
const OPIOIDS = [
  'opioids', 'opioid', 'methadone', 'buprenorphine', 'oxycodone', 'hydrocodone', 'hydromorphone', 'oxymorphone',
  'morphine', 'codeine', 'tramadol', 'tapentadol', 'fentanyl',
];
const SEDATIVES_HYPNOTICS_ANXIOLYTICS = [
  'sedatives', 'sedative', 'hypnotics', 'anxiolytics', 'sedatives, hypnotics or anxiolytics', 'benzodiazepines',
  'benzodiazepine', 'alprazolam', 'chlordiazepoxide', 'clonazepam', 'diazepam', 'lorazepam', 'oxazepam', 'temazepam',
  'zolpidem', 'eszopiclone', 'phenobarbital', 'baclofen',
];
const STIMULANTS = [
  'stimulants', 'stimulant', 'amphetamine', 'amphetamines', 'dextroamphetamine', 'lisdexamfetamine', 'methamphetamine',
  'methylphenidate',
];

/** Substances whose prescribed use can produce tolerance and withdrawal (the three classes DSM-5 names). */
export const MEDICALLY_SUPERVISABLE: ReadonlySet<string> = new Set([...OPIOIDS, ...SEDATIVES_HYPNOTICS_ANXIOLYTICS, ...STIMULANTS]);

/** Phencyclidine, other hallucinogens and inhalants, as recorded (lower-case): no withdrawal criterion. */
export const NO_WITHDRAWAL_CRITERION: ReadonlySet<string> = new Set([
  'hallucinogens', 'hallucinogen', 'other hallucinogens', 'lsd', 'psilocybin', 'mescaline', 'mdma', 'phencyclidine',
  'pcp', 'ketamine', 'inhalants', 'inhalant', 'solvents',
]);

/** Opioid use disorder, whichever opioid it is recorded under, and tobacco use disorder. */
export const MAINTENANCE_THERAPY_SUBSTANCES: ReadonlySet<string> = new Set([...OPIOIDS, 'heroin', 'tobacco', 'nicotine']);

const PHYSIOLOGICAL: readonly SudCriterion[] = ['tolerance', 'withdrawal'];

/** The criteria that count: tolerance and withdrawal drop out under medical supervision. */
export function countedSeverity(
  criteria: SudCriteria,
  medicallySupervised: boolean,
): { count: number; severity: SudSeverity; excluded: SudCriterion[] } {
  const excluded = medicallySupervised ? PHYSIOLOGICAL.filter((k) => criteria[k]) : [];
  const count = DSM5_SUD_CRITERIA.filter((c) => criteria[c.key] && !excluded.includes(c.key)).length;
  return { count, severity: severityForCount(count), excluded };
}

export type Remission = 'early' | 'sustained';

/** Whole months from `since` to `on` (YYYY-MM-DD), counting a month once its day is reached. */
export function monthsBetween(since: string, on: string): number {
  const [sy, sm, sd] = since.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return (y - sy) * 12 + (m - sm) - (d < sd ? 1 : 0);
}

/** Early (3 to under 12 months), sustained (12 or more), or null when under 3 months. */
export function remissionFor(noCriteriaSince: string, on: string): Remission | null {
  const months = monthsBetween(noCriteriaSince, on);
  if (months >= 12) return 'sustained';
  if (months >= 3) return 'early';
  return null;
}

/** The 12-month window the criteria describe, ending on `end` (YYYY-MM-DD). */
export function criteriaPeriod(end: string): { start: string; end: string } {
  const start = DateTime.fromISO(end, { zone: 'utc' }).minus({ years: 1 }).plus({ days: 1 });
  return { start: start.toISODate() as string, end };
}

export interface SpecifierInput {
  substance: string;
  medicallySupervised: boolean;
  /** The last day a criterion other than craving was met, for a diagnosis in remission. */
  noCriteriaSince: string | null;
  controlledEnvironment: boolean;
  maintenanceTherapy: boolean;
  /** Whether the withdrawal criterion was recorded present. */
  withdrawalPresent: boolean;
  /** The counted criteria over the 12 months before `noCriteriaSince` (or before today). */
  count: number;
  today: string;
}

export function specifierErrors(s: SpecifierInput): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  if (s.medicallySupervised && !MEDICALLY_SUPERVISABLE.has(s.substance)) {
    errors.push({
      field: 'medicallySupervised',
      message: 'applies only to opioids, sedatives, hypnotics or anxiolytics (baclofen included) and stimulants',
    });
  }
  if (s.noCriteriaSince !== null) {
    if (s.noCriteriaSince > s.today) errors.push({ field: 'remission.noCriteriaSince', message: 'must not be in the future' });
    else if (remissionFor(s.noCriteriaSince, s.today) === null) {
      errors.push({ field: 'remission.noCriteriaSince', message: 'must be at least 3 months ago for early remission' });
    }
    if (s.count < 2) {
      errors.push({ field: 'criteria', message: 'remission needs full criteria previously met (at least 2 counted)' });
    }
  }
  if (s.controlledEnvironment && s.noCriteriaSince === null) {
    errors.push({ field: 'remission.controlledEnvironment', message: 'is a specifier of remission' });
  }
  if (s.withdrawalPresent && NO_WITHDRAWAL_CRITERION.has(s.substance)) {
    errors.push({
      field: 'criteria.withdrawal',
      message: `does not apply to ${s.substance}: DSM-5 establishes no withdrawal for phencyclidine, other hallucinogens or inhalants`,
    });
  }
  if (s.maintenanceTherapy && !MAINTENANCE_THERAPY_SUBSTANCES.has(s.substance)) {
    errors.push({ field: 'maintenanceTherapy', message: 'applies only to opioid and tobacco use disorders' });
  }
  return errors;
}
