import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REASONS, type RegistrySnapshot, ROLES, type SnapshotWithAliases } from '../../domain/model.js';
import { toPopolo } from './popolo-export.mapper.js';
import { fromPopolo } from './popolo-import.mapper.js';
import { sampleSnapshot } from './sample-snapshot.test-support.js';

/** JSON with object keys sorted, so two documents compare as the issue asks ("identical after sorting keys"). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  );
}

/** A snapshot with every array in a canonical order, for comparing snapshots whatever order they came in. */
function sorted(s: RegistrySnapshot): RegistrySnapshot {
  const order = <T>(rows: T[]) =>
    [...rows].sort((a, b) => (canonical(a) < canonical(b) ? -1 : canonical(a) > canonical(b) ? 1 : 0));
  return Object.fromEntries(
    Object.entries(s).map(([k, rows]) => [k, order(rows as unknown[])]),
  ) as unknown as RegistrySnapshot;
}

function shuffled(s: RegistrySnapshot, seed: number): RegistrySnapshot {
  let x = seed || 1;
  const next = () => {
    x = (x * 48271) % 2147483647;
    return x;
  };
  return Object.fromEntries(
    Object.entries(s).map(([k, rows]) => [k, [...(rows as unknown[])].sort(() => (next() % 3) - 1)]),
  ) as unknown as RegistrySnapshot;
}

describe('toPopolo', () => {
  const doc = toPopolo(sampleSnapshot());

  it('writes the six Popolo collections and the Caucus extension collections, sorted by id', () => {
    expect(doc.persons.map((p) => p.id)).toEqual(['person-ada', 'person-bob', 'person-cy']);
    expect(doc.organizations.map((o) => o.id)).toEqual([
      'council-oak',
      'faction-left',
      'group-lab-oak',
      'lp-oak-north',
      'other-pension',
      'party-con',
      'party-lab',
    ]);
    expect(doc['caucus:version']).toBe(1);
    for (const key of [
      'memberships',
      'posts',
      'areas',
      'events',
      'caucus:sources',
      'caucus:elections',
    ] as const) {
      const ids = doc[key].map((r) => r.id);
      expect(ids).toEqual([...ids].sort());
    }
    expect(doc['caucus:selection_candidates'].map((c) => `${c.selection_id}/${c.person_id}`)).toEqual([
      'sel-oak-north-2022/person-bob',
      'sel-oak-north-2022/person-cy',
      'sel-oak-south-2022/person-bob',
    ]);
  });

  it('maps a council: field identifiers first, then records; Caucus fields under caucus: keys', () => {
    const council = doc.organizations.find((o) => o.id === 'council-oak')!;
    expect(council.classification).toBe('council');
    expect(council.identifiers).toEqual([
      { scheme: 'gss', identifier: 'E08000099' },
      { scheme: 'local-authority-code', identifier: 'OAK' },
      { scheme: 'gss', identifier: 'E08000001' },
      { scheme: 'wikidata', identifier: 'Q1234' },
    ]);
    // The short name first, then aliases learnt from accepted claims with their source.
    expect(council.other_names).toEqual([
      { name: 'Oakshire', note: 'short name' },
      { name: 'Oakshire Council', note: 'alias', 'caucus:source_id': 'src-news' },
    ]);
    expect(council).toMatchObject({
      area_id: 'area-oak',
      founding_date: '1974-04-01',
      dissolution_date: null,
      'caucus:council_type': 'MD',
      'caucus:nation': 'england',
      'caucus:election_scheme': 'thirds',
    });
    const party = doc.organizations.find((o) => o.id === 'party-lab')!;
    expect(party.identifiers).toEqual([{ scheme: 'electoral-commission', identifier: 'PP53' }]);
  });

  it('writes aliases as other names of people, organizations and (under caucus:) areas, sorted by name', () => {
    expect(doc.persons.find((p) => p.id === 'person-ada')!.other_names).toEqual([
      { name: 'A. Lovelock', note: 'alias', 'caucus:source_id': null },
      { name: 'Adelaide Lovelock', note: 'alias', 'caucus:source_id': 'src-news' },
    ]);
    expect(doc.persons.find((p) => p.id === 'person-bob')!.other_names).toEqual([]);
    expect(doc.areas.find((a) => a.id === 'area-oak-north')!['caucus:other_names']).toEqual([
      { name: 'North Ward', note: 'alias', 'caucus:source_id': 'src-minutes' },
    ]);
    expect(doc.areas.find((a) => a.id === 'area-oak-south')!['caucus:other_names']).toEqual([]);
  });

  it('writes memberships with Popolo fields and the reasons as extensions', () => {
    expect(doc.memberships.find((m) => m.id === 'm-ada-cllr')).toMatchObject({
      person_id: 'person-ada',
      organization_id: 'council-oak',
      post_id: 'post-oak-north',
      role: 'councillor',
      on_behalf_of_id: 'party-lab',
      start_date: '2018-05-03',
      end_date: '2019-03-01',
      'caucus:start_reason': 'elected',
      'caucus:end_reason': 'defected',
      identifiers: [{ scheme: 'dc', identifier: 'x1' }],
    });
  });

  it('links the primary source then cited sources, only those with an absolute URL', () => {
    const ada = doc.persons.find((p) => p.id === 'person-ada')!;
    expect(ada.sources).toEqual([
      { url: 'https://results.example.org/local.oakshire.2018-05-03.csv', note: null },
      { url: 'https://news.example.org/2019/defection', note: 'Councillor crosses the floor' },
    ]);
    expect(doc.persons.find((p) => p.id === 'person-bob')!.sources).toEqual([]);
    expect(doc['caucus:sources'].find((s) => s.id === 'src-loose')?.url).toBe('www.example.org/no-scheme');
  });

  it('gives the same bytes whatever order the snapshot arrays are in', () => {
    const text = JSON.stringify(doc);
    for (const seed of [3, 17, 99])
      expect(JSON.stringify(toPopolo(shuffled(sampleSnapshot(), seed)))).toBe(text);
  });

  it('does not share event details with the snapshot', () => {
    const snap = sampleSnapshot();
    const out = toPopolo(snap);
    (out.events[0]!['caucus:details'] as Record<string, unknown>).changed = true;
    expect(snap.events.some((e) => 'changed' in e.details)).toBe(false);
  });
});

