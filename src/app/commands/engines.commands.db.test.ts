/**
 * The engine commands over a registry: control, the national series, the timetable of a council and the
 * selection calendar, council and group power, and takeover, on the small sample nation in every database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../domain/ports.js';
import { generateSample } from '../../engines/sample/index.js';
import { openStore, type Store } from '../../store/store.js';
import { testTargets } from '../../store/targets.test-support.js';
import type { AppContext } from '../context.js';
import { control, nationalControl } from './control.commands.js';
import { councilPowerCommand, powerCalculator, takeover } from './power.commands.js';
import { sittingSeatTerms, timetableCouncil, timetableSelections } from './timetable.commands.js';

const TODAY = '2026-11-25';
const sample = generateSample({ scale: 'small', seed: 3, today: TODAY });

for (const target of testTargets()) {
  describe(`engine commands on ${target.name}`, () => {
    let store: Store;
    let ctx: AppContext;
    beforeAll(async () => {
      store = await openStore(await target.fresh());
      await store.transaction((r) => r.registry.load(sample));
      ctx = { store, clock: fixedClock(TODAY) };
    });
    afterAll(async () => {
      await store.close();
      await target.cleanup();
    });

    it('counts control from the seats held, agreeing with a direct count', async () => {
      const r = await control(ctx, {});
      expect(r.councils).toHaveLength(
        sample.organizations.filter((o) => o.classification === 'council').length,
      );
      for (const c of r.councils) {
        const seats = c.groups.reduce((n, g) => n + g.seats, 0);
        expect(seats).toBe(c.filledSeats);
        const top = c.groups[0]!;
        expect(c.status === 'majority').toBe(
          top.seats >= c.majorityThreshold && top.party?.id !== 'independent',
        );
        for (const g of c.groups) expect(g.factions.reduce((n, f) => n + f.seats, 0)).toBe(g.seats);
      }
    });

    it('gives one row per year in the national series, each counting every council once', async () => {
      const r = await nationalControl(ctx, { from: 2019, to: 2026 });
      expect(r.series.map((s) => s.year)).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
      for (const s of r.series) {
        const majorities = Object.values(s.parties).reduce((a, b) => a + b, 0);
        expect(majorities + s.noOverallControl).toBe(s.councils);
      }
    });

    it('lists a council’s polls with seats up that never exceed its wards’ seats', async () => {
      const council = sample.organizations.find((o) => o.classification === 'council')!;
      const r = await timetableCouncil(ctx, { id: council.id, from: 2027, to: 2031 });
      expect(r.polls.length).toBeGreaterThan(0);
      for (const p of r.polls) {
        expect(p.date >= '2027-01-01' && p.date <= '2031-12-31').toBe(true);
        for (const w of p.wards) expect(w.seatsUp).toBeLessThanOrEqual(w.seats);
      }
      // Over a full cycle every seat comes up at least once.
      const seats = sample.posts.filter((p) => p.councilId === council.id).reduce((n, p) => n + p.seats, 0);
      const up = new Set(
        r.polls.flatMap((p) => p.wards.flatMap((w) => w.seatNumbers.map((n) => `${w.wardId}#${n}`))),
      );
      expect(up.size).toBe(seats);
    });

    it('gives every sitting councillor a next poll after today', async () => {
      const { holdings, terms } = await sittingSeatTerms(store.query, TODAY);
      expect(holdings.length).toBeGreaterThan(50);
      for (const t of terms) expect(t.nextPoll! > TODAY).toBe(true);
    });

    it('builds the selection calendar soonest first, filtered by horizon and party', async () => {
      const all = await timetableSelections(ctx, {});
      expect(all.entries.length).toBeGreaterThan(0);
      const closes = all.entries.map((e) => e.selectionCloses);
      expect([...closes].sort()).toEqual(closes);
      const near = await timetableSelections(ctx, { within: '6m' });
      expect(near.entries.length).toBeLessThanOrEqual(all.entries.length);
      const labour = await timetableSelections(ctx, { party: 'party:labour' });
      expect(labour.entries.every((e) => e.party === 'PP53')).toBe(true);
      await expect(timetableSelections(ctx, { within: 'soon' })).rejects.toThrow(/--within/);
    });

    it('computes council and group power consistent with the calculator', async () => {
      const c = (await control(ctx, {})).councils[0]!;
      const r = await councilPowerCommand(ctx, { council: c.council.id });
      if (r.kind !== 'council') throw new Error('expected council power');
      const direct = powerCalculator({
        quota: String(c.majorityThreshold),
        weights: c.groups.map((g) => g.seats).join(','),
      });
      expect('players' in direct && direct.players.map((p) => p.banzhaf)).toEqual(
        r.power.players.map((p) => p.banzhaf),
      );
      const withFactions = c.groups.find((g) => g.factions.some((f) => f.faction));
      if (withFactions) {
        const g = await councilPowerCommand(ctx, { council: c.council.id, group: withFactions.party!.id });
        if (g.kind !== 'group') throw new Error('expected group power');
        expect(g.group.seats).toBe(withFactions.seats);
        expect(g.dependence.quota).toBe(Math.floor(withFactions.seats / 2) + 1);
      }
      await expect(
        councilPowerCommand(ctx, { council: c.council.id, group: 'party:nobody' }),
      ).rejects.toThrow(/--group/);
    });

    it('finds a faction’s distance to control and a pathway through the coming polls', async () => {
      const rows = (await control(ctx, {})).councils;
      const row = rows.find((c) => c.groups.some((g) => g.factions.some((f) => f.faction)))!;
      const group = row.groups.find((g) => g.factions.some((f) => f.faction))!;
      const faction = group.factions.find((f) => f.faction)!.faction!;
      const r = await takeover(ctx, { council: row.council.id, faction: faction.id });
      expect(r.distance.factionSeats).toBe(group.factions.find((f) => f.faction?.id === faction.id)!.seats);
      expect(r.distance.groupSeats).toBe(group.seats);
      if (!r.group.already && r.group.possible) {
        const gained = r.group.steps.reduce((n, s) => n + s.deselections.length + s.wins.length, 0);
        expect(gained).toBe(r.group.gains!.total);
        expect(r.group.byPoll!.date! > TODAY).toBe(true);
      }
      await expect(takeover(ctx, { council: row.council.id, faction: 'faction:none' })).rejects.toThrow(
        /--faction/,
      );
    });
  });
}
