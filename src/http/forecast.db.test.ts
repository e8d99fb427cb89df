import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../app/commands/accounts.commands.js';
import { forecast, forecastCompare, surges } from '../app/commands/forecast.commands.js';
import type { AppContext } from '../app/context.js';
import { generateSample } from '../engines/sample/index.js';
import { openStore, type Store } from '../store/store.js';
import { testTargets } from '../store/targets.test-support.js';
import { type CaucusApp, createApp } from './app.js';
import { movableClock, withJson } from './http.test-support.js';

const TODAY = '2026-11-25';

interface Job {
  id: string;
  status: string;
  progress: { done: number; total: number };
  createdAt: string;
  input: Record<string, unknown>;
  result?: Record<string, unknown> & { id: string; polls: unknown; pathways: unknown };
  error?: { type: string; detail: string };
}

for (const target of testTargets()) {
  describe(`forecasts over HTTP on ${target.name}`, () => {
    let store: Store;
    let ctx: AppContext;
    let app: CaucusApp;
    let editor: string;
    let admin: string;
    let reader: string;
    let councils: string[];
    let clock: ReturnType<typeof movableClock>;

    beforeAll(async () => {
      store = await openStore(await target.fresh());
      await store.transaction((r) =>
        r.registry.load(generateSample({ scale: 'small', seed: 1, today: TODAY })),
      );
      clock = movableClock(`${TODAY}T12:00:00Z`);
      ctx = { store, clock };
      editor = (await createToken(ctx, { role: 'editor', name: 'Forecast Editor' })).token;
      admin = (await createToken(ctx, { role: 'admin', name: 'Forecast Admin' })).token;
      reader = (await createToken(ctx, { role: 'reader', name: 'Forecast Reader' })).token;
      app = createApp({
        store,
        clock,
        config: { rateLimit: { perAddress: null, perToken: null }, logError: () => {} },
      });
      councils = (await store.query.organizations('council')).map((c) => c.id);
    });
    afterAll(async () => {
      await app?.close();
      await store?.close();
      await target.cleanup();
    });

    const bearer = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } });
    const get = async <T = Job>(path: string, token?: string) => {
      const res = await app.request(path, token ? bearer(token) : {});
      return { status: res.status, body: (await res.json()) as T, headers: res.headers };
    };
    const start = async (body: unknown, token = editor) => {
      // Each forecast a second after the last, so "newest first" is well defined.
      clock.advance(1000);
      const res = await app.request('/api/forecasts', withJson('POST', body, token));
      return {
        status: res.status,
        body: (await res.json()) as Record<string, unknown>,
        headers: res.headers,
      };
    };
    /** Polls the job until it is no longer running (the run happens in the background). */
    const settle = async (id: string): Promise<Job> => {
      for (;;) {
        const r = await get(`/api/forecasts/${id}`);
        expect(r.status).toBe(200);
        if (r.body.status !== 'running') return r.body;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    };

    it('runs a forecast in the background; the result equals a direct call with the same seed', async () => {
      const council = councils[0]!;
      const s = await start({ council, runs: 300, seed: 7, polls: 2 });
      expect(s.status).toBe(202);
      expect(Object.keys(s.body).sort()).toEqual(['id', 'links', 'progress', 'status']);
      expect(s.body).toMatchObject({ status: 'running', progress: { done: 0, total: 300 } });
      const id = s.body.id as string;
      expect(s.headers.get('location')).toBe(`/api/forecasts/${id}`);
      expect(s.body.links).toEqual({ self: `/api/forecasts/${id}` });

      const done = await settle(id);
      expect(done.status).toBe('done');
      expect(done.progress).toEqual({ done: 300, total: 300 });
      expect(done.input).toMatchObject({ council, runs: 300, seed: 7, polls: 2 });
      const direct = await forecast(ctx, { council, runs: 300, seed: 7, polls: 2, save: false, workers: 0 });
      const { id: savedId, threads: _t1, ...fromApi } = done.result as unknown as Record<string, unknown>;
      const { id: _none, threads: _t2, ...fromCommand } = direct as unknown as Record<string, unknown>;
      expect(savedId).toBe(id);
      expect(fromApi).toEqual(JSON.parse(JSON.stringify(fromCommand)));

      // It survives in the saved forecasts: the list, the latest for the council, and the audit log.
      const list = await get<{ items: Array<{ id: string }> }>('/api/forecasts');
      expect(list.body.items.map((f) => f.id)).toContain(id);
      const latest = await get<Record<string, unknown>>(
        `/api/forecast?council=${encodeURIComponent(council)}`,
      );
      expect(latest.status).toBe(200);
      expect(latest.body).toEqual(done.result);
      const audit = await get<{ items: Array<Record<string, unknown>> }>(
        `/audit?recordType=forecast&recordId=${id}`,
        admin,
      );
      expect(audit.body.items).toEqual([
        expect.objectContaining({ action: 'create', actorName: 'Forecast Editor', before: null }),
      ]);
      expect(await store.forecast.get(id)).toMatchObject({ id, seed: 7, runs: 300 });
    });

    it('lists saved forecasts a page at a time, compares two, and gives the latest covering a council', async () => {
      const council = councils[1]!;
      const a = await settle((await start({ council, runs: 200, seed: 1, polls: 1 })).body.id as string);
      const b = await settle(
        (
          await start({
            council,
            runs: 200,
            seed: 1,
            polls: 1,
            scenario: { name: 'Keen selectors', parameters: { deselectionIntercept: 1.5 } },
          })
        ).body.id as string,
      );
      expect(b.status).toBe('done');
      expect(b.progress).toEqual({ done: 400, total: 400 });
      const first = await get<{ items: Array<{ id: string }>; nextCursor: string | null }>(
        '/api/forecasts?limit=1',
      );
      expect(first.body.items.map((f) => f.id)).toEqual([b.id]);
      expect(first.headers.get('link')).toMatch(/rel="next"/);
      const second = await get<{ items: Array<{ id: string }> }>(
        `/api/forecasts?limit=1&cursor=${first.body.nextCursor}`,
      );
      expect(second.body.items.map((f) => f.id)).toEqual([a.id]);

      const compared = await get<Record<string, unknown>>(`/api/forecasts/compare?a=${a.id}&b=${b.id}`);
      expect(compared.status).toBe(200);
      expect(compared.body).toEqual(
        JSON.parse(JSON.stringify(await forecastCompare(ctx, { a: a.id, b: b.id }))),
      );
      expect((await get(`/api/forecasts/compare?a=${a.id}&b=fc-nope`)).status).toBe(404);
      expect((await get(`/api/forecasts/compare?a=${a.id}`)).status).toBe(400);

      const latest = await get<{ id: string }>(`/api/forecast?council=${encodeURIComponent(council)}`);
      expect(latest.body.id).toBe(b.id);
      // No forecast covers the third council (none so far was national).
      const none = await get<{ type: string; detail: string }>(
        `/api/forecast?council=${encodeURIComponent(councils[2]!)}`,
      );
      expect(none.status).toBe(404);
      expect(none.body.type).toBe('/problems/not-found');
      expect((await get<{ id: string }>('/api/forecast')).body.id).toBe(b.id);
    });

    it('serves membership surges as `caucus surges --json` does', async () => {
      const r = await get<Record<string, unknown>>('/api/surges?asOf=2026-06-01');
      expect(r.status).toBe(200);
      expect(r.body).toEqual(JSON.parse(JSON.stringify(await surges(ctx, { asOf: '2026-06-01' }))));
      const bad = await get<{ field: string }>('/api/surges?asOf=June');
      expect(bad.status).toBe(400);
      expect(bad.body.field).toBe('asOf');
    });

    it('refuses bad input with a problem naming the field, and starts nothing', async () => {
      const cases: Array<[unknown, number, string | RegExp]> = [
        [{ runs: 0 }, 422, 'runs'],
        [{ runs: 100_001 }, 422, 'runs'],
        [{ runs: 2.5 }, 422, 'runs'],
        [{ polls: 13 }, 422, 'polls'],
        [{ seed: -1 }, 422, 'seed'],
        [{ council: councils[0], national: true }, 422, 'national'],
        [{ colour: 'red' }, 422, 'colour'],
        [{ scenario: { parameters: { retirementProbability: 1.5 } } }, 422, /^scenario: parameters\./],
        [{ scenario: { surges: [{ localParties: ['x'], growth: -2 }] } }, 422, 'scenario: surges.0.growth'],
      ];
      for (const [body, status, field] of cases) {
        const r = await start(body);
        expect(r.status, JSON.stringify(body)).toBe(status);
        expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(r.body.field).toMatch(field);
      }
      const unknown = await start({ council: 'council:atlantis' });
      expect(unknown.status).toBe(404);
      expect((await start('{"runs":')).status).toBe(400);
      expect((await get('/api/forecasts/fc-20990101000000-000000')).status).toBe(404);
      expect((await get('/api/forecasts')).body).toMatchObject({ items: expect.any(Array) });
    });

    it('needs an editor token to start or cancel a forecast', async () => {
      const anonymous = await app.request('/api/forecasts', withJson('POST', { runs: 10 }));
      expect(anonymous.status).toBe(401);
      expect((await anonymous.json()) as { type: string }).toMatchObject({ type: '/problems/unauthorized' });
      const asReader = await start({ runs: 10 }, reader);
      expect(asReader.status).toBe(403);
      expect(asReader.body.type).toBe('/problems/forbidden');
      expect((await app.request('/api/forecasts/fc-x', { method: 'DELETE' })).status).toBe(401);
      expect((await app.request('/api/forecasts/fc-x', { method: 'DELETE', ...bearer(reader) })).status).toBe(
        403,
      );
    });

    it('cancels a running forecast, runs one at a time, and keeps a finished one', async () => {
      const before = (await store.forecast.ids()).length;
      const big = await start({ national: true, runs: 100_000, seed: 3 });
      expect(big.status).toBe(202);
      const id = big.body.id as string;
      const busy = await start({ runs: 10 });
      expect(busy.status).toBe(409);
      expect(busy.body).toMatchObject({ type: '/problems/conflict', rule: 'forecast-busy', running: id });

      const cancel = await app.request(`/api/forecasts/${id}`, { method: 'DELETE', ...bearer(editor) });
      expect(cancel.status).toBe(200);
      const cancelled = (await cancel.json()) as Job;
      expect(cancelled).toMatchObject({ id, status: 'cancelled' });
      expect(cancelled.progress.done).toBeLessThan(100_000);
      expect((await get(`/api/forecasts/${id}`)).body.status).toBe('cancelled');
      // Cancelling again answers as it stands; nothing was saved; the audit log says who cancelled.
      const again = await app.request(`/api/forecasts/${id}`, { method: 'DELETE', ...bearer(editor) });
      expect(again.status).toBe(200);
      expect((await store.forecast.ids()).length).toBe(before);
      expect(await store.forecast.get(id)).toBeUndefined();
      const audit = await get<{ items: Array<Record<string, unknown>> }>(
        `/audit?recordType=forecast&recordId=${id}`,
        admin,
      );
      expect(audit.body.items).toEqual([
        expect.objectContaining({
          action: 'cancel',
          actorName: 'Forecast Editor',
          after: expect.objectContaining({ status: 'cancelled' }),
        }),
      ]);

      // The slot is free again; a finished forecast cannot be cancelled; an unknown one is not found.
      const small = await settle(
        (await start({ council: councils[0], runs: 50, seed: 2, polls: 1 })).body.id as string,
      );
      expect(small.status).toBe('done');
      const late = await app.request(`/api/forecasts/${small.id}`, { method: 'DELETE', ...bearer(editor) });
      expect(late.status).toBe(409);
      expect(((await late.json()) as { rule: string }).rule).toBe('not-running');
      const missing = await app.request('/api/forecasts/fc-nope', { method: 'DELETE', ...bearer(editor) });
      expect(missing.status).toBe(404);
    });

    it('reports a forecast that fails in the background as failed, with a problem', async () => {
      // The timetable runs to 2050: seen from 2051 no poll is due, which only the run itself finds out.
      const far = createApp({
        store,
        clock: movableClock('2051-01-01T00:00:00Z'),
        config: { rateLimit: { perAddress: null, perToken: null }, logError: () => {} },
      });
      const res = await far.request('/api/forecasts', withJson('POST', { runs: 10 }, editor));
      expect(res.status).toBe(202);
      const id = ((await res.json()) as { id: string }).id;
      let job: Job;
      for (;;) {
        job = (await (await far.request(`/api/forecasts/${id}`)).json()) as Job;
        if (job.status !== 'running') break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(job.status).toBe('failed');
      expect(job.error).toMatchObject({ type: '/problems/invalid-input' });
      expect(job.error!.detail).toMatch(/no ordinary polls are due after 2051-01-01/);
      await far.close();
    });
  });
}
