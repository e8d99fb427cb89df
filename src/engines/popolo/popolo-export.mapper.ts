/**
 * Registry snapshot -> Popolo JSON document. Every array is sorted (by id, or by its key fields for
 * records without one) and every object is built with a fixed key order, so the same registry always
 * exports to the same bytes.
 */
import type { Alias, FactType, Identifier, SnapshotWithAliases, Source } from '../../domain/model.js';
import { isUri } from './json-schema.validator.js';
import {
  CAUCUS_POPOLO_VERSION,
  type PopoloDocument,
  type PopoloIdentifier,
  type PopoloLink,
  type PopoloOtherName,
} from './popolo.types.js';
import {
  ALIAS_NOTE,
  AREA_FIELD_SCHEMES,
  ORGANIZATION_FIELD_SCHEMES,
  SHORT_NAME_NOTE,
} from './popolo.vocabulary.js';

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byId<T extends { id: string }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => compareStrings(a.id, b.id));
}

function compareNullableNumbers(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a - b;
}

/**
 * Exports the whole registry as one Popolo document: persons, organizations, memberships, posts, areas
 * and events as Popolo objects, and the Caucus-only records under `caucus:` keys (see docs/popolo.md).
 * Example: JSON.stringify(toPopolo(snapshot), null, 2) is what `caucus export popolo` writes.
 */
