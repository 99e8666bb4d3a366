import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { IfMatch } from '../common/http/etag';
import { DomainError, StaleVersion, ValidationFailed } from '../common/problem/domain-error';
import type { ChangePhaseDto } from './dto/phase.dto';
import { PatientPhaseChange } from './entities/patient-phase-change.entity';
import { Patient } from './entities/patient.entity';
import { type PatientAccess, PatientAccessService } from './access/patient-access.service';
import type { PhaseChangeOutcome, PhaseEffect } from './phase-effects';
import type { PhaseGate } from './phase-gates';
import { ALLOWED_TRANSITIONS, entersTreatment, isAllowedTransition } from './phase-transitions';

/** Moves patients along the program path, keeping the history. */
@Injectable()
export class PatientPhaseService {
  private readonly gates: PhaseGate[] = [];
  private readonly effects: PhaseEffect[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
  ) {}

  registerGate(gate: PhaseGate): void {
    this.gates.push(gate);
  }

  registerEffect(effect: PhaseEffect): void {
    this.effects.push(effect);
  }

  /** Runs in its own transaction, or in the caller's (aftercare re-entry closes follow-ups with the move). */
  /** `expected` (If-Match), when given, must match the patient's version once it is locked. */
  change(access: PatientAccess, dto: ChangePhaseDto, outer?: EntityManager, expected?: IfMatch): Promise<PhaseChangeOutcome> {
    const { user, patientId } = access;
    if (dto.to !== 'discharged' && dto.dischargeReason !== undefined) {
      throw new ValidationFailed([{ field: 'dischargeReason', message: 'is only for a move to discharged' }]);
    }
    const move = async (manager: EntityManager) => {
      // Lock the patient so two concurrent moves cannot both start from the same phase.
      const patient = await manager.findOneOrFail(Patient, { where: { id: patientId }, lock: { mode: 'pessimistic_write' } });
      if (expected && !expected.matches(patient.version)) throw new StaleVersion(patient.version);
      const from = patient.phase;
      if (from === 'discharged' && patient.dischargeReason === 'deceased') {
        throw new DomainError('invalid_transition', 'The patient is recorded as deceased; the record is closed and moves no further.', {
          from, to: dto.to, allowed: [],
        });
      }
      if (!isAllowedTransition(from, dto.to)) {
        throw new DomainError('invalid_transition', `A patient in ${from} can move to: ${ALLOWED_TRANSITIONS[from].join(', ')}.`, {
          from, to: dto.to, allowed: ALLOWED_TRANSITIONS[from],
        });
      }
      // Starting (or resuming) treatment is a clinical decision, as on the aftercare re-entry route.
      if (entersTreatment(dto.to) && (user.role !== 'clinician' || access.emergencyAccess)) {
        throw new DomainError('forbidden', `Only a clinician on the care team moves a patient into ${dto.to}.`);
      }
      for (const gate of this.gates.filter((g) => g.appliesTo(from, dto.to))) {
        const refusal = await gate.check(manager, patientId);
        if (refusal) throw new DomainError('gate_not_met', refusal, { gate: gate.name, from, to: dto.to });
      }
      const dischargeReason = dto.to === 'discharged' ? (dto.dischargeReason ?? null) : null;
      await manager.update(Patient, { id: patientId }, {
        phase: dto.to, dischargeReason, version: patient.version + 1, updatedAt: new Date(),
      });
      await manager.insert(PatientPhaseChange, {
        patientId, fromPhase: from, toPhase: dto.to, reason: dto.reason, dischargeReason, changedBy: user.id,
      });
      const closed: PhaseChangeOutcome['closed'] = [];
      for (const effect of this.effects.filter((e) => e.appliesTo(from, dto.to))) {
        closed.push({ effect: effect.name, ids: await effect.apply(manager, { patientId, actor: user, from, to: dto.to }) });
      }
      await this.access.record(access, 'patient.change-phase', 'patient', patientId, manager, {
        from, to: dto.to, ...(dischargeReason ? { dischargeReason } : {}), closed,
      });
      return { patient: await manager.findOneByOrFail(Patient, { id: patientId }), closed };
    };
    return outer ? move(outer) : this.dataSource.transaction(move);
  }

  async history(access: PatientAccess): Promise<PatientPhaseChange[]> {
    const { patientId } = access;
    const rows = await this.dataSource.manager.find(PatientPhaseChange, {
      where: { patientId },
      order: { changedAt: 'ASC' },
    });
    await this.access.record(access, 'patient.read-phase-history', 'patient', patientId);
    return rows;
  }
}
