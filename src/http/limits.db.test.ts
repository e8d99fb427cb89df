import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../store/store.js';
import { createApp, SECURITY_HEADERS } from './app.js';
import { type TestApi, testApi, withJson } from './http.test-support.js';

let t: TestApi | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const from = (address: string, headers: Record<string, string> = {}) => ({
  headers: { 'X-Forwarded-For': address, ...headers },
});

describe('security headers', () => {
  it('are on every response: success, 304, errors and refusals', async () => {
    t = await testApi({ bodyLimitBytes: 100 });
    const ok = await t.app.request('/api/councils/TST');
    const responses = [
      ok,
      await t.app.request('/api/councils/TST', { headers: { 'If-None-Match': ok.headers.get('etag')! } }),
      await t.app.request('/api/councils/NOPE'),
      await t.app.request('/no/such/route'),
      await t.app.request('/api/people', withJson('POST', {})),
      await t.app.request('/api/people', withJson('POST', { name: 'x'.repeat(200) }, t.editor)),
      await t.app.request('/feeds/events.atom'),
      await t.app.request('/api/export/candidates.csv'),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 304, 404, 404, 401, 413, 200, 200]);
    for (const res of responses) {
      for (const [name, value] of Object.entries(SECURITY_HEADERS))
        expect(res.headers.get(name), name).toBe(value);
      expect(res.headers.get('x-problem-type')).toBeNull();
    }
    expect(SECURITY_HEADERS['Content-Security-Policy']).toMatch(/default-src 'self'/);
  });
});

