import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../app/commands/accounts.commands.js';
import { type TestApi, testApi, withJson } from './http.test-support.js';

let t: TestApi;
let reader: string;
beforeAll(async () => {
  t = await testApi();
  reader = (await createToken({ store: t.store, clock: t.clock }, { role: 'reader', name: 'Test Reader' }))
    .token;
});
afterAll(async () => t.close());

interface Kind {
  kind: string;
  collection: string;
  read: (id: string) => string;
  write: (id: string) => string;
  existing: string;
  create: Record<string, unknown>;
  patch: Record<string, unknown>;
  /** A field change that breaks a rule, and the field it names. */
  badPatch: [Record<string, unknown>, string];
  /** A create body naming a record that does not exist, and the field it names. */
  badReference: [Record<string, unknown>, string];
}

const KINDS: Kind[] = [
  {
    kind: 'person',
    collection: '/api/people',
    read: (id) => `/api/people/${encodeURIComponent(id)}/record`,
    write: (id) => `/api/people/${encodeURIComponent(id)}`,
    existing: 'person:2',
    create: { sourceId: 'src:news', name: 'Jo Newcomer', familyName: 'Newcomer' },
    patch: { honorificPrefix: 'Cllr' },
    badPatch: [{ name: '' }, 'name'],
    badReference: [{ sourceId: 'src:missing', name: 'Nobody' }, 'sourceId'],
  },
  {
    kind: 'membership',
    collection: '/api/memberships',
    read: (id) => `/api/memberships/${encodeURIComponent(id)}`,
    write: (id) => `/api/memberships/${encodeURIComponent(id)}`,
    existing: 'm:6',
    create: {
      sourceId: 'src:news',
      personId: 'person:2',
      organizationId: 'group:TST:labour',
      role: 'whip',
      startDate: '2024-05-20',
    },
    patch: { endDate: '2025-05-20', endReason: 'resigned' },
    badPatch: [{ role: 'emperor' }, 'role'],
    badReference: [
      { sourceId: 'src:news', personId: 'person:2', organizationId: 'party:nope', role: 'member' },
      'organizationId',
    ],
  },
  {
    kind: 'event',
    collection: '/api/events',
    read: (id) => `/api/events/${encodeURIComponent(id)}`,
    write: (id) => `/api/events/${encodeURIComponent(id)}`,
    existing: 'ev:1',
    create: {
      sourceId: 'src:news',
      type: 'deselection',
      date: '2025-06-02',
      title: 'Sam Sample deselected',
      councilId: 'TST',
      personId: 'person:2',
    },
    patch: { title: 'Alex Example leaves Labour for the Greens' },
    badPatch: [{ date: '2025-02-30' }, 'date'],
    badReference: [
      { sourceId: 'src:news', type: 'other', date: '2025-01-01', title: 'x', personId: 'person:nope' },
      'personId',
    ],
  },
  {
    kind: 'selection',
    collection: '/api/selections',
    read: (id) => `/api/selections/${encodeURIComponent(id)}`,
    write: (id) => `/api/selections/${encodeURIComponent(id)}`,
    existing: 'sel:1',
    create: {
      sourceId: 'src:news',
      partyId: 'party:labour',
      councilId: 'TST',
      postId: 'post:TST:north',
      pollDate: '2026-05-07',
      date: '2025-07-01',
      method: 'open',
      candidates: [{ personId: 'person:1', sitting: true, soughtReselection: true, chosen: false }],
    },
    patch: {
      // Candidates come back ordered by person id.
      candidates: [
        { personId: 'person:1', sitting: false, soughtReselection: false, chosen: true, votes: 12 },
        { personId: 'person:2', sitting: true, soughtReselection: true, chosen: false, votes: 8 },
      ],
    },
    badPatch: [{ candidates: [{ personId: 'person:1', sitting: 'yes' }] }, 'candidates.0.sitting'],
    badReference: [
      {
        sourceId: 'src:news',
        partyId: 'party:labour',
        councilId: 'TST',
        postId: 'post:none',
        pollDate: '2026-05-07',
        date: '2025-07-01',
      },
      'postId',
    ],
  },
  {
    kind: 'source',
    collection: '/api/sources',
    read: (id) => `/api/sources/${encodeURIComponent(id)}`,
    write: (id) => `/api/sources/${encodeURIComponent(id)}`,
    existing: 'src:news',
    create: {
      kind: 'url',
      url: 'https://example.org/news/2',
      title: 'Second story',
      publishedOn: '2025-01-02',
    },
    patch: { publisher: 'Example Gazette Ltd' },
    badPatch: [{ url: 'javascript:alert(1)' }, 'url'],
    badReference: [{ kind: 'url', title: 'no url' }, 'url'],
  },
];

