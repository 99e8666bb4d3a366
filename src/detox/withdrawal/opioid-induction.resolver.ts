import type { EntityManager } from 'typeorm';

/**
 * DOMAIN.md: COWS is reassessed "at least every 4 hours during induction".
 * A patient is in opioid agonist induction while an active buprenorphine or
 * methadone order started in the last OPIOID_INDUCTION_DAYS days (local dates
 * in the program's zone): the first days, when doses are titrated against
 * withdrawal (ASAM National Practice Guideline for OUD, 2020).
 */
export const OPIOID_INDUCTION_DAYS = 3;
const INDUCTION_DRUGS = ['buprenorphine', 'methadone'];

export async function inOpioidInduction(
  manager: EntityManager, patientId: string, assessedAt: Date, timeZone: string,
): Promise<boolean> {
  const [row] = (await manager.query(
    `SELECT EXISTS (
       SELECT 1 FROM medication_orders o LEFT JOIN drugs d ON d.id = o.drug_id
       WHERE o.patient_id = $1 AND o.status = 'active' AND coalesce(d.generic, o.drug_key) = ANY($4::text[])
         AND o.start_date <= ($2::timestamptz AT TIME ZONE $3)::date
         AND o.start_date > ($2::timestamptz AT TIME ZONE $3)::date - $5::int) AS induction`,
    [patientId, assessedAt.toISOString(), timeZone, INDUCTION_DRUGS, OPIOID_INDUCTION_DAYS],
  )) as { induction: boolean }[];
  return row?.induction === true;
}
