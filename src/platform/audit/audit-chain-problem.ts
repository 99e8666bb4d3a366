export type ChainProblemKind = 'altered' | 'removed' | 'inserted';

/** The first break the verifier found in the audit chain. */
export interface ChainProblem {
  kind: ChainProblemKind;
  /** The event named as the first break; null when a chain link itself is missing. */
  eventId: string | null;
  seq: string | null;
  detail: string;
}
