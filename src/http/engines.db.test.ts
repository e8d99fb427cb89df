import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi, testApi } from './http.test-support.js';

let t: TestApi;
beforeAll(async () => {
  t = await testApi();
});
afterAll(() => t.close());

const get = async (path: string) => {
  const res = await t.app.request(path);
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    body: (await res.json()) as Record<string, unknown>,
  };
};

describe('engine routes', () => {
  it('serves control on a day, matching the seats held', async () => {
    const r = await get('/api/control?council=TST&asOf=2023-05-31');
    expect(r.status).toBe(200);
    const councils = r.body.councils as Array<{
      filledSeats: number;
      groups: Array<{ party: { id: string }; seats: number }>;
    }>;
    expect(councils[0]!.filledSeats).toBe(2);
    expect(councils[0]!.groups).toEqual([
      expect.objectContaining({ party: expect.objectContaining({ id: 'party:labour' }), seats: 2 }),
    ]);
    const after = await get('/api/control?council=TST&asOf=2023-06-01');
    const groups = (after.body.councils as Array<{ groups: Array<{ party: { id: string } }> }>)[0]!.groups;
    expect(groups.map((g) => g.party.id).sort()).toEqual(['party:green', 'party:labour']);
  });

  it('serves the timetable: polling days, deadlines, a council and the selection calendar', async () => {
    const days = await t.app.request('/api/timetable/polling-days?from=2019&to=2021');
    expect(await days.json()).toEqual([
      { year: 2019, date: '2019-05-02' },
      { year: 2020, date: null, note: 'postponed to 2021-05-06' },
      { year: 2021, date: '2021-05-06' },
    ]);
    const d = await get('/api/timetable/deadlines?poll=2024-05-02');
    expect(d.body).toMatchObject({ noticeOfElection: '2024-03-26', nominationsClose: '2024-04-05' });
    const council = await get('/api/councils/TST/timetable?from=2026&to=2030');
    expect(council.status).toBe(200);
    expect((council.body.polls as unknown[]).length).toBeGreaterThan(0);
    const calendar = await get('/api/timetable/selections?council=TST');
    expect(calendar.status).toBe(200);
  });

  it('computes power and takeover', async () => {
    const p = await get('/api/power?quota=12&weights=4,4,4,2,2,1&exact=true');
    expect((p.body.players as Array<{ exact: { banzhaf: string } }>)[0]!.exact.banzhaf).toBe('5/21');
    const council = await get('/api/councils/TST/power?asOf=2023-05-31');
    expect(council.body.kind).toBe('council');
    const take = await get('/api/councils/TST/takeover/faction:left?asOf=2023-05-31');
    expect(take.status).toBe(200);
    expect((take.body.distance as { controlsGroup: boolean }).controlsGroup).toBe(true);
  });

  it('answers bad input with problem+json naming the parameter', async () => {
    const bad = await get('/api/power?quota=0&weights=1,2');
    expect(bad.status).toBe(400);
    expect(bad.type).toContain('application/problem+json');
    expect(JSON.stringify(bad.body)).toContain('--quota');
    const nation = await get('/api/timetable/polling-days?from=2019&to=2020&nation=mars');
    expect(nation.status).toBe(400);
    const missing = await get('/api/councils/NOPE/timetable');
    expect(missing.status).toBe(404);
    const unknown = await get('/api/control?council=TST&colour=red');
    expect(unknown.status).toBe(400);
  });
});
