import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type TestApi, testApi, withJson } from './http.test-support.js';

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: Record<string, unknown>;
}
interface Operation {
  operationId: string;
  parameters: Parameter[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, unknown>;
  security: unknown[];
  'x-caucus-role': string;
}
type Doc = { openapi: string; paths: Record<string, Record<string, Operation>> };

let t: TestApi;
let doc: Doc;
const operations: Array<{ method: string; path: string; op: Operation }> = [];

beforeAll(async () => {
  t = await testApi();
  const res = await t.app.request('/openapi.json');
  expect(res.status).toBe(200);
  doc = (await res.json()) as Doc;
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods))
      operations.push({ method: method.toUpperCase(), path, op });
  }
});
afterAll(async () => t.close());

/** Fills a path template with a value for each parameter. */
const fill = (path: string, value: (name: string) => string) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(value(name)));

const counts = async () => {
  const c = await t.store.registry.counts();
  const audit = await t.store.accounts.auditPage({}, null, 10_000);
  return { ...c, audit: audit.length };
};

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 and lists every mounted route exactly once', () => {
    expect(doc.openapi).toBe('3.1.0');
    const declared = t.app.registry.routes.map((r) => `${r.method} ${r.path}`).sort();
    expect(operations.map((o) => `${o.method} ${o.path}`).sort()).toEqual(declared);
    expect(new Set(operations.map((o) => o.op.operationId)).size).toBe(operations.length);
    for (const must of [
      'GET /api/councils',
      'GET /api/councils/{id}',
      'GET /api/people',
      'POST /api/people',
      'PATCH /api/people/{id}',
      'GET /api/export/popolo',
      'GET /feeds/councils/{id}.atom',
      'GET /audit',
      'GET /api/councils/{id}/ledger',
      'GET /api/export/ledger.csv',
      'GET /api/forecasts/{id}',
      'GET /api/forecast',
      'GET /healthz',
      'GET /metrics',
    ]) {
      expect(declared).toContain(must);
    }
  });

  it('declares each path template parameter, and only those, as a required path parameter', () => {
    for (const { path, op } of operations) {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const declared = op.parameters.filter((p) => p.in === 'path');
      expect(declared.map((p) => p.name).sort(), path).toEqual(inPath);
      expect(declared.every((p) => p.required)).toBe(true);
    }
  });

  it('carries the zod schemas that validate requests, as JSON Schema', () => {
    const list = operations.find((o) => o.method === 'GET' && o.path === '/api/councils')!.op;
    const nation = list.parameters.find((p) => p.name === 'nation')!;
    expect(nation).toMatchObject({ in: 'query', required: false });
    expect(nation.schema.enum).toEqual(['england', 'wales', 'scotland', 'northern-ireland']);
    const limit = list.parameters.find((p) => p.name === 'limit')!;
    expect(limit.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 500, default: 50 });
    const create = operations.find((o) => o.method === 'POST' && o.path === '/api/people')!.op;
    const body = create.requestBody!.content['application/json']!.schema;
    expect(body).toMatchObject({ type: 'object', additionalProperties: false });
    expect(body.required).toEqual(expect.arrayContaining(['sourceId', 'name']));
    const patch = operations.find((o) => o.method === 'PATCH' && o.path === '/api/people/{id}')!.op;
    expect(patch.parameters.find((p) => p.in === 'header')).toMatchObject({
      name: 'If-Match',
      required: true,
    });
    // Every schema in the document is itself a usable JSON Schema.
    for (const { op } of operations) {
      for (const p of op.parameters) expect(() => z.fromJSONSchema(p.schema as never)).not.toThrow();
    }
  });

  it('documents problem responses: 401 and 403 on every write, 412 and 428 where If-Match is needed', () => {
    for (const { method, path, op } of operations) {
      if (method === 'GET' && op['x-caucus-role'] === 'reader') continue;
      expect(Object.keys(op.responses), `${method} ${path}`).toEqual(expect.arrayContaining(['401', '403']));
      expect(op.security).toEqual([{ bearer: [] }]);
      if (op.parameters.some((p) => p.name === 'If-Match')) {
        expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['412', '428']));
      }
    }
  });
});

