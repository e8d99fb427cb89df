import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cycle, LEDGER_CSV_COLUMNS, ledger } from '../app/commands/ledger.commands.js';
import type { AppContext } from '../app/context.js';
import { caucus } from '../cli/cli.test-support.js';
import type { RegistrySnapshot } from '../domain/model.js';
import { readCsv } from '../engines/ingest/index.js';
import { ledgerElectionDates, ledgerInputFrom } from '../engines/ledger/index.js';
import { generateSample } from '../engines/sample/index.js';
import { openStore, type Store } from '../store/store.js';
import { testTargets } from '../store/targets.test-support.js';
import { type CaucusApp, createApp } from './app.js';
import { movableClock } from './http.test-support.js';

const TODAY = '2026-11-25';
/** A name with every character RFC 4180 must quote: a comma, a double quote and a line break. */
const AWKWARD = 'Ann "Nan" O\'Neil,\nJunior';

/** The small sample, with the first re-elected councillor's name made awkward to write as CSV. */
function sample(): { snapshot: RegistrySnapshot; awkwardId: string } {
  const s = generateSample({ scale: 'small', seed: 1, today: TODAY });
  const elected = new Map<string, number>();
  for (const c of s.candidacies) if (c.elected) elected.set(c.personId, (elected.get(c.personId) ?? 0) + 1);
  const person = s.persons.find((p) => (elected.get(p.id) ?? 0) >= 2)!;
  person.name = AWKWARD;
  return { snapshot: s, awkwardId: person.id };
}

