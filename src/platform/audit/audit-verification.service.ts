import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { anchorProblem, type ChainAnchor } from './audit-anchor';
import type { AnchorCheckResponse, AuditVerificationResponse, ChainProblemResponse } from './dto/audit-verification.dto';

interface VerificationRow {
  startedAt: Date;
  finishedAt: Date;
  intact: boolean;
  linksChecked: string;
  kind: ChainProblemResponse['kind'] | null;
  eventId: string | null;
  detail: string | null;
}

/**
 * Reports the last recorded verification of the audit chain; never runs one.
 * An outside anchor is checked against the stored link at its seq only: a
 * tail removed or a chain rewritten shows at once, an event altered under an
 * intact link only in the next full walk (`npm run audit:verify`).
 */
@Injectable()
export class AuditVerificationService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async lastVerification(anchor?: ChainAnchor): Promise<AuditVerificationResponse> {
    const [run] = (await this.dataSource.query(
      `SELECT started_at AS "startedAt", finished_at AS "finishedAt", intact, links_checked::text AS "linksChecked",
         problem_kind AS kind, problem_event_id::text AS "eventId", problem_detail AS detail
       FROM audit_verifications ORDER BY id DESC LIMIT 1`,
    )) as VerificationRow[];
    const [chain] = (await this.dataSource.query(
      `SELECT coalesce(max(seq), 0)::text AS "sealedEvents", max(sealed_at) AS "lastSealedAt" FROM audit_chain`,
    )) as { sealedEvents: string; lastSealedAt: Date | null }[];
    const sealedEvents = chain?.sealedEvents ?? '0';
    return {
      lastVerification: run
        ? {
            startedAt: run.startedAt,
            finishedAt: run.finishedAt,
            intact: run.intact,
            linksChecked: run.linksChecked,
            problem: run.kind ? { kind: run.kind, eventId: run.eventId, detail: run.detail ?? '' } : null,
          }
        : null,
      sealedEvents,
      lastSealedAt: chain?.lastSealedAt ?? null,
      anchor: anchor ? await this.checkAnchor(anchor, BigInt(sealedEvents)) : null,
    };
  }

  private async checkAnchor(anchor: ChainAnchor, lastSeq: bigint): Promise<AnchorCheckResponse> {
    const [link] = (await this.dataSource.query(
      `SELECT seq::text AS seq, event_id::text AS "eventId", hash FROM audit_chain WHERE seq = $1`,
      [anchor.seq],
    )) as { seq: string; eventId: string; hash: string }[];
    const problem = anchorProblem(anchor, link, lastSeq);
    return {
      ...anchor,
      holds: !problem,
      problem: problem ? { kind: problem.kind, eventId: problem.eventId, detail: problem.detail } : null,
    };
  }
}
