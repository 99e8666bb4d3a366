import { createTestApp, type TestApp } from './support/test-app';

describe('GET /withdrawal-scales', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('lists CIWA-Ar and COWS with every item (order, key, text, allowed scores) and bands', async () => {
    const clinician = await t.createUser('clinician');
    const res = await t.as(clinician).get('/api/v1/withdrawal-scales').expect(200);
    type Scale = {
      id: string; items: { order: number; key: string; label: string; allowed: number[] }[]; bands: { id: string; min: number; max: number }[];
    };
    const byId: Record<string, Scale> = Object.fromEntries((res.body as Scale[]).map((s) => [s.id, s]));
    expect(Object.keys(byId)).toEqual(['CIWA-Ar', 'COWS']);
    const ciwa = byId['CIWA-Ar'];
    expect(ciwa?.items).toHaveLength(10);
    expect(ciwa?.items[0]).toEqual({ order: 1, key: 'nausea_vomiting', label: 'Nausea and vomiting', allowed: [0, 1, 2, 3, 4, 5, 6, 7] });
    expect(ciwa?.items[9]).toMatchObject({ order: 10, key: 'orientation', allowed: [0, 1, 2, 3, 4] });
    expect(ciwa?.bands.map((b) => [b.id, b.min, b.max])).toEqual([['minimal', 0, 9], ['moderate', 10, 15], ['severe', 16, 67]]);
    const cows = byId.COWS;
    expect(cows?.items.map((i) => i.order)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(cows?.items.find((i) => i.key === 'gooseflesh')?.allowed).toEqual([0, 3, 5]);
  });

  it('is closed to callers without a token', async () => {
    await t.http().get('/api/v1/withdrawal-scales').expect(401);
  });
});
