/**
 * `caucus sync democracy-club` against a local HTTP server on 127.0.0.1 that replays Democracy Club API pages
 * (built from the staged Sheffield 2018 result sets when ../shared is present, else from a small inline fixture):
 * paging, the resumable cursor, retries, timeouts, and a fetch that fails mid-way committing nothing.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../domain/ports.js';
import { openStore, type Store } from '../../store/store.js';
import { testTargets } from '../../store/targets.test-support.js';
import type { AppContext } from '../context.js';
import { importData } from './import.commands.js';
import { counts, everything, hasShared, readShared, SHEFFIELD_2018 } from './import.test-support.js';
import { type ApiBallot, syncDemocracyClub } from './sync.commands.js';

interface ResultSet {
  ballot_paper_id: string;
  candidate_results: Array<{
    num_ballots: number | null;
    is_winner: boolean;
    membership: {
      person: { id: number; name: string };
      on_behalf_of: { id: string; name: string } | null;
      post: { id: string; label: string };
      election: { id: string };
    };
  }>;
}

const cr = (
  person: [number, string],
  party: [string, string],
  post: [string, string],
  votes: number,
  won: boolean,
) => ({
  num_ballots: votes,
  is_winner: won,
  membership: {
    person: { id: person[0], name: person[1] },
    on_behalf_of: { id: party[0], name: party[1] },
    post: { id: post[0], label: post[1] },
    election: { id: 'local.sheffield.2018-05-03' },
  },
});

/** Used when ../shared is absent: three Sheffield ballots and one Barnsley ballot in the API v0.9 shape. */
const INLINE: ResultSet[] = [
  ['ecclesall', 'E05010867', 'Ecclesall'],
  ['crookes-crosspool', 'E05010865', 'Crookes & Crosspool'],
  ['walkley', 'E05010885', 'Walkley'],
]
  .flatMap(([slug, gss, label], i) => [
    {
      ballot_paper_id: `local.sheffield.${slug}.2018-05-03`,
      candidate_results: [
        cr([1000 + i * 3, `Ann Able${i}`], ['party:53', 'Labour Party'], [`MTW:${gss}`, label!], 2000, true),
        cr(
          [1001 + i * 3, `Bob Baker${i}`],
          ['party:90', 'Liberal Democrats'],
          [`MTW:${gss}`, label!],
          1500,
          false,
        ),
        cr([1002 + i * 3, `Cy Cole${i}`], ['party:63', 'Green Party'], [`MTW:${gss}`, label!], 500, false),
      ],
    },
  ])
  .concat([
    {
      ballot_paper_id: 'local.barnsley.darton-east.2018-05-03',
      candidate_results: [
        {
          ...cr(
            [2000, 'Di Dean'],
            ['party:53', 'Labour Party'],
            ['MTW:E05000980', 'Darton East'],
            1200,
            true,
          ),
          membership: {
            ...cr(
              [2000, 'Di Dean'],
              ['party:53', 'Labour Party'],
              ['MTW:E05000980', 'Darton East'],
              1200,
              true,
            ).membership,
            election: { id: 'local.barnsley.2018-05-03' },
          },
        },
      ],
    },
  ]);

const RESULT_SETS: ResultSet[] = hasShared(SHEFFIELD_2018)
  ? (JSON.parse(readShared(SHEFFIELD_2018)) as { results: ResultSet[] }).results
  : INLINE;

/** A result set as a ballot of Democracy Club's API (`/api/next/ballots/`), with its results on the candidacies. */
function toBallot(rs: ResultSet, i: number, day = '2018-05-04'): ApiBallot {
  const m0 = rs.candidate_results[0]!.membership;
  return {
    ballot_paper_id: rs.ballot_paper_id,
    election: { election_id: m0.election.id, election_date: rs.ballot_paper_id.slice(-10), current: false },
    post: { id: m0.post.id, label: m0.post.label },
    winner_count: rs.candidate_results.filter((c) => c.is_winner).length,
    cancelled: false,
    last_updated: `${day}T10:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`,
    candidacies: rs.candidate_results.map((c) => ({
      elected: c.is_winner,
      party: c.membership.on_behalf_of
        ? { legacy_slug: c.membership.on_behalf_of.id, name: c.membership.on_behalf_of.name }
        : null,
      party_name: c.membership.on_behalf_of?.name ?? 'Independent',
      person: { id: c.membership.person.id, name: c.membership.person.name },
      result: { elected: c.is_winner, num_ballots: c.num_ballots },
    })),
  };
}

/** Four pages whatever the fixture, so every test has a page 2 to break. */
const PAGE = Math.ceil(RESULT_SETS.length / 4);
type Fault = 'fail' | 'fail-once' | 'hang-once' | 'drop';

/** Replays ballots in pages with `next` links, oldest change first; `faults` breaks chosen pages. */
class ReplayServer {
  ballots: ApiBallot[] = RESULT_SETS.map((rs, i) => toBallot(rs, i));
  faults = new Map<number, Fault>();
  readonly requests: Array<{ url: string; at: number }> = [];
  private server!: Server;
  base = '';
  private hits = new Map<string, number>();

