import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../domain/errors.js';
import type { Membership, RegistrySnapshot } from '../../domain/model.js';
import { checkSampleInvariants, DEFAULT_SAMPLE_TODAY, generateSample } from './index.js';

const TODAY = DEFAULT_SAMPLE_TODAY;

function open(m: Membership, day: string): boolean {
  return (m.startDate ?? '') <= day && (m.endDate === null || m.endDate > day);
}

/** Seats held by each party (null: independents) on each council on a day, from party memberships. */
function holdings(s: RegistrySnapshot, day: string): Map<string, Map<string | null, number>> {
  const partyOf = new Map<string, string>();
  for (const m of s.memberships)
    if (m.role === 'member' && open(m, day)) partyOf.set(m.personId, m.organizationId);
  const out = new Map<string, Map<string | null, number>>();
  for (const m of s.memberships) {
    if (m.role !== 'councillor' || !open(m, day)) continue;
    const byParty = out.get(m.organizationId) ?? new Map<string | null, number>();
    const party = partyOf.get(m.personId) ?? null;
    byParty.set(party, (byParty.get(party) ?? 0) + 1);
    out.set(m.organizationId, byParty);
  }
  return out;
}

/** Who controls each council on a day: a party with a majority of all seats, or 'NOC'. */
function control(s: RegistrySnapshot, day: string): Map<string, string> {
  const seats = new Map<string, number>();
  for (const p of s.posts) seats.set(p.councilId, (seats.get(p.councilId) ?? 0) + p.seats);
  const held = holdings(s, day);
  const out = new Map<string, string>();
  for (const c of s.organizations.filter((o) => o.classification === 'council')) {
    const byParty = [...(held.get(c.id) ?? new Map<string | null, number>())].sort((a, b) => b[1] - a[1]);
    const top = byParty[0];
    const majority = Math.floor(seats.get(c.id)! / 2) + 1;
    out.set(c.id, top && top[1] >= majority ? (top[0] ?? 'independent') : 'NOC');
  }
  return out;
}

function count<T>(items: readonly T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of items) out[key(i)] = (out[key(i)] ?? 0) + 1;
  return out;
}

