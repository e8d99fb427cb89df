/**
 * Registry candidates for names found in articles, and the aliases accepted claims teach the registry.
 * Queries narrow by the first letter of a surname or by council; the linker engine does the scoring.
 */
import type { Kysely } from 'kysely';
import type { Alias, OrganizationClass } from '../../domain/model.js';
import type { Database } from '../schema.js';

export type AliasOwner = 'person' | 'organization' | 'area';

export interface PersonCandidateRow {
  id: string;
  name: string;
  aliases: string[];
  /** Councils the person sat on or held office in (through posts, council offices and party groups). */
  councilIds: string[];
}

export interface OrganizationCandidateRow {
  id: string;
  name: string;
  shortName: string | null;
  classification: OrganizationClass;
  parentId: string | null;
  councilId: string | null;
  laCode: string | null;
  /** For councils: the name of the council's area ("Leeds"). */
  areaName: string | null;
  aliases: string[];
}

export interface AreaCandidateRow {
  id: string;
  name: string;
  aliases: string[];
}

export class LinkingRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** People whose family name, any word of their name, or an alias starts with one of `initials`. */
  async personCandidates(initials: string[]): Promise<PersonCandidateRow[]> {
    // Single ASCII letters or digits only, so no LIKE wildcard can reach the pattern.
    const keys = [...new Set(initials.map((i) => i.toLowerCase()).filter((i) => /^[a-z0-9]$/.test(i)))];
    if (keys.length === 0) return [];
    const people = await this.db
      .selectFrom('persons')
      .select(['id', 'name'])
      .where((eb) =>
        eb.or(
          keys.flatMap((k) => [
            eb(eb.fn('lower', ['familyName']), 'like', `${k}%`),
            eb(eb.fn('lower', ['name']), 'like', `${k}%`),
            eb(eb.fn('lower', ['name']), 'like', `% ${k}%`),
          ]),
        ),
      )
      .execute();
    const aliasOwners = await this.db
      .selectFrom('registryAliases')
      .select('ownerId')
      .where('ownerType', '=', 'person')
      .where((eb) =>
        eb.or(keys.flatMap((k) => [eb('aliasKey', 'like', `${k}%`), eb('aliasKey', 'like', `% ${k}%`)])),
      )
      .execute();
    const known = new Set(people.map((p) => p.id));
    const extra = [...new Set(aliasOwners.map((a) => a.ownerId))].filter((id) => !known.has(id));
    if (extra.length) {
      people.push(
        ...(await this.db.selectFrom('persons').select(['id', 'name']).where('id', 'in', extra).execute()),
      );
    }
    const ids = people.map((p) => p.id);
    const aliases = await this.aliasesOf('person', ids);
    const councils = await this.councilsOfPersons(ids);
    return people.map((p) => ({
      id: p.id,
      name: p.name,
      aliases: aliases.get(p.id) ?? [],
      councilIds: councils.get(p.id) ?? [],
    }));
  }

  /** Organizations of some classifications, with council area names and aliases. */
  async organizationCandidates(classes: readonly OrganizationClass[]): Promise<OrganizationCandidateRow[]> {
    if (classes.length === 0) return [];
    const rows = await this.db
      .selectFrom('organizations as o')
      .leftJoin('areas as a', 'a.id', 'o.areaId')
      .select([
        'o.id',
        'o.name',
        'o.shortName',
        'o.classification',
        'o.parentId',
        'o.councilId',
        'o.laCode',
        'a.name as areaName',
      ])
      .where('o.classification', 'in', [...classes])
      .orderBy('o.id')
      .execute();
    const aliases = await this.aliasesOf(
      'organization',
      rows.map((r) => r.id),
    );
    return rows.map((r) => ({
      ...r,
      classification: r.classification as OrganizationClass,
      areaName: r.classification === 'council' ? (r.areaName ?? null) : null,
      aliases: aliases.get(r.id) ?? [],
    }));
  }

  /** The wards (areas with a post) of one council, with aliases. */
  async wardCandidates(councilId: string): Promise<AreaCandidateRow[]> {
    const rows = await this.db
      .selectFrom('posts as p')
      .innerJoin('areas as a', 'a.id', 'p.areaId')
      .select(['a.id', 'a.name'])
      .where('p.councilId', '=', councilId)
      .distinct()
      .execute();
    const aliases = await this.aliasesOf(
      'area',
      rows.map((r) => r.id),
    );
    return rows.map((r) => ({ id: r.id, name: r.name, aliases: aliases.get(r.id) ?? [] }));
  }

  async aliasesOf(ownerType: AliasOwner, ids: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (ids.length === 0) return out;
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.db
        .selectFrom('registryAliases')
        .select(['ownerId', 'alias'])
        .where('ownerType', '=', ownerType)
        .where('ownerId', 'in', ids.slice(i, i + 500))
        .orderBy('alias')
        .execute();
      for (const r of rows) out.set(r.ownerId, [...(out.get(r.ownerId) ?? []), r.alias]);
    }
    return out;
  }

  /** Every alias with its source, ordered by owner type, owner and alias: what a Popolo export writes. */
  async allAliases(): Promise<Alias[]> {
    const rows = await this.db
      .selectFrom('registryAliases')
      .select(['ownerType', 'ownerId', 'alias', 'sourceId'])
      .orderBy('ownerType')
      .orderBy('ownerId')
      .orderBy('alias')
      .execute();
    return rows.map((r) => ({ ...r, ownerType: r.ownerType as AliasOwner }));
  }

  /** The aliases of some owners, with their sources (for one page of an export). */
  async aliasRecordsOf(ownerType: AliasOwner, ids: string[]): Promise<Alias[]> {
    const out: Alias[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.db
        .selectFrom('registryAliases')
        .select(['ownerId', 'alias', 'sourceId'])
        .where('ownerType', '=', ownerType)
        .where('ownerId', 'in', ids.slice(i, i + 500))
        .orderBy('ownerId')
        .orderBy('alias')
        .execute();
      for (const r of rows) out.push({ ownerType, ...r });
    }
    return out;
  }

  /** Adds many aliases at once (an import), skipping any whose owner already has that key; returns how many were added. */
  async addAliases(aliases: ReadonlyArray<Alias & { aliasKey: string }>): Promise<number> {
    let added = 0;
    for (let i = 0; i < aliases.length; i += 500) {
      const r = await this.db
        .insertInto('registryAliases')
        .values(
          aliases.slice(i, i + 500).map((a) => ({
            ownerType: a.ownerType,
            ownerId: a.ownerId,
            alias: a.alias,
            aliasKey: a.aliasKey,
            sourceId: a.sourceId,
          })),
        )
        .onConflict((oc) => oc.columns(['ownerType', 'ownerId', 'aliasKey']).doNothing())
        .executeTakeFirst();
      added += Number(r.numInsertedOrUpdatedRows ?? 0);
    }
    return added;
  }

  /** Adds an alias unless the owner already has one with the same key; true when it was added. */
  async addAlias(alias: {
    ownerType: AliasOwner;
    ownerId: string;
    alias: string;
    aliasKey: string;
    sourceId: string | null;
  }): Promise<boolean> {
    const r = await this.db
      .insertInto('registryAliases')
      .values(alias)
      .onConflict((oc) => oc.columns(['ownerType', 'ownerId', 'aliasKey']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  /** Councils each person is tied to: seats (posts), offices held in a council, or a party group's council. */
  async councilsOfPersons(ids: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, Set<string>>();
    const add = (personId: string, councilId: string | null) => {
      if (!councilId) return;
      const s = out.get(personId) ?? new Set<string>();
      s.add(councilId);
      out.set(personId, s);
    };
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const seats = await this.db
        .selectFrom('memberships as m')
        .innerJoin('posts as p', 'p.id', 'm.postId')
        .select(['m.personId', 'p.councilId'])
        .where('m.personId', 'in', chunk)
        .execute();
      for (const s of seats) add(s.personId, s.councilId);
      const orgs = await this.db
        .selectFrom('memberships as m')
        .innerJoin('organizations as o', 'o.id', 'm.organizationId')
        .select(['m.personId', 'o.id', 'o.classification', 'o.councilId'])
        .where('m.personId', 'in', chunk)
        .where('o.classification', 'in', ['council', 'party-group'])
        .execute();
      for (const o of orgs) add(o.personId, o.classification === 'council' ? o.id : o.councilId);
    }
    return new Map([...out].map(([k, v]) => [k, [...v].sort()]));
  }
}
