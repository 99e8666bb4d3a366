import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../../../common/http/pagination';

/** One patient's next withdrawal assessment on one scale. */
export class ReassessmentDueItem {
  patientId: string;
  mrn: string;
  episodeId: string;
  /** Null when no assessment has been made yet in the episode (a baseline is due from its start). */
  @ApiProperty({ enum: ['CIWA-Ar', 'COWS'], nullable: true })
  scale: string | null;
  lastAssessmentId: string | null;
  lastTotal: number | null;
  lastBand: string | null;
  lastAssessedAt: Date | null;
  /** When the next assessment is or was due. */
  dueAt: Date;
  overdue: boolean;
}

export class ReassessmentDuePage extends PageOf(ReassessmentDueItem) {}