const auditCount = async () => {
  const res = await t.app.request('/audit?limit=500', { headers: { Authorization: `Bearer ${t.admin}` } });
  return ((await res.json()) as { items: unknown[] }).items.length;
};
const readRecord = async (path: string) => {
  const res = await t.app.request(path);
  return {
    status: res.status,
    etag: res.headers.get('etag'),
    body: (await res.json()) as Record<string, unknown>,
  };
};
async function problem(res: Response, status: number, type: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = (await res.json()) as Record<string, unknown>;
  expect(body.type).toBe(`/problems/${type}`);
  return body;
}

describe.each(KINDS)('writing a $kind', (k) => {
  it('creates one (editor), at version 1, audited', async () => {
    const before = await auditCount();
    const res = await t.app.request(k.collection, withJson('POST', k.create, t.editor));
    expect(res.status).toBe(201);
    expect(res.headers.get('etag')).toBe('"1"');
    const created = (await res.json()) as Record<string, unknown> & { id: string };
    expect(created).toMatchObject({ ...k.create, version: 1 });
    expect(res.headers.get('location')).toBe(k.read(created.id));
    const back = await readRecord(res.headers.get('location')!);
    expect(back.body).toEqual(created);
    expect(await auditCount()).toBe(before + 1);
    const audit = (await (
      await t.app.request(`/audit?recordId=${encodeURIComponent(created.id)}`, {
        headers: { Authorization: `Bearer ${t.admin}` },
      })
    ).json()) as { items: Array<Record<string, unknown>> };
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({
      action: 'create',
      recordType: k.kind,
      actorName: 'Test Editor',
      actorRole: 'editor',
      before: null,
      after: created,
      at: '2026-11-25T12:00:00.000Z',
    });
  });

  it('refuses an anonymous create with 401 before looking at the body', async () => {
    const before = await auditCount();
    for (const body of [k.create, '{not json', 'x'.repeat(2 * 1024 * 1024)]) {
      const res = await t.app.request(k.collection, withJson('POST', body));
      const p = await problem(res, 401, 'unauthorized');
      expect(p.field).toBe('Authorization');
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    expect(await auditCount()).toBe(before);
  });

  it('refuses a wrong role (reader) with 403 and a bad token with 401', async () => {
    await problem(await t.app.request(k.collection, withJson('POST', k.create, reader)), 403, 'forbidden');
    await problem(
      await t.app.request(k.write(k.existing), withJson('PATCH', k.patch, reader, { 'If-Match': '"1"' })),
      403,
      'forbidden',
    );
    const forged = `${t.editor.slice(0, -4)}AAAA`;
    await problem(await t.app.request(k.collection, withJson('POST', k.create, forged)), 401, 'unauthorized');
    await problem(
      await t.app.request(k.collection, withJson('POST', k.create, 'caucus_0_x')),
      401,
      'unauthorized',
    );
  });

  it('refuses a create that breaks a rule (422, naming the field) and writes nothing', async () => {
    const before = await auditCount();
    const [bad, field] = k.badReference;
    const p = await problem(
      await t.app.request(k.collection, withJson('POST', bad, t.editor)),
      422,
      'invalid-input',
    );
    expect(p.field).toBe(field);
    const unknown = await problem(
      await t.app.request(k.collection, withJson('POST', { ...k.create, colour: 'red' }, t.editor)),
      422,
      'invalid-input',
    );
    expect(unknown).toMatchObject({ field: 'colour', rule: 'unrecognized_keys' });
    expect(await auditCount()).toBe(before);
  });

  it('refuses a duplicate id with 409', async () => {
    const res = await t.app.request(
      k.collection,
      withJson('POST', { ...k.create, id: k.existing }, t.editor),
    );
    expect((await problem(res, 409, 'conflict')).field).toBe('id');
  });

  it('changes fields when If-Match names the current version, bumping it and auditing before and after', async () => {
    const current = await readRecord(k.read(k.existing));
    const res = await t.app.request(
      k.write(k.existing),
      withJson('PATCH', k.patch, t.editor, { 'If-Match': current.etag! }),
    );
    expect(res.status).toBe(200);
    const version = Number(current.body.version);
    expect(res.headers.get('etag')).toBe(`"${version + 1}"`);
    const after = (await res.json()) as Record<string, unknown>;
    expect(after).toMatchObject({ ...k.patch, version: version + 1 });
    const audit = (await (
      await t.app.request(`/audit?recordType=${k.kind}&recordId=${encodeURIComponent(k.existing)}`, {
        headers: { Authorization: `Bearer ${t.admin}` },
      })
    ).json()) as { items: Array<Record<string, unknown>> };
    expect(audit.items[0]).toMatchObject({ action: 'update', before: current.body, after });
  });

  it('refuses a stale version with 412 and changes nothing', async () => {
    const current = await readRecord(k.read(k.existing));
    const before = await auditCount();
    const stale = `"${Number(current.body.version) - 1}"`;
    for (const ifMatch of [stale, `W/${current.etag}`]) {
      const res = await t.app.request(
        k.write(k.existing),
        withJson('PATCH', k.patch, t.editor, { 'If-Match': ifMatch }),
      );
      const p = await problem(res, 412, 'version-mismatch');
      expect(p.field).toBe('If-Match');
    }
    expect(await readRecord(k.read(k.existing))).toEqual(current);
    expect(await auditCount()).toBe(before);
  });

  it('needs If-Match (428), a well-formed one (400), a valid body (422) and a known id (404)', async () => {
    const current = await readRecord(k.read(k.existing));
    await problem(
      await t.app.request(k.write(k.existing), withJson('PATCH', k.patch, t.editor)),
      428,
      'precondition-required',
    );
    const bad = await problem(
      await t.app.request(
        k.write(k.existing),
        withJson('PATCH', k.patch, t.editor, { 'If-Match': 'version 3' }),
      ),
      400,
      'invalid-input',
    );
    expect(bad.field).toBe('If-Match');
    const [badPatch, field] = k.badPatch;
    const p = await problem(
      await t.app.request(
        k.write(k.existing),
        withJson('PATCH', badPatch, t.editor, { 'If-Match': current.etag! }),
      ),
      422,
      'invalid-input',
    );
    expect(p.field).toBe(field);
    await problem(
      await t.app.request(
        k.write(k.existing),
        withJson('PATCH', {}, t.editor, { 'If-Match': current.etag! }),
      ),
      422,
      'invalid-input',
    );
    await problem(
      await t.app.request(
        k.write(`${k.existing}-gone`),
        withJson('PATCH', k.patch, t.editor, { 'If-Match': '"1"' }),
      ),
      404,
      'not-found',
    );
    expect(await readRecord(k.read(k.existing))).toEqual(current);
  });
});

describe('request bodies', () => {
  it('refuses malformed JSON (400), other media types (415) and oversized bodies (413)', async () => {
    const before = await auditCount();
    const malformed = await problem(
      await t.app.request('/api/people', withJson('POST', '{"name": "x",', t.editor)),
      400,
      'invalid-input',
    );
    expect(malformed).toMatchObject({ field: 'body', rule: 'json' });
    await problem(
      await t.app.request('/api/people', {
        method: 'POST',
        body: 'name=x',
        headers: { Authorization: `Bearer ${t.editor}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      }),
      415,
      'unsupported-media-type',
    );
    const big = { sourceId: 'src:test', name: 'x', givenName: 'y'.repeat(1024 * 1024) };
    await problem(
      await t.app.request('/api/people', withJson('POST', big, t.editor)),
      413,
      'payload-too-large',
    );
    // Without a Content-Length the limit is enforced while reading.
    const chunk = new TextEncoder().encode(' '.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 40) controller.enqueue(chunk);
        else controller.close();
      },
    });
    await problem(
      await t.app.request('/api/people', {
        method: 'POST',
        body: stream,
        headers: { Authorization: `Bearer ${t.editor}`, 'Content-Type': 'application/json' },
        duplex: 'half',
      } as RequestInit),
      413,
      'payload-too-large',
    );
    const wrongType = await problem(
      await t.app.request('/api/people', withJson('POST', { sourceId: 'src:test', name: 42 }, t.editor)),
      422,
      'invalid-input',
    );
    expect(wrongType).toMatchObject({ field: 'name', rule: 'invalid_type' });
    expect(await auditCount()).toBe(before);
  });
});

describe('GET /audit', () => {
  it('is for admins only', async () => {
    await problem(await t.app.request('/audit'), 401, 'unauthorized');
    await problem(
      await t.app.request('/audit', { headers: { Authorization: `Bearer ${t.editor}` } }),
      403,
      'forbidden',
    );
    for (const name of ['Audit One', 'Audit Two', 'Audit Three']) {
      const res = await t.app.request(
        '/api/people',
        withJson('POST', { sourceId: 'src:test', name }, t.editor),
      );
      expect(res.status).toBe(201);
    }
    const res = await t.app.request('/audit?limit=2', { headers: { Authorization: `Bearer ${t.admin}` } });
    expect(res.status).toBe(200);
    const page = (await res.json()) as { items: Array<{ id: number }>; nextCursor: string };
    expect(page.items).toHaveLength(2);
    expect(page.items[0]!.id).toBeGreaterThan(page.items[1]!.id);
    const next = (await (
      await t.app.request(`/audit?limit=2&cursor=${page.nextCursor}`, {
        headers: { Authorization: `Bearer ${t.admin}` },
      })
    ).json()) as { items: Array<{ id: number }> };
    expect(next.items[0]!.id).toBeLessThan(page.items[1]!.id);
  });
});

describe('rules across fields', () => {
  it('refuses an end before the start and a selection naming a person twice', async () => {
    const m = await readRecord('/api/memberships/m:1');
    const p = await problem(
      await t.app.request(
        '/api/memberships/m:1',
        withJson('PATCH', { endDate: '2020-01-01' }, t.editor, { 'If-Match': m.etag! }),
      ),
      422,
      'invalid-input',
    );
    expect(p).toMatchObject({ field: 'endDate', rule: 'date-order' });
    const s = await readRecord('/api/selections/sel:1');
    const twice = { personId: 'person:1', sitting: false, soughtReselection: false, chosen: false };
    const q = await problem(
      await t.app.request(
        '/api/selections/sel:1',
        withJson('PATCH', { candidates: [twice, twice] }, t.editor, { 'If-Match': s.etag! }),
      ),
      422,
      'invalid-input',
    );
    expect(q).toMatchObject({ field: 'candidates.1.personId', rule: 'unique' });
    expect(await readRecord('/api/selections/sel:1')).toEqual(s);
  });
});