export function toPopolo(snapshot: SnapshotWithAliases): PopoloDocument {
  const sourcesById = new Map<string, Source>(snapshot.sources.map((s) => [s.id, s]));

  const citedSources = new Map<string, string[]>();
  for (const c of snapshot.citations) {
    const key = factKey(c.factType, c.factId);
    const list = citedSources.get(key);
    if (list) list.push(c.sourceId);
    else citedSources.set(key, [c.sourceId]);
  }

  const identifierRecords = new Map<string, Identifier[]>();
  for (const idr of snapshot.identifiers) {
    const key = factKey(idr.ownerType, idr.ownerId);
    const list = identifierRecords.get(key);
    if (list) list.push(idr);
    else identifierRecords.set(key, [idr]);
  }

  const identifiersOf = (
    type: FactType,
    id: string,
    fromFields: PopoloIdentifier[] = [],
  ): PopoloIdentifier[] => {
    const records = (identifierRecords.get(factKey(type, id)) ?? [])
      .map((r) => ({ scheme: r.scheme, identifier: r.identifier }))
      .sort((a, b) => compareStrings(a.scheme, b.scheme) || compareStrings(a.identifier, b.identifier));
    return [...fromFields, ...records];
  };

  // Links for the primary source first, then cited sources; only sources with an absolute URL can be links.
  const linksOf = (type: FactType, id: string, primary: string): PopoloLink[] => {
    const ids = [primary, ...[...new Set(citedSources.get(factKey(type, id)) ?? [])].sort(compareStrings)];
    const links: PopoloLink[] = [];
    const seen = new Set<string>();
    for (const sid of ids) {
      const source = sourcesById.get(sid);
      if (!source?.url || !isUri(source.url) || seen.has(source.url)) continue;
      seen.add(source.url);
      links.push({ url: source.url, note: source.title });
    }
    return links;
  };

  const aliasRecords = new Map<string, Alias[]>();
  for (const a of snapshot.aliases ?? []) {
    const key = factKey(a.ownerType, a.ownerId);
    const list = aliasRecords.get(key);
    if (list) list.push(a);
    else aliasRecords.set(key, [a]);
  }
  // Aliases as Popolo other names, after any short name, sorted by name then source.
  const aliasesOf = (type: Alias['ownerType'], id: string): PopoloOtherName[] =>
    [...(aliasRecords.get(factKey(type, id)) ?? [])]
      .sort((a, b) => compareStrings(a.alias, b.alias) || compareStrings(a.sourceId ?? '', b.sourceId ?? ''))
      .map((a) => ({ name: a.alias, note: ALIAS_NOTE, 'caucus:source_id': a.sourceId }));

  const fieldIdentifier = (scheme: string, value: string | null): PopoloIdentifier[] =>
    value === null ? [] : [{ scheme, identifier: value }];

  return {
    'caucus:version': CAUCUS_POPOLO_VERSION,
    persons: byId(snapshot.persons).map((p) => ({
      id: p.id,
      name: p.name,
      given_name: p.givenName,
      family_name: p.familyName,
      honorific_prefix: p.honorificPrefix,
      other_names: aliasesOf('person', p.id),
      identifiers: identifiersOf('person', p.id),
      sources: linksOf('person', p.id, p.sourceId),
      'caucus:source_id': p.sourceId,
    })),
    organizations: byId(snapshot.organizations).map((o) => ({
      id: o.id,
      name: o.name,
      classification: o.classification,
      other_names: [
        ...(o.shortName === null ? [] : [{ name: o.shortName, note: SHORT_NAME_NOTE } as PopoloOtherName]),
        ...aliasesOf('organization', o.id),
      ],
      parent_id: o.parentId,
      area_id: o.areaId,
      founding_date: o.foundingDate,
      dissolution_date: o.dissolutionDate,
      identifiers: identifiersOf('organization', o.id, [
        ...fieldIdentifier(ORGANIZATION_FIELD_SCHEMES.gss, o.gss),
        ...fieldIdentifier(ORGANIZATION_FIELD_SCHEMES.laCode, o.laCode),
        ...fieldIdentifier(ORGANIZATION_FIELD_SCHEMES.ecId, o.ecId),
      ]),
      sources: linksOf('organization', o.id, o.sourceId),
      'caucus:source_id': o.sourceId,
      'caucus:council_id': o.councilId,
      'caucus:council_type': o.councilType,
      'caucus:nation': o.nation,
      'caucus:region': o.region,
      'caucus:election_scheme': o.electionScheme,
      'caucus:subtype': o.subtype,
      'caucus:colour': o.colour,
    })),
    memberships: byId(snapshot.memberships).map((m) => ({
      id: m.id,
      person_id: m.personId,
      organization_id: m.organizationId,
      post_id: m.postId,
      role: m.role,
      label: m.label,
      on_behalf_of_id: m.onBehalfOfId,
      start_date: m.startDate,
      end_date: m.endDate,
      identifiers: identifiersOf('membership', m.id),
      sources: linksOf('membership', m.id, m.sourceId),
      'caucus:source_id': m.sourceId,
      'caucus:start_reason': m.startReason,
      'caucus:end_reason': m.endReason,
    })),
    posts: byId(snapshot.posts).map((p) => ({
      id: p.id,
      label: p.label,
      role: 'councillor',
      organization_id: p.councilId,
      area_id: p.areaId,
      start_date: p.validFrom,
      end_date: p.validTo,
      identifiers: identifiersOf('post', p.id),
      sources: linksOf('post', p.id, p.sourceId),
      'caucus:source_id': p.sourceId,
      'caucus:seats': p.seats,
    })),
    areas: byId(snapshot.areas).map((a) => ({
      id: a.id,
      name: a.name,
      classification: a.type,
      identifier: a.gss,
      parent_id: a.parentId,
      identifiers: identifiersOf('area', a.id, fieldIdentifier(AREA_FIELD_SCHEMES.gss, a.gss)),
      sources: linksOf('area', a.id, a.sourceId),
      'caucus:source_id': a.sourceId,
      'caucus:valid_from': a.validFrom,
      'caucus:valid_to': a.validTo,
      'caucus:other_names': aliasesOf('area', a.id),
    })),
    events: byId(snapshot.events).map((e) => ({
      id: e.id,
      name: e.title,
      classification: e.type,
      start_date: e.date,
      organization_id: e.organizationId,
      identifiers: identifiersOf('event', e.id),
      sources: linksOf('event', e.id, e.sourceId),
      'caucus:source_id': e.sourceId,
      'caucus:council_id': e.councilId,
      'caucus:person_id': e.personId,
      'caucus:details': structuredClone(e.details),
    })),
    'caucus:sources': byId(snapshot.sources).map((s) => ({
      id: s.id,
      kind: s.kind,
      url: s.url,
      title: s.title,
      publisher: s.publisher,
      published_on: s.publishedOn,
    })),
    'caucus:citations': [...snapshot.citations]
      .sort(
        (a, b) =>
          compareStrings(a.factType, b.factType) ||
          compareStrings(a.factId, b.factId) ||
          compareStrings(a.sourceId, b.sourceId) ||
          compareNullableNumbers(a.quoteStart, b.quoteStart) ||
          compareNullableNumbers(a.quoteEnd, b.quoteEnd) ||
          compareStrings(a.quote ?? '', b.quote ?? ''),
      )
      .map((c) => ({
        fact_type: c.factType,
        fact_id: c.factId,
        source_id: c.sourceId,
        quote: c.quote,
        quote_start: c.quoteStart,
        quote_end: c.quoteEnd,
      })),
    'caucus:elections': byId(snapshot.elections).map((e) => ({
      id: e.id,
      council_id: e.councilId,
      date: e.date,
      ordinary: e.ordinary,
      source_id: e.sourceId,
      identifiers: identifiersOf('election', e.id),
    })),
    'caucus:ballots': byId(snapshot.ballots).map((b) => ({
      id: b.id,
      election_id: b.electionId,
      post_id: b.postId,
      date: b.date,
      seats_contested: b.seatsContested,
      by_election: b.byElection,
      cancelled: b.cancelled,
      source_id: b.sourceId,
      identifiers: identifiersOf('ballot', b.id),
    })),
    'caucus:candidacies': byId(snapshot.candidacies).map((c) => ({
      id: c.id,
      ballot_id: c.ballotId,
      person_id: c.personId,
      party_id: c.partyId,
      votes: c.votes,
      elected: c.elected,
      source_id: c.sourceId,
      identifiers: identifiersOf('candidacy', c.id),
    })),
    'caucus:selections': byId(snapshot.selections).map((s) => ({
      id: s.id,
      party_id: s.partyId,
      local_party_id: s.localPartyId,
      council_id: s.councilId,
      post_id: s.postId,
      poll_date: s.pollDate,
      date: s.date,
      method: s.method,
      source_id: s.sourceId,
      identifiers: identifiersOf('selection', s.id),
    })),
    'caucus:selection_candidates': [...snapshot.selectionCandidates]
      .sort((a, b) => compareStrings(a.selectionId, b.selectionId) || compareStrings(a.personId, b.personId))
      .map((c) => ({
        selection_id: c.selectionId,
        person_id: c.personId,
        sitting: c.sitting,
        sought_reselection: c.soughtReselection,
        chosen: c.chosen,
        votes: c.votes,
      })),
    'caucus:membership_counts': byId(snapshot.membershipCounts).map((c) => ({
      id: c.id,
      local_party_id: c.localPartyId,
      date: c.date,
      count: c.count,
      source_id: c.sourceId,
      identifiers: identifiersOf('membership-count', c.id),
    })),
  };
}

function factKey(type: string, id: string): string {
  return `${type}\u0000${id}`;
}
