import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { violatedKey } from '../../common/problem/database-errors';
import { DomainError, NotFound, ValidationFailed } from '../../common/problem/domain-error';
import { type PatientAccess, PatientAccessService } from '../../patients/access/patient-access.service';
import type { EndEpisodeDto, StartEpisodeDto } from './dto/episode.dto';
import { DetoxEpisode } from './entities/detox-episode.entity';
import { checkNotBeforeEpisode, checkNotInFuture } from '../../common/recorded-time';

/** The 422 of a detox record on a patient with no open episode. */
export function noOpenEpisode(): DomainError {
  return new DomainError('no_open_episode', 'The patient has no open detox episode; start one first.', {
    reason: 'no_open_episode',
  });
}

/** Detox episodes: started in the detox phase, at most one open per patient, ended with an outcome. */
@Injectable()
export class EpisodesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
  ) {}

  /** The patient's open episode, or null. */
  static openEpisode(manager: EntityManager, patientId: string): Promise<DetoxEpisode | null> {
    return manager.findOne(DetoxEpisode, { where: { patientId, endedAt: IsNull() } });
  }

  /**
   * The open episode a record made at `at` is filed under: a 422 when there is
   * none, a 400 on `field` when `at` is before the episode started.
   */
  static async requireOpenEpisodeAt(manager: EntityManager, patientId: string, field: string, at: Date): Promise<DetoxEpisode> {
    const episode = await EpisodesService.openEpisode(manager, patientId);
    if (!episode) throw noOpenEpisode();
    const before = checkNotBeforeEpisode(field, at, episode.startedAt);
    if (before) throw new ValidationFailed([before]);
    return episode;
  }

  start(access: PatientAccess, dto: StartEpisodeDto): Promise<DetoxEpisode> {
    const { user, patientId } = access;
    const now = new Date();
    const startedAt = dto.startedAt ? new Date(dto.startedAt) : now;
    const future = checkNotInFuture('startedAt', startedAt, now);
    if (future) throw new ValidationFailed([future]);
    return this.dataSource.transaction(async (manager) => {
      // The patient row lock serialises episode starts (a racing second start then sees the first's open episode)
      // and phase changes (which lock the patient FOR UPDATE) against us.
      const [patient] = (await manager.query(`SELECT phase FROM patients WHERE id = $1 FOR NO KEY UPDATE`, [patientId])) as {
        phase: string;
      }[];
      if (patient?.phase !== 'detox') {
        throw new DomainError('gate_not_met', 'A detox episode can only start while the patient is in the detox phase.', {
          phase: patient?.phase ?? null,
        });
      }
      const open = await EpisodesService.openEpisode(manager, patientId);
      if (open) throw this.alreadyOpen(open.id);
      let id: string;
      try {
        const result = await manager.insert(DetoxEpisode, {
          patientId, substances: dto.substances, expectedLengthDays: dto.expectedLengthDays, setting: dto.setting,
          startedAt, startedBy: user.id,
        });
        id = (result.identifiers[0] as { id: string }).id;
      } catch (error) {
        if (violatedKey(error) === 'detox_episodes_one_open_per_patient') throw this.alreadyOpen(null);
        if (violatedKey(error) === 'detox_episodes_no_overlap') {
          throw new DomainError('episode_overlap', 'The episode would overlap an earlier episode of this patient.');
        }
        throw error;
      }
      await this.access.record(access, 'detox-episode.start', 'detox-episode', id, manager);
      return manager.findOneByOrFail(DetoxEpisode, { id });
    });
  }

  end(access: PatientAccess, episodeId: string, dto: EndEpisodeDto): Promise<DetoxEpisode> {
    const { user, patientId } = access;
    const now = new Date();
    const endedAt = dto.endedAt ? new Date(dto.endedAt) : now;
    const future = checkNotInFuture('endedAt', endedAt, now);
    if (future) throw new ValidationFailed([future]);
    return this.dataSource.transaction(async (manager) => {
      const episode = await manager.findOne(DetoxEpisode, {
        where: { id: episodeId, patientId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!episode) throw new NotFound('Detox episode');
      if (episode.endedAt) {
        throw new DomainError('episode_already_ended', 'The detox episode has already ended.', {
          endedAt: episode.endedAt, outcome: episode.outcome,
        });
      }
      if (endedAt.getTime() < episode.startedAt.getTime()) {
        throw new ValidationFailed([{ field: 'endedAt', message: 'must not be before the episode started' }]);
      }
      await manager.update(DetoxEpisode, { id: episodeId }, {
        endedAt, endedBy: user.id, outcome: dto.outcome, endNote: dto.note ?? null,
      });
      await this.access.record(access, 'detox-episode.end', 'detox-episode', episodeId, manager, { outcome: dto.outcome });
      return manager.findOneByOrFail(DetoxEpisode, { id: episodeId });
    });
  }

  async list(access: PatientAccess): Promise<DetoxEpisode[]> {
    const { patientId } = access;
    const episodes = await this.dataSource.manager.find(DetoxEpisode, {
      where: { patientId },
      order: { startedAt: 'DESC' },
    });
    await this.access.record(access, 'detox-episode.read', 'detox-episode', null);
    return episodes;
  }

  async get(access: PatientAccess, episodeId: string): Promise<DetoxEpisode> {
    const { patientId } = access;
    const episode = await this.dataSource.manager.findOneBy(DetoxEpisode, { id: episodeId, patientId });
    if (!episode) throw new NotFound('Detox episode');
    await this.access.record(access, 'detox-episode.read', 'detox-episode', episodeId);
    return episode;
  }

  private alreadyOpen(openEpisodeId: string | null): DomainError {
    return new DomainError('episode_already_open', 'The patient already has an open detox episode; end it first.', {
      openEpisodeId,
    });
  }
}
