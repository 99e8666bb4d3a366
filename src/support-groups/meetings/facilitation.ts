import type { EntityManager } from 'typeorm';

/** Whether the user facilitates the group: facilitators see its roster and record its attendance. */
export async function isFacilitator(m: EntityManager, groupId: string, userId: string): Promise<boolean> {
  const [row] = (await m.query(`SELECT 1 FROM support_group_facilitators WHERE group_id = $1 AND user_id = $2`, [
    groupId,
    userId,
  ])) as unknown[];
  return row !== undefined;
}