for (const target of testTargets()) {
  describe(`the incumbency ledger over HTTP on ${target.name}`, () => {
    let store: Store;
    let ctx: AppContext;
    let app: CaucusApp;
    let location: string;
    let fixture: ReturnType<typeof sample>;
    let council: string;
    let dates: string[];

    beforeAll(async () => {
      location = await target.fresh();
      store = await openStore(location);
      fixture = sample();
      await store.transaction((r) => r.registry.load(fixture.snapshot));
      const clock = movableClock(`${TODAY}T12:00:00Z`);
      ctx = { store, clock };
      app = createApp({
        store,
        clock,
        config: { rateLimit: { perAddress: null, perToken: null }, logError: () => {} },
      });
      // The council with the most ordinary elections in the sample.
      let best = -1;
      for (const c of await store.query.organizations('council')) {
        const d = ledgerElectionDates(ledgerInputFrom(await store.history.councilRecords(c.id), c.id));
        if (d.length > best) [best, council, dates] = [d.length, c.id, d];
      }
    });
    afterAll(async () => {
      await app?.close();
      await store?.close();
      await target.cleanup();
    });

    const get = async (path: string) => {
      const res = await app.request(path);
      return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
    };
    const ledgerCsvRows = async (query = '') => {
      const r = await get(`/api/export/ledger.csv${query}`);
      expect(r.status).toBe(200);
      expect(r.type).toMatch(/^text\/csv/);
      const table = readCsv(r.text, 'ledger.csv');
      expect(table.header).toEqual([...LEDGER_CSV_COLUMNS]);
      return {
        text: r.text,
        rows: table.rows.map((row) => Object.fromEntries(table.header.map((h, i) => [h, row.cells[i]!]))),
      };
    };

    it('serves the ledger of the latest or a named election exactly as `caucus ledger --json`', async () => {
      expect(dates.length).toBeGreaterThan(2);
      const latest = await get(`/api/councils/${encodeURIComponent(council)}/ledger`);
      expect(latest.status).toBe(200);
      expect(JSON.parse(latest.text)).toEqual((await ledger(ctx, { council })).json);
      const earlier = await get(`/api/councils/${encodeURIComponent(council)}/ledger?election=${dates[1]}`);
      const json = JSON.parse(earlier.text) as { election: string; seats: unknown[] };
      expect(json.election).toBe(dates[1]);
      expect(json).toEqual((await ledger(ctx, { council, election: dates[1] })).json);
      expect(json.seats.length).toBeGreaterThan(0);
    });

    it('serves the cycle inference exactly as `caucus cycle --json`, without applying it', async () => {
      const before = await store.history.inferredScheme(council);
      const r = await get(`/api/councils/${encodeURIComponent(council)}/cycle`);
      expect(r.status).toBe(200);
      expect(JSON.parse(r.text)).toEqual((await cycle(ctx, { council })).json);
      expect(await store.history.inferredScheme(council)).toEqual(before);
      expect(
        (await app.request(`/api/councils/${encodeURIComponent(council)}/cycle?apply=true`)).status,
      ).toBe(400);
    });

    it('refuses a bad election date or council with a problem naming it', async () => {
      const bad = await get(`/api/councils/${encodeURIComponent(council)}/ledger?election=2024-13-01`);
      expect(bad.status).toBe(400);
      expect(JSON.parse(bad.text)).toMatchObject({ field: 'election' });
      const noPoll = await get(`/api/councils/${encodeURIComponent(council)}/ledger?election=2001-01-01`);
      expect(noPoll.status).toBe(400);
      expect(JSON.parse(noPoll.text).detail).toMatch(/no ordinary poll on 2001-01-01/);
      for (const path of ['/api/councils/ATLANTIS/ledger', '/api/councils/ATLANTIS/cycle']) {
        const r = await get(path);
        expect(r.status).toBe(404);
        expect(r.type).toMatch(/^application\/problem\+json/);
      }
    });

    it('exports one CSV row per seat up at every ordinary election, matching the ledgers', async () => {
      const { rows } = await ledgerCsvRows(`?council=${encodeURIComponent(council)}`);
      expect(new Set(rows.map((r) => r.council_id))).toEqual(new Set([council]));
      const records = await store.history.councilRecords(council);
      for (const date of dates) {
        const l = (await ledger(ctx, { council, election: date })).detail;
        const mine = rows.filter((r) => r.election_date === date);
        // Every incumbent with their outcome, and the seats up without one.
        const expected = l.seats.flatMap((s) => [
          ...s.incumbents.map((i) => `${s.post}|${i.person}|${i.party ?? ''}|${i.outcome}`),
          ...Array.from({ length: s.vacant }, () => `${s.post}||vacant`),
        ]);
        const got = mine
          .filter((r) => r.outcome !== 'unknown')
          .map((r) =>
            r.outcome === 'vacant'
              ? `${r.post_id}||vacant`
              : `${r.post_id}|${r.incumbent_id}|${r.incumbent_party_id}|${r.outcome}`,
          );
        expect(got.sort()).toEqual(expected.sort());
        // A re-elected incumbent succeeds themselves; every winner of the day succeeds exactly one seat.
        for (const r of mine.filter((x) => x.outcome === 're-elected'))
          expect(r.successor_id).toBe(r.incumbent_id);
        const ballots = new Set(
          records.ballots.filter((b) => b.date === date && !b.byElection).map((b) => b.id),
        );
        const winners = records.candidacies
          .filter((c) => c.elected && ballots.has(c.ballotId))
          .map((c) => c.personId);
        expect(
          mine
            .map((r) => r.successor_id)
            .filter(Boolean)
            .sort(),
        ).toEqual(winners.sort());
      }
      expect(rows.every((r) => r.source_id !== '')).toBe(true);
      expect(rows.some((r) => r.outcome === 're-elected')).toBe(true);
      expect(rows.some((r) => r.outcome !== 're-elected')).toBe(true);
    });

    it('round-trips a name with a comma, a quote and a line break through the CSV reader', async () => {
      const { rows } = await ledgerCsvRows();
      const awkward = rows.filter((r) => r.incumbent_id === fixture.awkwardId);
      expect(awkward.length).toBeGreaterThan(0);
      for (const r of awkward) expect(r.incumbent_name).toBe(AWKWARD);
      // The whole export holds every council's rows, each as its own export gives them.
      const councils = new Set(rows.map((r) => r.council_id));
      expect(councils.size).toBeGreaterThan(1);
      const own = (await ledgerCsvRows(`?council=${encodeURIComponent(council)}`)).rows;
      expect(rows.filter((r) => r.council_id === council)).toEqual(own);
    });

    it('streams: the header arrives on its own before any ledger is computed', async () => {
      const res = await app.request('/api/export/ledger.csv');
      const reader = res.body!.getReader();
      const first = new TextDecoder().decode((await reader.read()).value);
      expect(first).toBe(`${LEDGER_CSV_COLUMNS.join(',')}\r\n`);
      await reader.cancel();
      const unknown = await get('/api/export/ledger.csv?council=ATLANTIS');
      expect(unknown.status).toBe(404);
      expect(unknown.type).toMatch(/^application\/problem\+json/);
    });

    it('`caucus export ledger` writes the same CSV to stdout or a file', async () => {
      const http = (await ledgerCsvRows(`?council=${encodeURIComponent(council)}`)).text;
      const stdout = caucus(['--db', location, 'export', 'ledger', '--council', council]);
      expect(stdout.status).toBe(0);
      expect(stdout.stdout).toBe(http);
      const dir = mkdtempSync(join(tmpdir(), 'caucus-ledger-'));
      try {
        const file = join(dir, 'ledger.csv');
        const written = caucus(['--db', location, 'export', 'ledger', '--council', council, file]);
        expect(written.status).toBe(0);
        expect(written.stderr).toMatch(/wrote .*ledger\.csv: \d+ ledger row\(s\)/);
        expect(readFileSync(file, 'utf8')).toBe(http);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      expect(caucus(['--db', location, 'export', 'ledger', '--council', 'ATLANTIS']).status).toBe(3);
    });
  });
}
