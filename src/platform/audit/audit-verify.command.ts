import { DataSource } from 'typeorm';
import { verifyAuditTrail } from './audit-verifier';

/** Verifies the audit chain on one database; the exit code of `npm run audit:verify` (0 intact, 1 not). */
export async function auditVerifyCommand(databaseUrl: string, out: (line: string) => void): Promise<number> {
  const dataSource = new DataSource({ type: 'postgres', url: databaseUrl });
  await dataSource.initialize();
  try {
    const result = await verifyAuditTrail(dataSource.manager);
    if (result.problem) {
      out(`Audit trail NOT intact after ${result.linksChecked} links: ${result.problem.detail} (${result.problem.kind}).`);
      return 1;
    }
    out(`Audit trail intact: ${result.linksChecked} sealed events verified.`);
    return 0;
  } finally {
    await dataSource.destroy();
  }
}
