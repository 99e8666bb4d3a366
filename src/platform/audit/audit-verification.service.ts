import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuditVerificationResponse, ChainProblemResponse } from './dto/audit-verification.dto';

interface VerificationRow {
  startedAt: Date;
  finishedAt: Date;
  intact: boolean;
  linksChecked: string;
  kind: ChainProblemResponse['kind'] | null;
  eventId: string | null;
  detail: string | null;
}

/** Reports the last recorded verification of the audit chain; never runs one. */
@Injectable()
export class AuditVerificationService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async lastVerification(): Promise<AuditVerificationResponse> {
    const [run] = (await this.dataSource.query(
      `SELECT started_at AS "startedAt", finished_at AS "finishedAt", intact, links_checked::text AS "linksChecked",
         problem_kind AS kind, problem_event_id::text AS "eventId", problem_detail AS detail
       FROM audit_verifications ORDER BY id DESC LIMIT 1`,
    )) as VerificationRow[];
    const [chain] = (await this.dataSource.query(
      `SELECT coalesce(max(seq), 0)::text AS "sealedEvents", max(sealed_at) AS "lastSealedAt" FROM audit_chain`,
    )) as { sealedEvents: string; lastSealedAt: Date | null }[];
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
      sealedEvents: chain?.sealedEvents ?? '0',
      lastSealedAt: chain?.lastSealedAt ?? null,
    };
  }
}