describe('generateSample small', () => {
  let s: RegistrySnapshot;
  beforeAll(() => {
    s = generateSample({ scale: 'small', seed: 1 });
  });

  it('is deterministic: the same seed gives a deep-equal snapshot, another seed a different one', () => {
    expect(generateSample({ scale: 'small', seed: 1 })).toEqual(s);
    const other = generateSample({ scale: 'small', seed: 2 });
    expect(other).not.toEqual(s);
    expect(other.persons.map((p) => p.name)).not.toEqual(s.persons.map((p) => p.name));
  });

  it('holds three councils: a metropolitan borough by thirds, a London borough and a Scottish council', () => {
    const councils = s.organizations.filter((o) => o.classification === 'council');
    expect(councils.map((c) => [c.councilType, c.electionScheme, c.nation])).toEqual([
      ['MD', 'thirds', 'england'],
      ['LBO', 'all-out', 'england'],
      ['SCO', 'all-out', 'scotland'],
    ]);
    expect(councils.map((c) => c.gss?.slice(0, 3))).toEqual(['E08', 'E09', 'S12']);
  });

  it('keeps every invariant', () => {
    expect(checkSampleInvariants(s, TODAY)).toEqual([]);
  });

  it('keeps every invariant whatever the seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (seed) => {
        expect(checkSampleInvariants(generateSample({ scale: 'small', seed }), TODAY)).toEqual([]);
      }),
      { numRuns: 8 },
    );
  });

  it('stops at the given day and still holds together', () => {
    const early = generateSample({ scale: 'small', seed: 3, today: '2019-03-01' });
    expect(checkSampleInvariants(early, '2019-03-01')).toEqual([]);
    expect(early.elections.every((e) => e.date <= '2019-03-01')).toBe(true);
    expect(early.elections.some((e) => e.date === '2018-05-03')).toBe(true);
    expect(early.sources[0]!.publishedOn).toBe('2019-03-01');
  });

  it('polls on each scheme: the thirds council yearly but for fallow county years, the others all-out', () => {
    const [md, lbo, sco] = s.organizations.filter((o) => o.classification === 'council');
    const years = (councilId: string) =>
      s.elections.filter((e) => e.councilId === councilId && e.ordinary).map((e) => e.date.slice(0, 4));
    expect(years(md!.id)).toEqual([
      '2014',
      '2015',
      '2016',
      '2018',
      '2019',
      '2021',
      '2022',
      '2023',
      '2024',
      '2026',
    ]);
    expect(years(lbo!.id)).toEqual(['2014', '2018', '2022', '2026']);
    expect(years(sco!.id)).toEqual(['2012', '2017', '2022']);
    expect(s.elections.find((e) => e.councilId === lbo!.id)!.date).toBe('2014-05-22');
  });

  it('uses Democracy Club ids for elections and ballots, by-elections included', () => {
    for (const e of s.elections) expect(e.id).toMatch(/^local\.[a-z0-9-]+\.\d{4}-\d{2}-\d{2}$/);
    for (const b of s.ballots) {
      const form = b.byElection
        ? /^local\.[a-z0-9-]+\.[a-z0-9-]+\.by\.\d{4}-\d{2}-\d{2}$/
        : /^local\.[a-z0-9-]+\.[a-z0-9-]+\.\d{4}-\d{2}-\d{2}$/;
      expect(b.id).toMatch(form);
    }
  });

  it('elects Scottish councillors by STV in three- and four-member wards, several parties per ward', () => {
    const sco = s.organizations.find((o) => o.councilType === 'SCO')!;
    const posts = s.posts.filter((p) => p.councilId === sco.id);
    expect(posts.every((p) => p.seats === 3 || p.seats === 4)).toBe(true);
    const ballotIds = new Set(
      s.ballots.filter((b) => posts.some((p) => p.id === b.postId) && !b.byElection).map((b) => b.id),
    );
    const winners = groupWinners(s, ballotIds);
    const mixed = [...winners.values()].filter((parties) => new Set(parties).size > 1).length;
    expect(mixed / winners.size).toBeGreaterThan(0.6);
  });

  it('marks every record as fictional through its one generated source', () => {
    expect(s.sources).toHaveLength(1);
    expect(s.sources[0]!.kind).toBe('generated');
    expect(s.sources[0]!.title).toContain('generated sample (fictional)');
  });

  it('refuses bad options, naming the option', () => {
    const bad = (o: Parameters<typeof generateSample>[0], where: string) => {
      try {
        generateSample(o);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(InvalidInputError);
        expect((e as InvalidInputError).details.where).toBe(where);
      }
    };
    bad({ scale: 'huge' as 'uk', seed: 1 }, 'scale');
    bad({ scale: 'small', seed: -1 }, 'seed');
    bad({ scale: 'small', seed: 1.5 }, 'seed');
    bad({ scale: 'small', seed: 1, today: '2024-02-30' }, 'today');
    bad({ scale: 'small', seed: 1, today: '2010-01-01' }, 'today');
  });
});

function groupWinners(s: RegistrySnapshot, ballotIds: Set<string>): Map<string, Array<string | null>> {
  const out = new Map<string, Array<string | null>>();
  for (const c of s.candidacies) {
    if (!c.elected || !ballotIds.has(c.ballotId)) continue;
    out.set(c.ballotId, [...(out.get(c.ballotId) ?? []), c.partyId]);
  }
  return out;
}

describe('checkSampleInvariants', () => {
  const fresh = () => structuredClone(generateSample({ scale: 'small', seed: 5 }));

  it('finds an over-filled seat', () => {
    const s = fresh();
    const m = s.memberships.find((x) => x.role === 'councillor' && x.endDate === null)!;
    s.memberships.push({ ...m, id: 'membership:extra', personId: s.persons[0]!.id });
    const post = s.posts.find((p) => p.id === m.postId)!;
    post.seats = 1;
    expect(checkSampleInvariants(s, TODAY).some((p) => p.includes('councillors for 1 seats'))).toBe(true);
  });

  it('finds a group that does not match the party', () => {
    const s = fresh();
    const g = s.memberships.find((x) => x.role === 'group-member' && x.endDate === null)!;
    const other = s.organizations.find(
      (o) => o.classification === 'party-group' && o.parentId !== null && o.id !== g.organizationId,
    )!;
    g.organizationId = other.id;
    expect(checkSampleInvariants(s, TODAY).some((p) => p.includes('sits in'))).toBe(true);
  });

  it('finds dates after today, foreign sources, dangling references and terms with no contest', () => {
    const s = fresh();
    s.events[0]!.date = '2027-01-01';
    s.ballots[0]!.sourceId = 'source:elsewhere';
    s.candidacies[0]!.personId = 'person:nobody';
    const term = s.memberships.find((x) => x.role === 'councillor' && x.endDate !== null)!;
    term.endDate = '2016-01-02';
    const found = checkSampleInvariants(s, TODAY, 500).join('\n');
    expect(found).toContain('after 2026-11-25');
    expect(found).toContain('cites source:elsewhere');
    expect(found).toContain('person:nobody missing');
    expect(found).toContain('with no contest or event');
  });

  it('finds a candidate who was never selected', () => {
    const s = fresh();
    const ordinary = new Set(s.ballots.filter((b) => !b.byElection).map((b) => b.id));
    const c = s.candidacies.find((x) => ordinary.has(x.ballotId) && x.partyId !== null)!;
    s.selectionCandidates = s.selectionCandidates.filter((x) => x.personId !== c.personId);
    expect(checkSampleInvariants(s, TODAY, 500).some((p) => p.includes('without being selected'))).toBe(true);
  });
});

