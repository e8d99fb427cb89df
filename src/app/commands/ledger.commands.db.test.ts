/**
 * `caucus ledger` and `caucus cycle` over the registry on every database: an imported LGA history, the real
 * Sheffield files (when ../shared is present), and the sample nation, whose ledger must agree with its own
 * deselection events, selections and councillors' recorded reasons for leaving.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../domain/errors.js';
import { fixedClock } from '../../domain/ports.js';
import { generateSample } from '../../engines/sample/index.js';
import { openStore, type Store } from '../../store/store.js';
import { testTargets } from '../../store/targets.test-support.js';
import type { AppContext } from '../context.js';
import { importData } from './import.commands.js';
import {
  COUNCILS,
  hasShared,
  readShared,
  SHARED_ABSENT,
  SHEFFIELD_2018,
  SY_2021,
  TESTSHIRE_COUNCILS,
  TESTSHIRE_LGA,
  TESTSHIRE_WARDS,
} from './import.test-support.js';
import { cycle, ledger, ledgerAndCycleForAll } from './ledger.commands.js';

const sample = generateSample({ scale: 'small', seed: 1 });

for (const target of testTargets()) {
  describe(`caucus ledger and cycle on ${target.name}`, () => {
    const opened: Store[] = [];
    const open = async () => {
      const store = await openStore(await target.fresh());
      opened.push(store);
      return store;
    };
    afterAll(async () => {
      for (const s of opened) await s.close();
      await target.cleanup();
    });

    describe('an imported LGA history', () => {
      let store: Store;
      let ctx: AppContext;
      beforeAll(async () => {
        store = await open();
        ctx = { store, clock: fixedClock('2026-01-02') };
        await importData(ctx, { format: 'councils', file: 'la.csv', text: TESTSHIRE_COUNCILS });
        await importData(ctx, { format: 'wards', file: 'wards.csv', text: TESTSHIRE_WARDS });
        await importData(ctx, { format: 'lga-results', file: 'tst.csv', text: TESTSHIRE_LGA });
      });

      it("gives the latest ordinary election's ledger in exactly the issue's JSON shape", async () => {
        const { json } = await ledger(ctx, { council: 'TST' });
        expect(json).toEqual({
          council: 'TST',
          election: '2023-05-04',
          seats: [
            {
              ward: 'North',
              incumbents: [
                {
                  person: 'lga-person:testshire:2019-05-02:john-smith',
                  party: 'party:PP53',
                  outcome: 're-elected',
                },
              ],
            },
            {
              ward: 'South',
              incumbents: [
                { person: 'lga-person:testshire:2019-05-02:sara-khan', party: 'party:PP52', outcome: 'lost' },
              ],
            },
          ],
          totals: { 're-elected': 1, lost: 1, 'changed-party': 0, moved: 0, 'stood-down': 0, deselected: 0 },
        });
      });

      it('names the people and the by-election assumption in the detail, and takes --election', async () => {
        const { detail } = await ledger(ctx, { council: 'tst', election: '2023-05-04' });
        expect(detail.names.people['lga-person:testshire:2019-05-02:sara-khan']).toBe('Sara Khan');
        expect(detail.seats[1]!.incumbents[0]).toMatchObject({ via: 'by-election', since: '2021-05-06' });
        expect(detail.warnings.join(' ')).toMatch(/vacancy is not recorded/);
        const y2022 = await ledger(ctx, { council: 'TST', election: '2022-05-05' });
        // North's seat up in 2022 was won before the history begins: nobody is named.
        expect(y2022.json.seats).toEqual([{ ward: 'North', incumbents: [] }]);
        expect(y2022.detail.seats[0]!.unknown).toBe(1);
      });

      it('refuses a day without an ordinary poll, listing those it has', async () => {
        const e = await ledger(ctx, { council: 'TST', election: '2021-05-07' }).catch((x) => x);
        expect(e).toBeInstanceOf(InvalidInputError);
        expect(e.message).toBe(
          'election: no ordinary poll on 2021-05-07 for TST; ordinary polls in the data: 2019-05-02, 2021-05-06, 2022-05-05, 2023-05-04',
        );
        const unknown = await ledger(ctx, { council: 'Nowhere' }).catch((x) => x);
        expect(unknown.code).toBe('not-found');
      });

      it("infers the cycle in exactly the issue's JSON shape, and says the scheme was filled in", async () => {
        const r = await cycle(ctx, { council: 'TST' });
        expect(r.json).toEqual({
          council: 'TST',
          scheme: 'thirds',
          seatsPerPoll: 1,
          fallowYears: [],
          allOutYears: [],
          postponed: [{ from: '2020-05-07', to: '2021-05-06' }],
        });
        expect(r.detail.byElections.map((b) => b.ballot)).toEqual(['local.testshire.south.by.2021-05-06']);
        expect(r.detail).toMatchObject({ declaredScheme: null, filledScheme: 'thirds', applied: false });
        // Filled on import already: applying again changes nothing.
        expect((await cycle(ctx, { council: 'TST', apply: true })).detail.applied).toBe(false);
      });
    });

    describe.skipIf(!hasShared(SY_2021) || !hasShared(SHEFFIELD_2018) || !hasShared(COUNCILS))(
      `Sheffield from the real files (${SHARED_ABSENT} when skipped)`,
      () => {
        let store: Store;
        let ctx: AppContext;
        beforeAll(async () => {
          store = await open();
          ctx = { store, clock: fixedClock('2026-01-02') };
          await importData(ctx, { format: 'councils', file: 'la.csv', text: readShared(COUNCILS) });
          await importData(ctx, {
            format: 'dc-results',
            file: 'sheffield-2018.json',
            text: readShared(SHEFFIELD_2018),
          });
          await importData(ctx, { format: 'dc-candidates', file: 'sy-2021.csv', text: readShared(SY_2021) });
          // Result files show only the seats contested; Sheffield's 28 wards have three councillors each.
          const posts = await store.query.postsOfCouncil('SHF');
          const wards = [
            'ward_seats,ward_name,council_gss,council_name,council_code_type,ward_gss',
            ...posts.map((p) => `3,"${p.label}",E08000019,Sheffield,MTD,${p.areaId}`),
          ].join('\n');
          await importData(ctx, { format: 'wards', file: 'sheffield-wards.csv', text: wards });
        });

        it('infers thirds with the 2020 poll postponed to 2021', async () => {
          const r = await cycle(ctx, { council: 'SHF' });
          expect(r.json).toMatchObject({
            council: 'SHF',
            scheme: 'thirds',
            seatsPerPoll: 28,
            postponed: [{ from: '2020-05-07', to: '2021-05-06' }],
          });
          expect(r.detail.polls.map((p) => p.date)).toEqual(['2018-05-03', '2021-05-06']);
          // Two polls are too few to fill a scheme in for the timetable.
          const e = await cycle(ctx, { council: 'SHF', apply: true }).catch((x) => x);
          expect(e.message).toMatch(/rests on 2 ordinary poll\(s\) and needs 3/);
        });

        it('names no 2021 incumbent: their seats were won in 2016 and 2019, before the history', async () => {
          const { json, detail } = await ledger(ctx, { council: 'E08000019' });
          expect(json.election).toBe('2021-05-06');
          expect(json.seats).toHaveLength(28);
          expect(json.seats.every((s) => s.incumbents.length === 0)).toBe(true);
          expect(detail.seats.reduce((n, s) => n + s.unknown, 0)).toBe(
            detail.seats.reduce((n, s) => n + s.seatsUp, 0),
          );
          const y2018 = await ledger(ctx, { council: 'SHF', election: '2018-05-03' });
          expect(y2018.json.seats).toHaveLength(28);
        });
      },
    );

    describe('the sample nation', () => {
      let store: Store;
      let ctx: AppContext;
      beforeAll(async () => {
        store = await open();
        await store.transaction((r) => r.registry.load(sample));
        ctx = { store, clock: fixedClock('2026-11-25') };
      });

      it('has ledger totals consistent with its deselection events, selections and councillors', async () => {
        const councils = sample.organizations.filter((o) => o.classification === 'council');
        let checked = 0;
        let deselected = 0;
        for (const council of councils) {
          const dates = [
            ...new Set(
              sample.elections.filter((e) => e.councilId === council.id && e.ordinary).map((e) => e.date),
            ),
          ].sort();
          for (const date of dates.slice(1)) {
            const { json, detail } = await ledger(ctx, { council: council.id, election: date });
            const incumbents = detail.seats.flatMap((s) => s.incumbents);
            expect(Object.values(json.totals).reduce((a, b) => a + b, 0)).toBe(incumbents.length);
            // Every deselection the ledger reports rests on a record of that poll...
            for (const i of incumbents.filter((x) => x.outcome === 'deselected')) {
              const [kind, id] = i.evidence.split(' ') as [string, string];
              if (kind === 'selection') {
                const sel = sample.selections.find((s) => s.id === id)!;
                expect(sel.pollDate).toBe(date);
                expect(sample.selectionCandidates).toContainEqual(
                  expect.objectContaining({
                    selectionId: id,
                    personId: i.person,
                    sitting: true,
                    soughtReselection: true,
                    chosen: false,
                  }),
                );
              } else {
                const ev = sample.events.find((e) => e.id === id)!;
                expect(ev).toMatchObject({ type: 'deselection', personId: i.person });
                expect(ev.details.pollDate).toBe(date);
              }
            }
            // ...every incumbent the sample deselected for that poll is deselected, or stood elsewhere or for another party...
            const byPerson = new Map(incumbents.map((i) => [i.person, i]));
            for (const ev of sample.events.filter(
              (e) => e.type === 'deselection' && e.councilId === council.id && e.details.pollDate === date,
            )) {
              const i = byPerson.get(ev.personId!);
              if (i) expect(['deselected', 'changed-party', 'moved']).toContain(i.outcome);
            }
            // ...and the count is the number of councillors whose seat ended that day because they were deselected.
            const ended = sample.memberships.filter(
              (m) =>
                m.role === 'councillor' &&
                m.organizationId === council.id &&
                m.endDate === date &&
                m.endReason === 'deselected',
            ).length;
            expect(json.totals.deselected).toBe(ended);
            deselected += json.totals.deselected;
            checked++;
          }
        }
        expect(checked).toBeGreaterThan(10);
        expect(deselected).toBeGreaterThan(3);
      });

      it('infers each council’s declared scheme, and the national run agrees with the per-council commands', async () => {
        const all = await ledgerAndCycleForAll(ctx);
        for (const council of sample.organizations.filter((o) => o.classification === 'council')) {
          const c = await cycle(ctx, { council: council.id });
          expect(c.json.scheme).toBe(council.electionScheme);
          expect(c.detail.declaredScheme).toBe(council.electionScheme);
          const row = all.find((r) => r.council === council.id)!;
          expect(row.cycle).toEqual(c.json);
          expect(row.ledger).toEqual((await ledger(ctx, { council: council.id })).json);
        }
      });
    });
  });
}
