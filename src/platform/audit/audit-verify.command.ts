import { DataSource } from 'typeorm';
import type { ChainAnchor } from './audit-anchor';
import { verifyAuditTrail } from './audit-verifier';

/**
 * Verifies the audit chain on one database, against the outside anchors
 * given (logged checkpoints); the exit code of `npm run audit:verify` (0 intact, 1 not).
 */
export async function auditVerifyCommand(
  databaseUrl: string, out: (line: string) => void, anchors: readonly ChainAnchor[] = [],
): Promise<number> {
  const dataSource = new DataSource({ type: 'postgres', url: databaseUrl });
  await dataSource.initialize();
  try {
    const result = await verifyAuditTrail(dataSource.manager, anchors);
    if (result.problem) {
      out(`Audit trail NOT intact after ${result.linksChecked} links: ${result.problem.detail} (${result.problem.kind}).`);
      return 1;
    }
    const reached = anchors.map((anchor) => `; outside anchor ${anchor.seq} matches`).join('');
    out(`Audit trail intact: ${result.linksChecked} sealed events verified${reached}.`);
    return 0;
  } finally {
    await dataSource.destroy();
  }
}
