import type { DemoClient } from './demo-api';

const DEMO_ROOMS = [
  { name: 'Maple group room', capacity: 12 },
  { name: 'Birch counseling room', capacity: 3 },
  { name: 'Willow family room', capacity: 6 },
] as const;

/** The three rooms case managers book into; existing ones (by name) are kept. */
export async function seedDemoRooms(admin: DemoClient): Promise<string[]> {
  const existing = await admin.get<{ items: { id: string; name: string }[] }>('/api/v1/rooms?limit=100');
  const ids: string[] = [];
  for (const room of DEMO_ROOMS) {
    const found = existing.items.find((r) => r.name === room.name);
    ids.push(found ? found.id : (await admin.post<{ id: string }>('/api/v1/rooms', room)).id);
  }
  return ids;
}
