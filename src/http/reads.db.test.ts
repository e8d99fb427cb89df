import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi, testApi, withJson } from './http.test-support.js';

let t: TestApi;
beforeAll(async () => {
  t = await testApi();
});
afterAll(async () => t.close());

const get = (path: string, headers: Record<string, string> = {}) => t.app.request(path, { headers });

async function problem(res: Response, status: number, type: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = (await res.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ type: `/problems/${type}`, status });
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
  return body;
}

describe('GET /healthz and /problems', () => {
  it('answers when the database does', async () => {
    const res = await get('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: 'reachable', dialect: 'sqlite' });
  });
  it('refuses unknown parameters', async () => {
    const body = await problem(await get('/healthz?verbose=1'), 400, 'invalid-input');
    expect(body).toMatchObject({ field: 'verbose', rule: 'unrecognized_keys' });
  });
  it('documents each problem type at its type URI', async () => {
    const res = await get('/problems/version-mismatch');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ type: '/problems/version-mismatch', status: 412 });
    await problem(await get('/problems/teapot'), 404, 'not-found');
    await problem(await get('/problems/toString'), 404, 'not-found');
    await problem(await get(`/problems/${'x'.repeat(51)}`), 400, 'invalid-input');
  });
});

describe('GET /api/overview', () => {
  it('gives the national picture on a day', async () => {
    const res = await get('/api/overview?asOf=2023-05-31');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { asOf: string; councils: number; seats: number; filledSeats: number };
    expect(body).toMatchObject({ asOf: '2023-05-31', councils: 1, seats: 3, filledSeats: 2 });
  });
  it('names the bad date parameter', async () => {
    const body = await problem(await get('/api/overview?asOf=2023-02-29'), 400, 'invalid-input');
    expect(body.field).toBe('asOf');
  });
});

