/*
 * Signs observed during detox that are not vital signs, from a fixed
 * vocabulary (DOMAIN.md, "Observed signs"). The article names them as the
 * danger signs of CNS-depressant overdose (baclofen, alcohol, opioids) and of
 * withdrawal after an abrupt stop (baclofen, alcohol); the Lioresal (baclofen)
 * prescribing information lists the same under Overdosage (somnolence, coma,
 * hyporeflexia, flaccidity, seizures) and Abrupt discontinuation
 * (hallucinations, seizures, psychosis, rigidity, spasticity).
 */

export const OBSERVATION_SIGNS = [
  'seizure', 'hallucinations_auditory', 'hallucinations_visual', 'hallucinations_tactile', 'psychosis', 'delirium',
  'confusion', 'agitation', 'rigidity', 'spasms', 'tremor', 'hyporeflexia', 'flaccidity', 'somnolence', 'coma',
  'insomnia', 'anxiety',
] as const;

export type ObservationSign = (typeof OBSERVATION_SIGNS)[number];

export function isObservationSign(x: unknown): x is ObservationSign {
  return typeof x === 'string' && (OBSERVATION_SIGNS as readonly string[]).includes(x);
}

/** Present on its own, an emergency (issue 11: seizure, coma, delirium). */
export const EMERGENCY_SIGNS: readonly ObservationSign[] = ['seizure', 'coma', 'delirium'];

/** Present on its own, urgent (issue 11: hallucinations, psychosis, rigidity). */
export const URGENT_SIGNS: readonly ObservationSign[] = [
  'hallucinations_auditory', 'hallucinations_visual', 'hallucinations_tactile', 'psychosis', 'rigidity',
];

/** Count toward the CNS-depressant overdose pattern (falling consciousness, baclofen toxicity). */
export const OVERDOSE_SIGNS: readonly ObservationSign[] = ['somnolence', 'coma', 'hyporeflexia', 'flaccidity'];

/** Count toward the withdrawal pattern (hallucinations, seizures, confusion, rebound spasticity). */
export const WITHDRAWAL_SIGNS: readonly ObservationSign[] = [
  'seizure', 'hallucinations_auditory', 'hallucinations_visual', 'hallucinations_tactile', 'psychosis', 'delirium',
  'confusion', 'agitation', 'rigidity', 'spasms', 'tremor',
];
