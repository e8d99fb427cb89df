/**
 * GET /api/wards/{id} takes the ids the rest of the API hands out for a seat: the post id that memberships,
 * ballots and the selection calendar carry leads to the post's ward, as its area id and GSS code do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../domain/ports.js';
import { generateSample } from '../engines/sample/index.js';
import { openStore, type Store } from '../store/store.js';
import { testTargets } from '../store/targets.test-support.js';
import { type CaucusApp, createApp } from './app.js';

const TODAY = '2026-11-25';
const sample = generateSample({ scale: 'small', seed: 2, today: TODAY });

// biome-ignore lint/suspicious/noExplicitAny: API bodies read as plain JSON
type Json = Record<string, any>;

for (const target of testTargets()) {
  describe(`wards by any id on ${target.name}`, () => {
    let store: Store;
    let app: CaucusApp;
    const get = async (path: string) => {
      const res = await app.request(path);
      return { status: res.status, body: (await res.json()) as Json };
    };
    beforeAll(async () => {
      store = await openStore(await target.fresh());
      await store.transaction((r) => r.registry.load(sample));
      app = createApp({
        store,
        clock: fixedClock(TODAY),
        config: { rateLimit: { perAddress: null, perToken: null }, logError: () => {} },
      });
    });
    afterAll(async () => {
      await app.close?.();
      await store.close();
      await target.cleanup();
    });

    it('a post id gives the same ward page as its area id and GSS code', async () => {
      const posts = sample.posts.slice(0, 8);
      for (const post of posts) {
        const byPost = await get(`/api/wards/${encodeURIComponent(post.id)}`);
        const byArea = await get(`/api/wards/${encodeURIComponent(post.areaId)}`);
        expect(byPost.status, post.id).toBe(200);
        expect(byPost.body.ward.id, post.id).toBe(post.areaId);
        expect(byPost.body, `${post.id} vs ${post.areaId}`).toEqual(byArea.body);
        const gss = sample.areas.find((a) => a.id === post.areaId)!.gss;
        if (gss) expect((await get(`/api/wards/${gss}`)).body.ward.id).toBe(post.areaId);
      }
    });

    it('every seat the API hands out can be followed to its ward', async () => {
      const calendar = await get('/api/timetable/selections');
      expect(calendar.body.entries.length).toBeGreaterThan(0);
      const postIds = [...new Set<string>(calendar.body.entries.map((e: Json) => e.postId))].slice(0, 10);
      const person = await get(`/api/people/${encodeURIComponent(calendar.body.entries[0].personId)}`);
      const seats = person.body.memberships.filter((m: Json) => m.postId).map((m: Json) => m.postId);
      expect(seats.length).toBeGreaterThan(0);
      const ballot = sample.ballots[0]!;
      const ballotView = await get(`/api/ballots/${encodeURIComponent(ballot.id)}`);
      for (const id of [...postIds, ...seats, ballotView.body.ballot.postId]) {
        const ward = await get(`/api/wards/${encodeURIComponent(id)}`);
        expect(ward.status, `ward of ${id}`).toBe(200);
        expect(ward.body.ward.id, `ward of ${id}`).toBe(sample.posts.find((p) => p.id === id)!.areaId);
      }
    });

    it('an unknown id is still a 404 naming the closest wards', async () => {
      const post = sample.posts[0]!;
      const typo = `${post.id.slice(0, -1)}~`.replace('~', post.id.endsWith('x') ? 'y' : 'x');
      const missing = await get(`/api/wards/${encodeURIComponent(typo)}`);
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({ type: '/problems/not-found', kind: 'ward', id: typo });
      expect(missing.body.suggestions).toContain(post.areaId);
    });
  });
}