describe('GET /api/councils', () => {
  const ids = async (query: string) => {
    const res = await get(`/api/councils${query}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: Array<{ id: string }> }).items.map((c) => c.id);
  };
  it('lists councils with their control on the day', async () => {
    const res = await get('/api/councils?asOf=2023-05-31');
    const body = (await res.json()) as { items: Array<Record<string, unknown>>; nextCursor: string | null };
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({
      id: 'TST',
      seats: 3,
      filledSeats: 2,
      control: {
        status: 'majority',
        majorityParty: { id: 'party:labour' },
        controllingFaction: { id: 'faction:left' },
      },
    });
    expect(body.nextCursor).toBeNull();
  });
  it('filters by nation, type, control and faction control', async () => {
    expect(await ids('?nation=england')).toEqual(['TST']);
    expect(await ids('?nation=wales')).toEqual([]);
    expect(await ids('?type=MD')).toEqual(['TST']);
    expect(await ids('?type=LBO')).toEqual([]);
    // Before the defection Labour holds 2 of 3 seats, both aligned with the Left Network; after it, no one does.
    expect(await ids('?asOf=2023-05-31&control=party:labour')).toEqual(['TST']);
    expect(await ids('?asOf=2023-06-02&control=party:labour')).toEqual([]);
    expect(await ids('?asOf=2023-06-02&control=noc')).toEqual(['TST']);
    expect(await ids('?asOf=2023-05-31&factionControl=faction:left')).toEqual(['TST']);
    expect(await ids('?asOf=2023-06-02&factionControl=faction:left')).toEqual([]);
  });
  it('names the parameter that broke a rule', async () => {
    expect((await problem(await get('/api/councils?nation=atlantis'), 400, 'invalid-input')).field).toBe(
      'nation',
    );
    expect((await problem(await get('/api/councils?limit=0'), 400, 'invalid-input')).field).toBe('limit');
    expect((await problem(await get('/api/councils?limit=abc'), 400, 'invalid-input')).field).toBe('limit');
    expect((await problem(await get('/api/councils?cursor=!!'), 400, 'invalid-input')).field).toBe('cursor');
    expect(
      (await problem(await get('/api/councils?nation=wales&nation=england'), 400, 'invalid-input')).rule,
    ).toBe('duplicate');
  });
});

describe('GET /api/councils/{id}', () => {
  it('shows one council on a day, by id, code or GSS code', async () => {
    for (const key of ['TST', 'tst', 'E08999001']) {
      const res = await get(`/api/councils/${key}?asOf=2023-06-02`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as {
        council: { id: string };
        seats: number;
        control: { status: string };
      };
      expect(body.council.id).toBe('TST');
      expect(body.seats).toBe(3);
      expect(body.control.status).toBe('no-overall-control');
    }
  });
  it('is 404 for an unknown council, with suggestions', async () => {
    const body = await problem(await get('/api/councils/TSX'), 404, 'not-found');
    expect(body.suggestions).toContain('TST');
  });
  it('is 400 for a malformed id or date', async () => {
    expect((await problem(await get('/api/councils/a%20b'), 400, 'invalid-input')).field).toBe('id');
    expect((await problem(await get('/api/councils/TST?asOf=yesterday'), 400, 'invalid-input')).field).toBe(
      'asOf',
    );
  });
  it('carries a weak ETag that changes with the data and answers If-None-Match with 304', async () => {
    const first = await get('/api/councils/TST?asOf=2026-01-01');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/".+"$/);
    const again = await get('/api/councils/TST?asOf=2026-01-01', { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
    expect((await get('/api/councils/TST?asOf=2023-05-31', { 'If-None-Match': etag })).status).toBe(200);
  });
});

describe('GET /api/wards/{id}', () => {
  it('shows a ward, its councillors and ballots', async () => {
    const res = await get('/api/wards/E05999001?asOf=2024-01-01');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      seats: number;
      councillors: unknown[];
      ballots: Array<{ id: string }>;
    };
    expect(body.seats).toBe(3);
    expect(body.councillors).toHaveLength(2);
    expect(body.ballots.map((b) => b.id)).toEqual(['local.testborough.north.2022-05-05']);
  });
  it('is 404 for an unknown ward and 400 for a bad id', async () => {
    await problem(await get('/api/wards/E05000000'), 404, 'not-found');
    await problem(await get('/api/wards/%3Cscript%3E'), 400, 'invalid-input');
  });
});

describe('GET /api/people (search)', () => {
  const search = async (q: string, extra = '') => {
    const res = await get(`/api/people?q=${encodeURIComponent(q)}${extra}`);
    expect(res.status).toBe(200);
    return (await res.json()) as { items: Array<{ id: string; rank: number }>; nextCursor: string | null };
  };
  it('finds people by a name with typing slips', async () => {
    expect((await search('alx')).items[0]?.id).toBe('person:1');
    expect((await search('Sam Smaple')).items[0]?.id).toBe('person:2');
    expect((await search('exmaple')).items.map((i) => i.id)).toEqual(['person:1']);
    expect((await search('zzzzqqq')).items).toEqual([]);
  });
  it('pages results with a cursor', async () => {
    const first = await search('a', '&limit=1');
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const second = await search('a', `&limit=1&cursor=${first.nextCursor}`);
    expect(second.items).toHaveLength(1);
    expect(second.items[0]!.id).not.toBe(first.items[0]!.id);
    expect(second.items[0]!.rank).toBe(2);
  });
  it('needs q', async () => {
    expect((await problem(await get('/api/people'), 400, 'invalid-input')).field).toBe('q');
    expect((await problem(await get('/api/people?q=%20'), 400, 'invalid-input')).field).toBe('q');
  });
});

describe('GET /api/people/{id} and its record', () => {
  it('shows a person over time', async () => {
    const res = await get('/api/people/person:1?asOf=2023-05-31');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      person: { name: string };
      memberships: unknown[];
      candidacies: unknown[];
    };
    expect(body.person.name).toBe('Alex Example');
    expect(body.memberships).toHaveLength(4);
    expect(body.candidacies).toHaveLength(1);
  });
  it('gives the stored record with a strong ETag naming its version', async () => {
    const res = await get('/api/people/person:2/record');
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(await res.json()).toMatchObject({ id: 'person:2', name: 'Sam Sample', version: 1 });
    expect((await get('/api/people/person:2/record', { 'If-None-Match': '"1"' })).status).toBe(304);
    expect((await get('/api/people/person:2/record', { 'If-None-Match': 'W/"1"' })).status).toBe(304);
    expect((await get('/api/people/person:2/record', { 'If-None-Match': '"7", "1"' })).status).toBe(304);
    expect((await get('/api/people/person:2/record', { 'If-None-Match': '"2"' })).status).toBe(200);
  });
  it('is 404 for an unknown person and 400 for a bad id', async () => {
    await problem(await get('/api/people/person:404'), 404, 'not-found');
    await problem(await get('/api/people/person:404/record'), 404, 'not-found');
    await problem(await get('/api/people/x%22y'), 400, 'invalid-input');
  });
});

describe('record reads: memberships, events, selections, sources', () => {
  it('returns each with its version', async () => {
    for (const [path, id] of [
      ['/api/memberships/m:3', 'm:3'],
      ['/api/events/ev:1', 'ev:1'],
      ['/api/selections/sel:1', 'sel:1'],
      ['/api/sources/src:news', 'src:news'],
    ]) {
      const res = await get(path!);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('etag')).toBe('"1"');
      expect(await res.json()).toMatchObject({ id, version: 1 });
    }
    const sel = (await (await get('/api/selections/sel:1')).json()) as { candidates: unknown[] };
    expect(sel.candidates).toEqual([
      { personId: 'person:2', sitting: true, soughtReselection: true, chosen: true, votes: 20 },
    ]);
  });
  it('is 404 for unknown ids', async () => {
    for (const path of [
      '/api/memberships/m:99',
      '/api/events/ev:99',
      '/api/selections/sel:99',
      '/api/sources/src:99',
    ]) {
      await problem(await get(path), 404, 'not-found');
    }
  });
});

describe('GET /api/parties and /api/factions', () => {
  it('lists parties by id, a page at a time', async () => {
    const first = (await (await get('/api/parties?limit=1')).json()) as {
      items: Array<{ id: string }>;
      nextCursor: string;
    };
    expect(first.items.map((p) => p.id)).toEqual(['party:green']);
    const res = await get(`/api/parties?limit=1&cursor=${first.nextCursor}`);
    expect(res.headers.get('link')).toBeNull();
    const second = (await res.json()) as { items: Array<{ id: string }>; nextCursor: string | null };
    expect(second.items.map((p) => p.id)).toEqual(['party:labour']);
    expect(second.nextCursor).toBeNull();
  });
  it('links the next page', async () => {
    const res = await get('/api/parties?limit=1');
    expect(res.headers.get('link')).toMatch(/^<\/api\/parties\?limit=1&cursor=[\w-]+>; rel="next"$/);
  });
  it('lists factions with their party, optionally of one party', async () => {
    const all = (await (await get('/api/factions')).json()) as {
      items: Array<{ id: string; party: { id: string } }>;
    };
    expect(all.items).toMatchObject([
      { id: 'faction:left', party: { id: 'party:labour', name: 'Labour Party' } },
    ]);
    const none = (await (await get('/api/factions?party=party:green')).json()) as { items: unknown[] };
    expect(none.items).toEqual([]);
  });
  it('refuses bad parameters', async () => {
    await problem(await get('/api/parties?limit=501'), 400, 'invalid-input');
    expect((await problem(await get('/api/factions?party=%27%20or%201'), 400, 'invalid-input')).field).toBe(
      'party',
    );
  });
});

describe('GET /api/events', () => {
  it('lists events newest first, filtered', async () => {
    const body = (await (await get('/api/events?council=TST&type=defection,deselection')).json()) as {
      items: Array<{ id: string }>;
    };
    expect(body.items.map((e) => e.id)).toEqual(['ev:1']);
    const none = (await (await get('/api/events?type=motion')).json()) as { items: unknown[] };
    expect(none.items).toEqual([]);
    const early = (await (await get('/api/events?until=2023-05-31')).json()) as { items: unknown[] };
    expect(early.items).toEqual([]);
  });
  it('pages by date and id', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await t.app.request(
        '/api/events',
        withJson(
          'POST',
          {
            id: `ev:page${i}`,
            sourceId: 'src:test',
            type: 'other',
            date: `2024-0${i + 1}-01`,
            title: `Page ${i}`,
          },
          t.editor,
        ),
      );
      expect(res.status).toBe(201);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : '';
      const page = (await (await get(`/api/events?limit=2${q}`)).json()) as {
        items: Array<{ id: string }>;
        nextCursor: string | null;
      };
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['ev:page2', 'ev:page1', 'ev:page0', 'ev:1']);
  });
  it('refuses a bad type and an unknown council', async () => {
    expect((await problem(await get('/api/events?type=defection,coup'), 400, 'invalid-input')).field).toMatch(
      /^type/,
    );
    await problem(await get('/api/events?council=NOPE'), 404, 'not-found');
    await problem(await get('/api/events?cursor=WyJ4Il0'), 400, 'invalid-input');
  });
});

describe('GET /api/elections, /api/elections/{id} and /api/ballots/{id}', () => {
  it('lists elections and shows one', async () => {
    const list = (await (await get('/api/elections?council=TST')).json()) as { items: Array<{ id: string }> };
    expect(list.items.map((e) => e.id)).toEqual(['local.testborough.2022-05-05']);
    const one = (await (await get('/api/elections/local.testborough.2022-05-05')).json()) as {
      ballots: Array<{ id: string }>;
    };
    expect(one.ballots.map((b) => b.id)).toEqual(['local.testborough.north.2022-05-05']);
  });
  it('shows a ballot with its candidates, most votes first', async () => {
    const res = await get('/api/ballots/local.testborough.north.2022-05-05');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      ward: { gss: string };
      candidates: Array<{ person: { name: string }; party: { id: string } | null; votes: number }>;
    };
    expect(body.ward.gss).toBe('E05999001');
    expect(body.candidates.map((c) => [c.person.name, c.party?.id ?? null, c.votes])).toEqual([
      ['Alex Example', 'party:labour', 1234],
      ['Sam Sample', null, 99],
    ]);
  });
  it('is 404 for unknown ones and 400 for bad parameters', async () => {
    await problem(await get('/api/ballots/local.nowhere.2022-05-05'), 404, 'not-found');
    await problem(await get('/api/elections/local.nowhere.2022-05-05'), 404, 'not-found');
    await problem(await get('/api/elections?council=NOPE'), 404, 'not-found');
    expect((await problem(await get('/api/elections?since=2022'), 400, 'invalid-input')).field).toBe('since');
    await problem(await get('/api/ballots/%20'), 400, 'invalid-input');
  });
});

describe('unknown routes', () => {
  it('are problem+json 404s', async () => {
    const body = await problem(await get('/api/nothing-here'), 404, 'not-found');
    expect(body.instance).toBe('/api/nothing-here');
  });
});