describe('generateSample uk', () => {
  let s: RegistrySnapshot;
  let councils: RegistrySnapshot['organizations'];
  beforeAll(() => {
    s = generateSample({ scale: 'uk', seed: 1 });
    councils = s.organizations.filter((o) => o.classification === 'council');
  });

  it('keeps every invariant', () => {
    expect(checkSampleInvariants(s, TODAY)).toEqual([]);
  });

  it('has about 400 councils in the real mix of types, and about 9,000 wards and 20,000 seats', () => {
    expect(councils.length).toBeGreaterThanOrEqual(370);
    expect(councils.length).toBeLessThanOrEqual(420);
    expect(count(councils, (c) => c.councilType!)).toEqual({
      CTY: 21,
      NMD: 164,
      MD: 36,
      LBO: 33,
      UA: 62,
      WPA: 22,
      SCO: 32,
      NID: 11,
    });
    const seats = s.posts.reduce((a, p) => a + p.seats, 0);
    expect(seats).toBeGreaterThan(18_000);
    expect(seats).toBeLessThan(22_000);
    expect(s.posts.length).toBeGreaterThan(8_000);
    expect(s.posts.length).toBeLessThan(10_000);
  });

  it('sizes wards as each nation does: 1 to 3 seats in England and Wales, 3-4 in Scotland, 5-7 in Northern Ireland', () => {
    const nation = new Map(councils.map((c) => [c.id, c.nation]));
    const sizes: Record<string, Set<number>> = {};
    for (const p of s.posts) {
      const n = nation.get(p.councilId)!;
      sizes[n] = sizes[n] ?? new Set();
      sizes[n].add(p.seats);
    }
    expect([...sizes.england!].sort()).toEqual([1, 2, 3]);
    expect([...sizes.wales!].sort()).toEqual([1, 2, 3]);
    expect([...sizes.scotland!].sort()).toEqual([3, 4]);
    expect([...sizes['northern-ireland']!].sort()).toEqual([5, 6, 7]);
    // Thirds councils mostly elect three per ward.
    const thirds = new Set(councils.filter((c) => c.electionScheme === 'thirds').map((c) => c.id));
    const thirdsPosts = s.posts.filter((p) => thirds.has(p.councilId));
    expect(thirdsPosts.filter((p) => p.seats === 3).length / thirdsPosts.length).toBeGreaterThan(0.8);
  });

  it('gives councils unique names, well-formed GSS codes by type and unique three-letter codes', () => {
    const prefix = {
      CTY: 'E10',
      NMD: 'E07',
      MD: 'E08',
      LBO: 'E09',
      UA: 'E06',
      WPA: 'W06',
      SCO: 'S12',
      NID: 'N09',
    };
    for (const c of councils) {
      expect(c.gss).toMatch(new RegExp(`^${prefix[c.councilType!]}\\d{6}$`));
      expect(c.laCode).toMatch(/^[A-Z]{3}$/);
    }
    expect(new Set(councils.map((c) => c.laCode)).size).toBe(councils.length);
    expect(new Set(councils.map((c) => c.name)).size).toBe(councils.length);
    const wardPrefixes = new Set(
      s.areas.filter((a) => a.type !== 'council-area').map((a) => a.gss!.slice(0, 3)),
    );
    expect([...wardPrefixes].sort()).toEqual(['E05', 'E58', 'N08', 'S13', 'W05']);
    for (const a of s.areas) expect(a.gss).toMatch(/^[ENSW]\d{8}$/);
  });

  it('runs each type on its real scheme', () => {
    const schemes = (type: string) =>
      count(
        councils.filter((c) => c.councilType === type),
        (c) => c.electionScheme!,
      );
    expect(schemes('CTY')).toEqual({ 'all-out': 21 });
    expect(schemes('LBO')).toEqual({ 'all-out': 33 });
    expect(Object.keys(schemes('NMD')).sort()).toEqual(['all-out', 'halves', 'thirds']);
    expect(schemes('MD').thirds).toBeGreaterThan(28);
    const pollYears = (type: string) =>
      new Set(
        s.elections
          .filter((e) => e.ordinary && councils.find((c) => c.id === e.councilId)?.councilType === type)
          .map((e) => e.date.slice(0, 4)),
      );
    expect([...pollYears('CTY')].sort()).toEqual(['2013', '2017', '2021', '2025']);
    expect([...pollYears('WPA')].sort()).toEqual(['2012', '2017', '2022']);
    expect([...pollYears('NID')].sort()).toEqual(['2014', '2019', '2023']);
    // Metropolitan boroughs by thirds are fallow in county years; 2020's polls moved to 2021.
    const thirdsMd = new Set(
      councils.filter((c) => c.councilType === 'MD' && c.electionScheme === 'thirds').map((c) => c.id),
    );
    const thirdsYears = new Set(
      s.elections.filter((e) => e.ordinary && thirdsMd.has(e.councilId)).map((e) => e.date.slice(0, 4)),
    );
    expect([...thirdsYears].sort()).toEqual([
      '2014',
      '2015',
      '2016',
      '2018',
      '2019',
      '2021',
      '2022',
      '2023',
      '2024',
      '2026',
    ]);
  });

  it('shows a real mix of control today: majorities for Labour, Conservatives, Lib Dems and Reform, and much no overall control', () => {
    const byControl = count([...control(s, TODAY).values()], (c) => c);
    expect(byControl['party:labour']).toBeGreaterThanOrEqual(10);
    expect(byControl['party:conservative']).toBeGreaterThanOrEqual(5);
    expect(byControl['party:liberal-democrats']).toBeGreaterThanOrEqual(5);
    expect(byControl['party:reform-uk']).toBeGreaterThanOrEqual(3);
    expect(byControl.NOC! / councils.length).toBeGreaterThan(0.2);
    expect(byControl.NOC! / councils.length).toBeLessThan(0.7);
  });

  it('follows national swings: Conservative shires in 2019, a Reform surge in the 2025 county elections', () => {
    const before = count([...control(s, '2019-06-30').values()], (c) => c);
    expect(before['party:conservative']).toBeGreaterThan(before['party:labour']!);
    const countySeats = (year: string) => {
      const cty = new Set(
        s.posts
          .filter((p) => councils.find((c) => c.id === p.councilId)?.councilType === 'CTY')
          .map((p) => p.id),
      );
      const ballots = new Set(
        s.ballots
          .filter((b) => cty.has(b.postId) && !b.byElection && b.date.startsWith(year))
          .map((b) => b.id),
      );
      return count(
        s.candidacies.filter((c) => c.elected && ballots.has(c.ballotId)),
        (c) => c.partyId ?? 'independent',
      );
    };
    const y2021 = countySeats('2021');
    const y2025 = countySeats('2025');
    expect(y2021['party:reform-uk'] ?? 0).toBeLessThan(20);
    expect(y2025['party:reform-uk']).toBeGreaterThan(y2025['party:conservative']!);
    expect(y2021['party:conservative']).toBeGreaterThan(y2025['party:conservative']! * 2);
  });

  it('keeps national parties in their nations and strong where they are strong', () => {
    const nation = new Map(councils.map((c) => [c.id, c.nation]));
    const held = holdings(s, TODAY);
    const seatsBy = (party: string, where: string) =>
      [...held].filter(([c]) => nation.get(c) === where).reduce((a, [, m]) => a + (m.get(party) ?? 0), 0);
    expect(seatsBy('party:snp', 'scotland')).toBeGreaterThan(300);
    expect(seatsBy('party:plaid-cymru', 'wales')).toBeGreaterThan(80);
    expect(seatsBy('party:sinn-fein', 'northern-ireland')).toBeGreaterThan(80);
    expect(seatsBy('party:dup', 'northern-ireland')).toBeGreaterThan(60);
    expect(seatsBy('party:labour', 'northern-ireland')).toBe(0);
    // Independents matter most in Wales and rural Scotland.
    const indShare = (where: string) => {
      const all = [...held].filter(([c]) => nation.get(c) === where);
      const total = all.reduce((a, [, m]) => a + [...m.values()].reduce((x, y) => x + y, 0), 0);
      return all.reduce((a, [, m]) => a + (m.get(null) ?? 0), 0) / total;
    };
    expect(indShare('wales')).toBeGreaterThan(indShare('england'));
  });

  it('has two or three factions in each major party, with aligned and unaligned councillors', () => {
    const factions = s.organizations.filter((o) => o.classification === 'faction');
    const perParty = count(factions, (f) => f.parentId!);
    expect(perParty['party:labour']).toBe(3);
    expect(perParty['party:conservative']).toBeGreaterThanOrEqual(2);
    expect(perParty['party:liberal-democrats']).toBe(2);
    expect(perParty['party:green']).toBe(2);
    const aligned = s.memberships.filter((m) => m.role === 'aligned');
    for (const f of factions) expect(aligned.some((m) => m.organizationId === f.id)).toBe(true);
    const labourNow = new Set(
      s.memberships
        .filter((m) => m.role === 'group-member' && open(m, TODAY) && m.organizationId.endsWith('.labour'))
        .map((m) => m.personId),
    );
    const alignedNow = new Set(
      aligned.filter((m) => open(m, TODAY) && labourNow.has(m.personId)).map((m) => m.personId),
    );
    expect(alignedNow.size / labourNow.size).toBeGreaterThan(0.4);
    expect(alignedNow.size / labourNow.size).toBeLessThan(0.85);
    // Alignments change now and then.
    const realigned = aligned.filter((m) => m.endDate !== null && m.endReason === null);
    expect(realigned.length).toBeGreaterThan(100);
  });

  it('names leaders: nearly every group with members has one, and nearly every council outside Northern Ireland', () => {
    const groupsNow = new Set(
      s.memberships.filter((m) => m.role === 'group-member' && open(m, TODAY)).map((m) => m.organizationId),
    );
    const ledNow = new Set(
      s.memberships.filter((m) => m.role === 'leader' && open(m, TODAY)).map((m) => m.organizationId),
    );
    const led = [...groupsNow].filter((g) => ledNow.has(g)).length;
    expect(led / groupsNow.size).toBeGreaterThan(0.9);
    const gb = councils.filter((c) => c.nation !== 'northern-ireland');
    expect(gb.filter((c) => ledNow.has(c.id)).length / gb.length).toBeGreaterThan(0.9);
    expect(councils.filter((c) => c.nation === 'northern-ireland').some((c) => ledNow.has(c.id))).toBe(false);
  });

  it('deselects a small share of sitting councillors, more where the local party has just surged', () => {
    const sought = s.selectionCandidates.filter((c) => c.sitting && c.soughtReselection);
    const deselected = sought.filter((c) => !c.chosen);
    expect(deselected.length / sought.length).toBeGreaterThan(0.01);
    expect(deselected.length / sought.length).toBeLessThan(0.15);
    const counts = new Map<string, Array<[string, number]>>();
    for (const c of s.membershipCounts)
      counts.set(c.localPartyId, [...(counts.get(c.localPartyId) ?? []), [c.date, c.count]]);
    const growth = (unit: string, day: string) => {
      const series = counts.get(unit) ?? [];
      const before = series.filter(([d]) => d <= day);
      const now = before[before.length - 1];
      const yearAgo = before[before.length - 5];
      return now && yearAgo ? now[1] / yearAgo[1] - 1 : 0;
    };
    const selections = new Map(s.selections.map((x) => [x.id, x]));
    const rate = (surged: boolean) => {
      const pool = sought.filter((c) => {
        const x = selections.get(c.selectionId)!;
        return x.localPartyId !== null && growth(x.localPartyId, x.date) > 0.5 === surged;
      });
      return pool.filter((c) => !c.chosen).length / pool.length;
    };
    expect(rate(true)).toBeGreaterThan(1.5 * rate(false));
  });

  it("selects before each poll through the local party, by each party's own method", () => {
    const methods = (party: string) =>
      count(
        s.selections.filter((x) => x.partyId === party),
        (x) => x.method ?? 'none',
      );
    expect(methods('party:labour').trigger).toBeGreaterThan(1000);
    expect(methods('party:conservative').automatic).toBeGreaterThan(1000);
    expect(methods('party:liberal-democrats').trigger).toBeUndefined();
    for (const x of s.selections.slice(0, 5000)) expect(x.date < x.pollDate).toBe(true);
    // County divisions are selected by the parties of the district they lie in.
    const areaOf = new Map(s.organizations.map((o) => [o.id, o.areaId]));
    const parentOf = new Map(s.areas.map((a) => [a.id, a.parentId]));
    const countyArea = new Map(councils.map((c) => [c.id, c.areaId]));
    const county = councils.find((c) => c.councilType === 'CTY')!;
    const countySelections = s.selections.filter((x) => x.councilId === county.id && x.localPartyId !== null);
    expect(countySelections.length).toBeGreaterThan(0);
    for (const x of countySelections) {
      expect(parentOf.get(areaOf.get(x.localPartyId!)!)).toBe(countyArea.get(county.id));
    }
  });

  it('fills Northern Irish party vacancies by co-option and others by by-election', () => {
    const ni = new Set(councils.filter((c) => c.nation === 'northern-ireland').map((c) => c.id));
    const coOptions = s.events.filter((e) => e.details.kind === 'co-option');
    expect(coOptions.length).toBeGreaterThan(0);
    expect(coOptions.every((e) => ni.has(e.councilId!))).toBe(true);
    const byElections = s.ballots.filter((b) => b.byElection);
    expect(byElections.length).toBeGreaterThan(1000);
  });

  it('records quarterly membership counts for local parties, with some sudden surges', () => {
    expect(new Set(s.membershipCounts.map((c) => c.date.slice(5))).size).toBe(4);
    const byUnit = new Map<string, number[]>();
    for (const c of s.membershipCounts)
      byUnit.set(c.localPartyId, [...(byUnit.get(c.localPartyId) ?? []), c.count]);
    let surging = 0;
    for (const series of byUnit.values()) {
      if (series.some((v, i) => i >= 2 && v > 1.6 * series[i - 2]!)) surging++;
    }
    expect(surging).toBeGreaterThan(50);
    expect(surging / byUnit.size).toBeLessThan(0.6);
    const units = s.organizations.filter((o) => o.classification === 'local-party');
    expect(new Set(units.map((u) => u.subtype))).toEqual(
      new Set(['constituency party', 'association', 'local party', 'branch', 'cumann']),
    );
  });

  it('tells its history through events of every kind', () => {
    const types = count(s.events, (e) => e.type);
    for (const t of [
      'defection',
      'resignation',
      'leadership-election',
      'motion',
      'whip-suspension',
      'deselection',
      'by-election',
    ]) {
      expect(types[t]).toBeGreaterThan(0);
    }
    const motions = new Set(s.events.filter((e) => e.type === 'motion').map((e) => e.details.motionType));
    expect(motions).toEqual(
      new Set(['pension-divestment', 'budget-refusal', 'council-tax-referendum', 'other']),
    );
    const contests = s.events.filter((e) => e.type === 'leadership-election');
    for (const e of contests.slice(0, 50)) {
      const rounds = e.details.rounds as Array<{ votes: Record<string, number> }>;
      expect((e.details.candidates as string[]).includes(e.details.winnerId as string)).toBe(true);
      expect(rounds.length).toBeGreaterThan(0);
    }
    const toReform = s.events.filter(
      (e) => e.type === 'defection' && e.details.toPartyId === 'party:reform-uk',
    );
    expect(toReform.every((e) => e.date >= '2021-01-06')).toBe(true);
    expect(toReform.length).toBeGreaterThan(20);
  });

  it('is mostly candidacies and memberships, about a million records in all', () => {
    const sizes = Object.entries(s)
      .map(([k, v]) => [k, (v as unknown[]).length] as const)
      .sort((a, b) => b[1] - a[1]);
    const total = sizes.reduce((a, [, n]) => a + n, 0);
    expect(s.candidacies.length).toBeGreaterThan(150_000);
    expect(
      sizes
        .slice(0, 2)
        .map(([k]) => k)
        .sort(),
    ).toEqual(['candidacies', 'memberships']);
    expect(total).toBeGreaterThan(500_000);
    expect(total).toBeLessThan(1_500_000);
  });
});