describe('every route in the document', () => {
  const admin = () => ({ Authorization: `Bearer ${t.admin}` });

  it('refuses an unknown query parameter with 400, naming it', async () => {
    for (const { method, path, op } of operations) {
      const init =
        method === 'GET' ? { headers: admin() } : withJson(method, {}, t.admin, { 'If-Match': '"1"' });
      const query = new URLSearchParams({ bogus: '1' });
      for (const p of op.parameters.filter((p) => p.in === 'query' && p.required)) query.set(p.name, 'alex');
      const res = await t.app.request(`${fill(path, () => 'TST')}?${query}`, init);
      expect(res.status, `${method} ${path}`).toBe(400);
      expect(((await res.json()) as { field: string }).field).toBe('bogus');
    }
  });

  it('answers 404 for an unknown id in any path parameter of a read', async () => {
    for (const { path } of operations.filter((o) => o.method === 'GET' && o.path.includes('{'))) {
      const res = await t.app.request(
        fill(path, () => 'zz-unknown-id'),
        { headers: admin() },
      );
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
  });
});

describe('every write route in the document', () => {
  const writes = () => operations.filter((o) => o.method !== 'GET');

  it('exists (records: create and edit; review; forecasts: start and cancel; tokens: revoke)', () => {
    expect(
      writes()
        .map((o) => `${o.method} ${o.path}`)
        .sort(),
    ).toEqual(
      [
        'POST /api/people',
        'PATCH /api/people/{id}',
        'POST /api/memberships',
        'PATCH /api/memberships/{id}',
        'POST /api/events',
        'PATCH /api/events/{id}',
        'POST /api/selections',
        'PATCH /api/selections/{id}',
        'POST /api/sources',
        'PATCH /api/sources/{id}',
        'POST /api/extract',
        'POST /api/articles',
        'POST /api/claims/{id}/accept',
        'POST /api/claims/{id}/reject',
        'POST /api/forecasts',
        'DELETE /api/forecasts/{id}',
        'DELETE /api/tokens/{id}',
      ].sort(),
    );
  });

  it('refuses an anonymous request with 401, whatever the body, and writes nothing', async () => {
    const before = await counts();
    for (const { method, path } of writes()) {
      for (const body of [{}, { name: 'x' }, '{"broken', '']) {
        for (const id of ['person:1', 'no-such-id']) {
          const res = await t.app.request(
            fill(path, () => id),
            withJson(method, body, undefined, { 'If-Match': '"1"' }),
          );
          expect(res.status, `${method} ${path}`).toBe(401);
          const p = (await res.json()) as { type: string; field: string };
          expect(p).toMatchObject({ type: '/problems/unauthorized', field: 'Authorization' });
        }
      }
    }
    // Routes that only admins may read refuse anonymous callers the same way.
    for (const { path } of operations.filter(
      (o) => o.method === 'GET' && o.op['x-caucus-role'] !== 'reader',
    )) {
      expect((await t.app.request(fill(path, () => 'x'))).status).toBe(401);
    }
    expect(await counts()).toEqual(before);
  });
});

describe('injection attempts in every string parameter', () => {
  const PAYLOADS = [
    "' OR 1=1 --",
    "x'); DROP TABLE persons; --",
    '"; DELETE FROM memberships; --',
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '../../etc/passwd',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection payload, sent as plain text
    '${7*7}{{7*7}}',
  ];

  it('are refused or answered as data: never a 5xx, never HTML, and nothing changes', async () => {
    const before = await counts();
    const reads = operations.filter((o) => o.method === 'GET');
    let tried = 0;
    for (const { path, op } of reads) {
      const stringParams = op.parameters.filter(
        (p) => p.in !== 'header' && (p.schema.type === 'string' || p.schema.anyOf),
      );
      for (const param of stringParams) {
        for (const payload of PAYLOADS) {
          let url: string;
          if (param.in === 'path') url = fill(path, (name) => (name === param.name ? payload : 'TST'));
          else {
            const q = new URLSearchParams({ [param.name]: payload });
            if (param.name !== 'q' && op.parameters.some((p) => p.name === 'q' && p.required))
              q.set('q', 'alex');
            url = `${fill(path, () => 'TST')}?${q}`;
          }
          const res = await t.app.request(url, { headers: { Authorization: `Bearer ${t.admin}` } });
          tried++;
          expect(res.status, url).toBeLessThan(500);
          expect(res.headers.get('content-type') ?? '', url).not.toMatch(/html/);
          expect(res.headers.get('x-content-type-options')).toBe('nosniff');
          const text = await res.text();
          if (res.headers.get('content-type')?.includes('json')) expect(() => JSON.parse(text)).not.toThrow();
        }
      }
    }
    expect(tried).toBeGreaterThan(50);
    expect(await counts()).toEqual(before);
  });

  it('are stored exactly as sent and returned inert (JSON string, escaped in Atom)', async () => {
    const persons = (await counts()).persons;
    for (const payload of PAYLOADS) {
      const res = await t.app.request(
        '/api/people',
        withJson('POST', { sourceId: 'src:test', name: payload, familyName: payload }, t.editor),
      );
      expect(res.status).toBe(201);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const created = (await res.json()) as { id: string; name: string };
      expect(created.name).toBe(payload.trim());
      const back = (await (
        await t.app.request(`/api/people/${encodeURIComponent(created.id)}/record`)
      ).json()) as {
        name: string;
      };
      expect(back.name).toBe(payload.trim());
      const ev = await t.app.request(
        '/api/events',
        withJson(
          'POST',
          {
            sourceId: 'src:test',
            type: 'defection',
            date: '2026-01-01',
            title: payload,
            councilId: 'TST',
            personId: created.id,
          },
          t.editor,
        ),
      );
      expect(ev.status).toBe(201);
    }
    expect((await counts()).persons).toBe(persons + PAYLOADS.length);
    const atom = await (await t.app.request('/feeds/councils/TST.atom?limit=200')).text();
    expect(atom).not.toContain('<script>');
    expect(atom).not.toContain('<img');
    expect(atom).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const search = (await (
      await t.app.request(`/api/people?q=${encodeURIComponent("' OR 1=1 --")}`)
    ).json()) as {
      items: Array<{ name: string }>;
    };
    expect(search.items[0]?.name).toBe("' OR 1=1 --");
  });
});
