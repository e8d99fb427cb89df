/**
 * Control has three readings of the registry: one day counted by the database (controlOn, the national
 * table), many days from spans read once (controlOnDays, the national series) and one council from its
 * seat holders (the council page). They must agree, on every database, including where the data has two
 * overlapping memberships of one kind (the later-begun counts) or a councillor with no party membership.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, type IsoDate } from '../../domain/dates.js';
import type { Membership, RegistrySnapshot } from '../../domain/model.js';
import { fixedClock } from '../../domain/ports.js';
import { generateSample } from '../../engines/sample/index.js';
import { openStore, type Store } from '../../store/store.js';
import { testTargets } from '../../store/targets.test-support.js';
import type { AppContext } from '../context.js';
import { control, controlOn, controlOnDays, controlSummary, nationalControl } from './control.commands.js';

const TODAY = '2026-11-25';
const DAY: IsoDate = '2024-06-01';

/**
 * The small sample with three edits on DAY: a councillor given a second party membership begun later than
 * their own and left open; one given a second faction alignment begun the same day as theirs (the larger
 * id counts); and one whose party memberships are all removed (so the party they were elected for counts).
 */
function edited(): { snapshot: RegistrySnapshot; overlap: string; sameDay: string; partyless: string } {
  const snapshot = generateSample({ scale: 'small', seed: 5, today: TODAY });
  const held = (m: Membership) => (!m.startDate || m.startDate <= DAY) && (!m.endDate || m.endDate > DAY);
  const councillors = snapshot.memberships.filter((m) => m.role === 'councillor' && held(m));
  const kind = new Map(snapshot.organizations.map((o) => [o.id, o.classification]));
  const partyOf = (personId: string) =>
    snapshot.memberships.find(
      (m) =>
        m.personId === personId && m.role === 'member' && kind.get(m.organizationId) === 'party' && held(m),
    );
  const factionOf = (personId: string) =>
    snapshot.memberships.find(
      (m) =>
        m.personId === personId &&
        m.role === 'aligned' &&
        kind.get(m.organizationId) === 'faction' &&
        held(m),
    );
  const parties = snapshot.organizations.filter((o) => o.classification === 'party').map((o) => o.id);
  const factions = snapshot.organizations.filter((o) => o.classification === 'faction').map((o) => o.id);

  const a = councillors.find((m) => partyOf(m.personId)?.startDate)!;
  const own = partyOf(a.personId)!;
  const other = parties.find((p) => p !== own.organizationId)!;
  snapshot.memberships.push({
    ...own,
    id: `${own.id}.overlap`,
    organizationId: other,
    startDate: addDays(own.startDate!, 1) <= DAY ? addDays(own.startDate!, 1) : own.startDate!,
    endDate: null,
  });

  const b = councillors.find((m) => m.personId !== a.personId && factionOf(m.personId)?.startDate)!;
  const aligned = factionOf(b.personId)!;
  const rival = factions
    .filter((f) => f !== aligned.organizationId)
    .sort()
    .pop()!;
  snapshot.memberships.push({ ...aligned, id: `${aligned.id}.same-day`, organizationId: rival });

  const c = councillors.find(
    (m) => m.personId !== a.personId && m.personId !== b.personId && m.onBehalfOfId && partyOf(m.personId),
  )!;
  snapshot.memberships = snapshot.memberships.filter(
    (m) => !(m.personId === c.personId && m.role === 'member' && kind.get(m.organizationId) === 'party'),
  );
  return { snapshot, overlap: a.personId, sameDay: b.personId, partyless: c.personId };
}

const { snapshot, overlap, sameDay, partyless } = edited();