describe('round trip', () => {
  it('export -> JSON -> import gives back the same snapshot, and exports identically again', () => {
    const original = sampleSnapshot();
    const first = toPopolo(original);
    const back = fromPopolo(JSON.parse(JSON.stringify(first)), 'export.json');
    expect(sorted(back)).toEqual(sorted(original));
    expect(canonical(toPopolo(back))).toBe(canonical(first));
  });

  const text = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== '');
  const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
  const date = fc
    .date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2100-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));

  it('holds for random registries (random strings, nulls, dates, roles, identifiers)', () => {
    const arb = fc
      .record({
        personIds: fc.uniqueArray(text, { minLength: 1, maxLength: 5 }),
        orgIds: fc.uniqueArray(text, { minLength: 1, maxLength: 5 }),
        membershipCount: fc.nat({ max: 6 }),
        seed: fc.array(fc.record({ s: nullable(text), d: nullable(date), n: fc.nat() }), {
          minLength: 40,
          maxLength: 40,
        }),
        schemes: fc.array(fc.tuple(fc.constantFrom('wikidata', 'dc', '', 'x y'), text), { maxLength: 4 }),
        aliases: fc.array(fc.tuple(text, fc.constantFrom('src-gen', 'src-news', null)), { maxLength: 5 }),
      })
      .map(({ personIds, orgIds, membershipCount, seed, schemes, aliases }) => {
        let i = 0;
        const pick = () => seed[i++ % seed.length]!;
        const snap: SnapshotWithAliases = {
          ...sampleSnapshot(),
          citations: [],
          identifiers: [],
          elections: [],
          ballots: [],
          candidacies: [],
          selections: [],
          selectionCandidates: [],
          membershipCounts: [],
          events: [],
          posts: [],
          areas: [],
        };
        snap.persons = personIds.map((id) => ({
          id,
          sourceId: 'src-gen',
          name: pick().s ?? 'N',
          givenName: pick().s,
          familyName: pick().s,
          honorificPrefix: pick().s,
        }));
        snap.organizations = orgIds.map((id) => ({
          id,
          sourceId: 'src-news',
          classification: 'party',
          name: pick().s ?? 'O',
          shortName: pick().s,
          parentId: null,
          councilId: null,
          areaId: null,
          laCode: pick().s,
          gss: pick().s,
          ecId: pick().s,
          councilType: null,
          nation: null,
          region: pick().s,
          electionScheme: null,
          subtype: pick().s,
          colour: pick().s,
          foundingDate: pick().d,
          dissolutionDate: pick().d,
        }));
        snap.memberships = Array.from({ length: membershipCount }, (_, k) => ({
          id: `m${k}`,
          sourceId: 'src-gen',
          personId: personIds[pick().n % personIds.length]!,
          organizationId: orgIds[pick().n % orgIds.length]!,
          postId: null,
          role: ROLES[pick().n % ROLES.length]!,
          label: pick().s,
          onBehalfOfId: pick().s === null ? null : orgIds[0]!,
          startDate: pick().d,
          endDate: pick().d,
          startReason: pick().s === null ? null : REASONS[pick().n % REASONS.length]!,
          endReason: null,
        }));
        snap.identifiers = schemes.map(([scheme, identifier], k) => ({
          ownerType: k % 2 ? 'person' : 'organization',
          ownerId: k % 2 ? personIds[0]! : orgIds[0]!,
          scheme,
          identifier,
        }));
        // The same identifier twice on one owner is one identifier.
        snap.identifiers = snap.identifiers.filter(
          (x, k) => snap.identifiers.findIndex((y) => canonical(y) === canonical(x)) === k,
        );
        snap.aliases = aliases.map(([name, source], k) => ({
          ownerType: k % 2 ? 'person' : 'organization',
          ownerId: k % 2 ? personIds[k % personIds.length]! : orgIds[k % orgIds.length]!,
          alias: name,
          sourceId: source,
        }));
        return snap;
      });
    fc.assert(
      fc.property(arb, (snap) => {
        const doc = toPopolo(snap);
        const back = fromPopolo(JSON.parse(JSON.stringify(doc)), 'random.json');
        expect(sorted(back)).toEqual(sorted(snap));
        expect(canonical(toPopolo(back))).toBe(canonical(doc));
      }),
      { numRuns: 300 },
    );
  });
});
