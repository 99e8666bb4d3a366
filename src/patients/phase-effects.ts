import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../common/auth/auth-user';
import type { Patient } from './entities/patient.entity';
import type { Phase } from './phase-transitions';

/** The move a phase effect reacts to, inside the transaction that makes it (the patient row is locked). */
export interface PhaseMove {
  patientId: string;
  actor: AuthUser;
  from: Phase;
  to: Phase;
}

/**
 * What a feature module closes when a patient moves (discharge ends future
 * sessions, group seats, medication orders and follow-ups), contributed like a
 * PhaseGate and run in the same transaction as the move, so a discharge either
 * closes everything or nothing. Returns the ids it closed, for the answer and
 * the audit event.
 */
export interface PhaseEffect {
  name: string;
  appliesTo(from: Phase, to: Phase): boolean;
  apply(manager: EntityManager, move: PhaseMove): Promise<string[]>;
}

/** `appliesTo` of the effects that run on a discharge only, from any phase. */
export const onDischarge = (_from: Phase, to: Phase): boolean => to === 'discharged';

/** A completed move: the patient as it is now, and what each effect closed. */
export interface PhaseChangeOutcome {
  patient: Patient;
  closed: { effect: string; ids: string[] }[];
}