  async start(): Promise<void> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/next`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    this.requests.push({ url: url.pathname + url.search, at: Date.now() });
    if (url.pathname !== '/api/next/ballots/') {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"detail":"Not found."}');
      return;
    }
    const page = Number(url.searchParams.get('page') ?? '1');
    const key = url.search;
    const hit = (this.hits.get(key) ?? 0) + 1;
    this.hits.set(key, hit);
    const fault = this.faults.get(page);
    if (fault === 'fail' || (fault === 'fail-once' && hit === 1)) {
      res.writeHead(fault === 'fail' ? 500 : 503).end('unavailable');
      return;
    }
    if (fault === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault === 'hang-once' && hit === 1) return; // never answers: the client's timeout must fire
    const since = url.searchParams.get('last_updated');
    const matching = this.ballots
      .filter((b) => !since || (b.last_updated ?? '') > since)
      .sort((a, b) => (a.last_updated ?? '').localeCompare(b.last_updated ?? ''));
    const results = matching.slice((page - 1) * PAGE, page * PAGE);
    const more = page * PAGE < matching.length;
    const next = new URL(`http://127.0.0.1:${(this.server.address() as AddressInfo).port}${url.pathname}`);
    for (const [k, v] of url.searchParams) if (k !== 'page') next.searchParams.set(k, v);
    next.searchParams.set('page', String(page + 1));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        count: matching.length,
        next: more ? next.toString() : null,
        previous: null,
        results,
      }),
    );
  }
}

const COUNCILS_CSV = [
  'local-authority-code,official-name,nice-name,gss-code,nation,region,local-authority-type',
  'SHF,Sheffield City Council,Sheffield,E08000019,England,Yorkshire and The Humber,MD',
  'BNS,Barnsley Metropolitan Borough Council,Barnsley,E08000016,England,Yorkshire and The Humber,MD',
].join('\n');

const SHF_BALLOTS = RESULT_SETS.filter((r) => r.ballot_paper_id.startsWith('local.sheffield.'));
const CANDIDACIES = RESULT_SETS.reduce((n, r) => n + r.candidate_results.length, 0);
const PAGES = Math.ceil(RESULT_SETS.length / PAGE);