for (const target of testTargets()) {
  describe(`control readings on ${target.name}`, () => {
    let store: Store;
    let ctx: AppContext;
    beforeAll(async () => {
      store = await openStore(await target.fresh());
      await store.transaction((r) => r.registry.load(snapshot));
      ctx = { store, clock: fixedClock(TODAY) };
    });
    afterAll(async () => {
      await store.close();
      await target.cleanup();
    });

    it('counts one day in the database as the spans and each council’s seat holders do', async () => {
      const days: IsoDate[] = ['2016-06-01', '2019-05-01', '2021-06-01', DAY, TODAY];
      const series = await controlOnDays(store.query, days);
      for (const [i, day] of days.entries()) {
        const counted = await controlOn(store.query, day);
        expect(series[i]!.control, `spans vs counts on ${day}`).toEqual(counted.control);
        expect(series[i]!.councils.map((c) => c.id)).toEqual(counted.councils.map((c) => c.id));
        for (const council of counted.councils) {
          const one = await controlOn(store.query, day, council.id);
          expect(one.control, `${council.id} alone vs all councils on ${day}`).toEqual(
            counted.control.filter((c) => c.councilId === council.id),
          );
        }
      }
      expect(series[0]!.control.some((c) => c.filledSeats > 0)).toBe(true);
    });

    it('takes the later-begun of two memberships, and the party elected for when there is none', async () => {
      const ties = await store.query.partyAndFaction(DAY, [overlap, sameDay, partyless]);
      const kind = new Map(snapshot.organizations.map((o) => [o.id, o.classification]));
      const open = (personId: string, role: string) =>
        snapshot.memberships
          .filter(
            (m) =>
              m.personId === personId &&
              m.role === role &&
              (!m.startDate || m.startDate <= DAY) &&
              (!m.endDate || m.endDate > DAY) &&
              kind.get(m.organizationId) === (role === 'member' ? 'party' : 'faction'),
          )
          .sort((x, y) =>
            (x.startDate ?? '') === (y.startDate ?? '')
              ? x.organizationId.localeCompare(y.organizationId)
              : (x.startDate ?? '').localeCompare(y.startDate ?? ''),
          );
      expect(open(overlap, 'member')).toHaveLength(2);
      expect(ties.get(overlap)!.partyId).toBe(open(overlap, 'member').pop()!.organizationId);
      expect(open(sameDay, 'aligned')).toHaveLength(2);
      expect(ties.get(sameDay)!.factionId).toBe(open(sameDay, 'aligned').pop()!.organizationId);
      expect(ties.get(partyless)?.partyId ?? null).toBeNull();

      // The edited councillors are counted under those parties and factions by every reading.
      const seat = (personId: string) =>
        snapshot.memberships.find(
          (m) =>
            m.personId === personId &&
            m.role === 'councillor' &&
            (!m.startDate || m.startDate <= DAY) &&
            (!m.endDate || m.endDate > DAY),
        )!;
      const councilOf = (personId: string) =>
        snapshot.posts.find((p) => p.id === seat(personId).postId)!.councilId;
      const expected = [
        { person: overlap, party: ties.get(overlap)!.partyId, faction: ties.get(overlap)!.factionId },
        { person: sameDay, party: ties.get(sameDay)!.partyId, faction: ties.get(sameDay)!.factionId },
        {
          person: partyless,
          party: seat(partyless).onBehalfOfId,
          faction: ties.get(partyless)?.factionId ?? null,
        },
      ];
      const holders = await store.query.seatHoldings(DAY);
      for (const e of expected) {
        const h = holders.find((x) => x.personId === e.person)!;
        expect([h.partyId, h.factionId], `seat holder ${e.person}`).toEqual([e.party, e.faction]);
      }
      const { counts } = await store.query.seatCounts(DAY);
      for (const e of expected) {
        const cell = counts.find(
          (c) => c.councilId === councilOf(e.person) && c.partyId === e.party && c.factionId === e.faction,
        );
        expect(cell?.seats ?? 0, `counted seats including ${e.person}`).toBeGreaterThan(0);
      }
      const [spans] = await controlOnDays(store.query, [DAY]);
      expect(spans!.control).toEqual((await controlOn(store.query, DAY)).control);
    });

    it('the national series is the per-day control counted, year by year', async () => {
      const national = await nationalControl(ctx, { from: 2018, to: 2026 });
      expect(national.series.map((s) => s.year)).toEqual([
        2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026,
      ]);
      expect(national.series.at(-1)!.date).toBe('2026-06-01');
      for (const s of national.series) {
        const { control: rows } = await controlOn(store.query, s.date);
        const parties: Record<string, number> = {};
        const factions: Record<string, number> = {};
        for (const c of rows) {
          if (c.majorityParty) parties[c.majorityParty] = (parties[c.majorityParty] ?? 0) + 1;
          if (c.controllingFaction)
            factions[c.controllingFaction] = (factions[c.controllingFaction] ?? 0) + 1;
        }
        expect(s.councils).toBe(rows.length);
        expect(s.noOverallControl).toBe(rows.filter((c) => !c.majorityParty).length);
        expect(s.parties).toEqual(parties);
        expect(s.factions).toEqual(factions);
      }
      const late = await nationalControl(
        { ...ctx, clock: fixedClock('2026-03-01') },
        { from: 2025, to: 2027 },
      );
      expect(late.series.map((s) => s.date)).toEqual(['2025-06-01', '2026-03-01']);
    });

    it('the summary is control on the day, one lean row per council, leader included', async () => {
      for (const asOf of [DAY, TODAY]) {
        const summary = await controlSummary(ctx, { asOf });
        const full = await control(ctx, { asOf });
        expect(summary.asOf).toBe(asOf);
        expect(summary.councils.map((c) => c.id)).toEqual(full.councils.map((c) => c.council.id).sort());
        for (const row of summary.councils) {
          const c = full.councils.find((x) => x.council.id === row.id)!;
          expect(row, `summary of ${row.id} on ${asOf}`).toMatchObject({
            name: c.council.name,
            seats: c.seats,
            filledSeats: c.filledSeats,
            status: c.status,
            majorityParty: c.majorityParty,
            controllingFaction: c.controllingFaction,
            leader: c.leader && { id: c.leader.id, name: c.leader.name },
          });
          expect(Object.keys(row)).not.toContain('groups');
        }
      }
      await expect(controlSummary(ctx, { asOf: '2024-13-01' })).rejects.toMatchObject({
        code: 'invalid-input',
      });
    });
  });
}
