import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { type TestApi, testApi, withJson } from './http.test-support.js';
import { type RunningServer, startServer } from './server.js';

let t: TestApi;
let server: RunningServer;
beforeAll(async () => {
  t = await testApi();
  // The client address comes from the socket here (no proxy trusted), so the limit applies to 127.0.0.1.
  const app = createApp({
    store: t.store,
    clock: t.clock,
    config: { rateLimit: { perAddress: { burst: 4, perSecond: 0.001 }, perToken: null }, logError: () => {} },
  });
  server = await startServer(app, { port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await server.close();
  await t.close();
});

describe('over a real socket on 127.0.0.1', () => {
  it('serves reads, streams exports, takes writes, and limits by the socket address', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.port).toBeGreaterThan(0);
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
    const council = await fetch(`${server.url}/api/councils/TST?asOf=2023-05-31`);
    expect(((await council.json()) as { control: { status: string } }).control.status).toBe('majority');
    const csv = await fetch(`${server.url}/api/export/candidates.csv`);
    expect((await csv.text()).split('\r\n')[0]).toMatch(/^person_id,person_name,/);
    const created = await fetch(
      `${server.url}/api/people`,
      withJson('POST', { sourceId: 'src:test', name: 'Over The Wire' }, t.editor),
    );
    expect(created.status).toBe(201);
    const anonymous = await fetch(`${server.url}/api/people`, withJson('POST', { name: 'x' }));
    expect(anonymous.status).toBe(401);
    // Four requests were allowed (the token check is paid by the address; the anonymous write was refused
    // before the limit): the next is not.
    const limited = await fetch(`${server.url}/healthz`);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