for (const target of testTargets()) {
  describe(`caucus sync democracy-club on ${target.name} (${hasShared(SHEFFIELD_2018) ? 'Sheffield 2018 result sets' : 'inline fixture: ../shared is absent'})`, () => {
    let store: Store;
    let ctx: AppContext;
    let api: ReplayServer;
    const polite = { delayMs: 40, backoffMs: 10, retries: 2, timeoutMs: 2000 };
    /** The registry and the import tables; the cursor's own row is checked separately. */
    const registry = async () => {
      const { syncCursors: _, ...rest } = await everything(store);
      return rest;
    };
    beforeEach(async () => {
      store = await openStore(await target.fresh());
      ctx = { store, clock: fixedClock('2026-01-02') };
      await importData(ctx, { format: 'councils', file: 'la.csv', text: COUNCILS_CSV });
      api = new ReplayServer();
      await api.start();
    });
    afterEach(async () => {
      await api.stop();
      await store.close();
    });
    afterAll(() => target.cleanup());

    it('follows next links politely, imports every ballot, and stores the cursor', async () => {
      const r = await syncDemocracyClub(ctx, { baseUrl: api.base, ...polite });
      expect(r.ballots).toBe(RESULT_SETS.length);
      expect(r.candidacies).toBe(CANDIDACIES);
      expect(r.requests).toBe(PAGES);
      expect(r.retried).toBe(0);
      expect(r.tables.candidacies?.added).toBe(CANDIDACIES);
      expect((await counts(store)).ballots).toBe(RESULT_SETS.length);
      const last = api.ballots
        .map((b) => b.last_updated!)
        .sort()
        .pop()!;
      expect(r.cursor).toEqual({ before: null, after: last });
      expect((await store.sync.get('democracy-club:all'))?.cursor).toBe(last);
      expect(api.requests[0]!.url).toBe('/api/next/ballots/?election_type=local&page_size=100');
      // The client waits between requests; seen from the server, network jitter shaves a little off each gap.
      const at = api.requests.map((q) => q.at);
      for (let i = 1; i < at.length; i++)
        expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(polite.delayMs * 0.6);
      expect(at.at(-1)! - at[0]!).toBeGreaterThanOrEqual((at.length - 1) * polite.delayMs - 15);
      // Results are linked to the registry's councils, with Democracy Club person ids.
      const snap = await store.registry.read();
      expect(new Set(snap.elections.map((e) => e.councilId))).toEqual(new Set(['SHF', 'BNS']));
      expect(snap.identifiers.filter((i) => i.scheme === 'democracy-club-person').length).toBe(
        snap.persons.length,
      );
      expect(snap.sources.find((s) => s.id.includes('democracy-club-api'))).toMatchObject({
        kind: 'url',
        url: api.base,
      });
    });

    it('resumes from its cursor: the next run asks only for later changes', async () => {
      const first = await syncDemocracyClub(ctx, { baseUrl: api.base, ...polite });
      const before = await registry();
      const again = await syncDemocracyClub(ctx, { baseUrl: api.base, ...polite });
      expect(api.requests.at(-1)!.url).toContain(`last_updated=${encodeURIComponent(first.cursor.after)}`);
      expect(again.ballots).toBe(0);
      expect(again.cursor).toEqual({ before: first.cursor.after, after: first.cursor.after });
      expect(again.totals.added + again.totals.updated).toBe(0);
      expect(await registry()).toEqual(before);
      // A recount changes one ballot: only it comes back, and its votes are corrected.
      const b = api.ballots[0]!;
      b.last_updated = '2018-05-05T09:00:00Z';
      b.candidacies![0]!.result!.num_ballots = 12345;
      const third = await syncDemocracyClub(ctx, { baseUrl: api.base, ...polite });
      expect(third.ballots).toBe(1);
      expect(third.tables.candidacies).toMatchObject({ updated: 1 });
      expect(third.cursor).toEqual({ before: first.cursor.after, after: '2018-05-05T09:00:00Z' });
      const votes = (await store.query.candidaciesOfBallots([b.ballot_paper_id])).map((c) => c.votes);
      expect(votes).toContain(12345);
    });

    it('syncs one council, skipping the others', async () => {
      const r = await syncDemocracyClub(ctx, { baseUrl: api.base, council: 'SHF', ...polite });
      expect(r.council).toEqual({ id: 'SHF', name: 'Sheffield City Council', slug: 'sheffield' });
      expect(r.ballots).toBe(SHF_BALLOTS.length);
      expect(r.notes[0]).toMatch(
        new RegExp(`^${RESULT_SETS.length - SHF_BALLOTS.length} ballot\\(s\\) for other councils`),
      );
      expect((await store.sync.get('democracy-club:SHF'))?.cursor).toBeDefined();
      expect(await store.sync.get('democracy-club:all')).toBeUndefined();
    });

    it('commits nothing, cursor included, when the server fails mid-way', async () => {
      const first = await syncDemocracyClub(ctx, { baseUrl: api.base, ...polite });
      const before = await everything(store);
      for (const b of api.ballots) b.last_updated = b.last_updated!.replace('2018-05-04', '2018-06-01');
      for (const b of api.ballots) for (const c of b.candidacies ?? []) c.result!.num_ballots = 1;
      api.faults.set(2, 'fail');
      const seen = api.requests.length;
      const e = await syncDemocracyClub(ctx, { baseUrl: api.base, ...polite }).catch((x) => x);
      expect(e.code).toBe('invalid-input');
      expect(e.message).toMatch(/page=2: gave up after 3 attempt\(s\): HTTP 500; nothing was written$/);
      expect(
        api.requests.slice(seen).map((r) => new URL(r.url, 'http://x').searchParams.get('page')),
      ).toEqual([null, '2', '2', '2']);
      expect(await everything(store)).toEqual(before);
      expect((await store.sync.get('democracy-club:all'))?.cursor).toBe(first.cursor.after);
    });

    it('commits nothing when the connection drops mid-way on a first sync', async () => {
      api.faults.set(2, 'drop');
      const e = await syncDemocracyClub(ctx, { baseUrl: api.base, ...polite }).catch((x) => x);
      expect(e.message).toMatch(/network error/);
      const c = await counts(store);
      expect(c.ballots + c.candidacies + c.persons).toBe(0);
      expect(await store.sync.get('democracy-club:all')).toBeUndefined();
    });

    it('retries a 503 with back-off, and a request that times out', async () => {
      api.faults.set(1, 'hang-once');
      api.faults.set(2, 'fail-once');
      const r = await syncDemocracyClub(ctx, { baseUrl: api.base, ...polite, timeoutMs: 300 });
      expect(r.retried).toBe(2);
      expect(r.ballots).toBe(RESULT_SETS.length);
      expect((await counts(store)).candidacies).toBe(CANDIDACIES);
    });

    it('gives up at once on a 404, and refuses a next link to another host', async () => {
      const e = await syncDemocracyClub(ctx, { baseUrl: `${api.base}/nope`, ...polite }).catch((x) => x);
      expect(e.message).toMatch(/nope\/ballots\/\?election_type=local&page_size=100: HTTP 404/);
      expect(api.requests).toHaveLength(1);
      const hostile = createServer((_req, res) =>
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ count: 1, next: 'http://example.org/steal', results: [] })),
      );
      await new Promise<void>((r) => hostile.listen(0, '127.0.0.1', r));
      const port = (hostile.address() as AddressInfo).port;
      const e2 = await syncDemocracyClub(ctx, { baseUrl: `http://127.0.0.1:${port}`, ...polite }).catch(
        (x) => x,
      );
      expect(e2.message).toMatch(
        /next link leaves http:\/\/127\.0\.0\.1:\d+ \(http:\/\/example\.org\/steal\); nothing was written/,
      );
      await new Promise((r) => hostile.close(r));
      expect((await counts(store)).ballots).toBe(0);
    });
  });
}
