import type { SettingDefinition } from '../platform/settings/setting-definition';

export interface DiagnosisConfirmationRule {
  /** true: the recording clinician may confirm with a written attestation; false: another clinician must. */
  sameClinicianWithAttestation: boolean;
}

/** Who may confirm a DSM-5 diagnosis: another clinician always; the recording one per this setting. */
export const DIAGNOSIS_CONFIRMATION: SettingDefinition<DiagnosisConfirmationRule> = {
  key: 'screening.diagnosis-confirmation',
  description:
    'sameClinicianWithAttestation (default true): a diagnosis is confirmed by a clinician other than the one who ' +
    'recorded it, or, when true, by the same clinician with a recorded attestation.',
  defaultValue: { sameClinicianWithAttestation: true },
  validate: (value) => {
    const ok = typeof value === 'object' && value !== null && !Array.isArray(value)
      && Object.keys(value).length === 1 && typeof (value as Record<string, unknown>).sameClinicianWithAttestation === 'boolean';
    return ok ? [] : [{ field: 'value.sameClinicianWithAttestation', message: 'must be true or false (the only field)' }];
  },
};
