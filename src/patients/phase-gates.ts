import type { EntityManager } from 'typeorm';
import type { Phase } from './phase-transitions';

/**
 * A clinical precondition on a phase change, contributed by a feature module
 * (e.g. screening: a confirmed diagnosis before treatment starts).
 * Returns the reason the move is refused, or null when it may go ahead.
 */
export interface PhaseGate {
  name: string;
  appliesTo(from: Phase, to: Phase): boolean;
  check(manager: EntityManager, patientId: string): Promise<string | null>;
}
