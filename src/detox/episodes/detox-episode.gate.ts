import type { PhaseGate } from '../../patients/phase-gates';
import { EpisodesService } from './episodes.service';

/** A patient leaves the detox phase only once the detox episode has been ended with its outcome. */
export const DETOX_EPISODE_ENDED_GATE: PhaseGate = {
  name: 'detox-episode-ended',
  appliesTo: (from, to) => from === 'detox' && to !== 'detox',
  async check(manager, patientId) {
    const open = await EpisodesService.openEpisode(manager, patientId);
    return open ? 'End the open detox episode (with its outcome) before the patient leaves the detox phase.' : null;
  },
};
