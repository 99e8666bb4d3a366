export const PHASES = ['screening', 'detox', 'outpatient', 'aftercare', 'discharged'] as const;
export type Phase = (typeof PHASES)[number];

export const SEXES_AT_BIRTH = ['female', 'male', 'intersex', 'unknown'] as const;
export type SexAtBirth = (typeof SEXES_AT_BIRTH)[number];

export const DISCHARGE_REASONS = ['completed', 'left_against_advice', 'administrative', 'transferred', 'deceased'] as const;
export type DischargeReason = (typeof DISCHARGE_REASONS)[number];

/**
 * The program path: forward through the phases, with the loops the program
 * allows (relapse back to detox or screening, re-admission after discharge).
 */
export const ALLOWED_TRANSITIONS: Readonly<Record<Phase, readonly Phase[]>> = {
  screening: ['detox', 'outpatient', 'discharged'],
  detox: ['outpatient', 'screening', 'discharged'],
  outpatient: ['aftercare', 'detox', 'discharged'],
  aftercare: ['screening', 'detox', 'outpatient', 'discharged'],
  discharged: ['screening'],
};

export function isAllowedTransition(from: Phase, to: Phase): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

/** The treatment phases: only a clinician on the care team moves a patient into them. */
export function entersTreatment(to: Phase): boolean {
  return to === 'detox' || to === 'outpatient';
}

export function describeTransitions(): string {
  return PHASES.map((from) => `${from} → ${ALLOWED_TRANSITIONS[from].join(', ')}`).join('; ');
}