describe('CORS', () => {
  it('is off unless configured: no CORS headers for any origin', async () => {
    t = await testApi();
    const res = await t.app.request('/api/councils', { headers: { Origin: 'https://evil.example' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await t.app.request('/api/people', {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-methods')).toBeNull();
  });

  it('allows exactly the configured origins', async () => {
    t = await testApi({ corsOrigins: ['https://newsroom.example'] });
    const allowed = await t.app.request('/api/councils', { headers: { Origin: 'https://newsroom.example' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://newsroom.example');
    expect(allowed.headers.get('access-control-expose-headers')).toContain('ETag');
    const other = await t.app.request('/api/councils', {
      headers: { Origin: 'https://newsroom.example.evil' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await t.app.request('/api/people', {
      method: 'OPTIONS',
      headers: { Origin: 'https://newsroom.example', 'Access-Control-Request-Method': 'PATCH' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PATCH');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('If-Match');
  });
});

describe('rate limits', () => {
  it('per address: 429 with Retry-After once the allowance is spent, refilled as the clock moves', async () => {
    t = await testApi({
      trustProxy: true,
      rateLimit: { perAddress: { burst: 3, perSecond: 0.5 }, perToken: null },
    });
    for (let i = 0; i < 3; i++) expect((await t.app.request('/healthz', from('10.0.0.1'))).status).toBe(200);
    const limited = await t.app.request('/api/councils', from('10.0.0.1'));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(await limited.json()).toMatchObject({
      type: '/problems/rate-limited',
      status: 429,
      retryAfter: 2,
    });
    expect((await t.app.request('/healthz', from('10.0.0.2'))).status).toBe(200);
    t.clock.advance(1999);
    expect((await t.app.request('/healthz', from('10.0.0.1'))).status).toBe(429);
    t.clock.advance(1);
    expect((await t.app.request('/healthz', from('10.0.0.1'))).status).toBe(200);
  });

  it('per token: a verified token has its own allowance, apart from its address', async () => {
    t = await testApi({
      trustProxy: true,
      rateLimit: { perAddress: { burst: 2, perSecond: 1 }, perToken: { burst: 2, perSecond: 1 } },
    });
    const auth = from('10.0.0.9', { Authorization: `Bearer ${t.editor}` });
    // The first use verifies the token and is paid for by the address; later ones by the token.
    expect((await t.app.request('/healthz', auth)).status).toBe(200);
    expect((await t.app.request('/healthz', auth)).status).toBe(200);
    expect((await t.app.request('/healthz', auth)).status).toBe(200);
    const limited = await t.app.request('/healthz', auth);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect((await t.app.request('/healthz', from('10.0.0.9'))).status).toBe(200);
  });

  it('limits guessing tokens through the address allowance', async () => {
    t = await testApi({
      trustProxy: true,
      rateLimit: { perAddress: { burst: 2, perSecond: 1 }, perToken: null },
    });
    const guess = (n: number) =>
      from('10.0.0.7', { Authorization: `Bearer caucus_${'0'.repeat(15)}${n}_${'A'.repeat(43)}` });
    expect((await t.app.request('/healthz', guess(1))).status).toBe(401);
    expect((await t.app.request('/healthz', guess(2))).status).toBe(401);
    expect((await t.app.request('/healthz', guess(3))).status).toBe(429);
  });

  it('still answers an anonymous write with 401 first', async () => {
    t = await testApi({
      trustProxy: true,
      rateLimit: { perAddress: { burst: 1, perSecond: 1 }, perToken: null },
    });
    for (let i = 0; i < 3; i++) {
      expect((await t.app.request('/api/people', { method: 'POST', ...from('10.0.0.5') })).status).toBe(401);
    }
  });
});

describe('GET /metrics', () => {
  it('counts requests by route template and status, with a latency histogram and errors by type', async () => {
    t = await testApi();
    await t.app.request('/api/councils/TST');
    await t.app.request('/api/councils/TST');
    await t.app.request('/api/councils/NOPE');
    await t.app.request('/api/people', withJson('POST', {}));
    await t.app.request('/no/such/route');
    const res = await t.app.request('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    const value = (series: string) => {
      const line = text.split('\n').find((l) => l.startsWith(`${series} `));
      return line === undefined ? undefined : Number(line.slice(series.length + 1));
    };
    expect(value('caucus_http_requests_total{method="GET",route="/api/councils/{id}",status="200"}')).toBe(2);
    expect(value('caucus_http_requests_total{method="GET",route="/api/councils/{id}",status="404"}')).toBe(1);
    expect(value('caucus_http_requests_total{method="GET",route="unmatched",status="404"}')).toBe(1);
    expect(value('caucus_http_errors_total{route="/api/councils/{id}",type="/problems/not-found"}')).toBe(1);
    expect(value('caucus_http_errors_total{route="unmatched",type="/problems/unauthorized"}')).toBe(1);
    expect(value('caucus_http_request_duration_seconds_count{route="/api/councils/{id}"}')).toBe(3);
    expect(value('caucus_http_request_duration_seconds_bucket{route="/api/councils/{id}",le="+Inf"}')).toBe(
      3,
    );
    const buckets = text
      .split('\n')
      .filter((l) => l.startsWith('caucus_http_request_duration_seconds_bucket{route="/api/councils/{id}"'))
      .map((l) => Number(l.split(' ')[1]));
    expect(buckets.length).toBeGreaterThan(5);
    expect(buckets).toEqual([...buckets].sort((a, b) => a - b));
    for (const line of text.trim().split('\n')) {
      expect(line).toMatch(/^(# (HELP|TYPE) \w+ .+|\w+(\{(\w+="([^"\\]|\\.)*",?)+\})? -?[\d.e+]+)$/);
    }
  });
});

describe('GET /healthz', () => {
  it('is 503 when the database does not answer', async () => {
    t = await testApi();
    const broken = {
      ...t.store,
      catalog: Object.assign(Object.create(t.store.catalog), {
        ping: async () => {
          throw new Error('database is locked');
        },
      }),
    } as Store;
    const app = createApp({ store: broken, clock: t.clock });
    const res = await app.request('/healthz');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'unavailable', database: 'unreachable' });
  });
});

describe('unexpected errors', () => {
  it('are a 500 problem that reveals nothing, and are logged', async () => {
    const logged: unknown[] = [];
    t = await testApi({ logError: (e) => logged.push(e) });
    const broken = {
      ...t.store,
      query: Object.assign(Object.create(t.store.query), {
        council: async () => {
          throw new Error('secret internal detail');
        },
      }),
    } as Store;
    const app = createApp({ store: broken, clock: t.clock, config: { logError: (e) => logged.push(e) } });
    const res = await app.request('/api/councils/TST');
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(body).not.toContain('secret');
    expect(JSON.parse(body)).toMatchObject({ type: '/problems/internal', status: 500 });
    expect(logged).toHaveLength(1);
  });
});

describe('the view cache', () => {
  it('serves repeated views from memory, drops them on a write through the API, and ages out others', async () => {
    t = await testApi({ cacheTtlMs: 10_000 });
    const name = async () =>
      ((await (await t!.app.request('/api/people/person:2')).json()) as { person: { name: string } }).person
        .name;
    expect(await name()).toBe('Sam Sample');
    expect(await name()).toBe('Sam Sample');
    const metrics = await (await t.app.request('/metrics')).text();
    expect(metrics).toContain('caucus_view_cache_requests_total{result="hit"} 1');
    expect(metrics).toContain('caucus_view_cache_requests_total{result="miss"} 1');

    // A write through the API is visible at once, in views and in search.
    const patched = await t.app.request(
      '/api/people/person:2',
      withJson('PATCH', { name: 'Samira Sample' }, t.editor, { 'If-Match': '"1"' }),
    );
    expect(patched.status).toBe(200);
    expect(await name()).toBe('Samira Sample');
    const found = (await (await t.app.request('/api/people?q=samira')).json()) as {
      items: Array<{ id: string }>;
    };
    expect(found.items.map((i) => i.id)).toEqual(['person:2']);

    // A write by another process (here: straight into the store) shows once the cached view ages out.
    await t.store.transaction((r) => r.records.update('persons', 'person:2', 2, { name: 'Outside Edit' }));
    expect(await name()).toBe('Samira Sample');
    t.clock.advance(10_000);
    expect(await name()).toBe('Outside Edit');
  });

  it('can be turned off', async () => {
    t = await testApi({ cacheTtlMs: 0 });
    expect(
      ((await (await t.app.request('/api/people/person:2')).json()) as { person: { name: string } }).person
        .name,
    ).toBe('Sam Sample');
    await t.store.transaction((r) => r.records.update('persons', 'person:2', 1, { name: 'Uncached' }));
    const page = (await (await t.app.request('/api/people/person:2')).json()) as { person: { name: string } };
    expect(page.person.name).toBe('Uncached');
    expect(await (await t.app.request('/metrics')).text()).not.toContain('caucus_view_cache');
  });
});
