import { DETOX_OUTCOMES, MEDICATION_SAFETY, WITHDRAWAL_SEVERITY } from './detox-reports';
import { ADMISSIONS_DISCHARGES, ALERT_RESPONSE, CENSUS, SCREENING_OUTCOMES } from './program-reports';
import { AFTERCARE_OUTCOMES, GROUP_ATTENDANCE } from './recovery-reports';
import type { ReportDefinition } from './report-definition';
import { SESSIONS_EXPORT, VITALS_EXPORT } from './row-exports';
import { IOP_COMPLIANCE } from './iop-compliance';
import { SESSION_ATTENDANCE } from './session-reports';

/** Every tabular report, in the order the catalogue lists them. */
export const REPORTS: readonly ReportDefinition[] = [
  CENSUS,
  ADMISSIONS_DISCHARGES,
  SCREENING_OUTCOMES,
  DETOX_OUTCOMES,
  WITHDRAWAL_SEVERITY,
  SESSION_ATTENDANCE,
  IOP_COMPLIANCE,
  GROUP_ATTENDANCE,
  AFTERCARE_OUTCOMES,
  ALERT_RESPONSE,
  MEDICATION_SAFETY,
  VITALS_EXPORT,
  SESSIONS_EXPORT,
];

export function findReport(id: string): ReportDefinition | undefined {
  return REPORTS.find((r) => r.id === id);
}
