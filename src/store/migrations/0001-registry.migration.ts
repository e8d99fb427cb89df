import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';
import type { DialectName } from '../dialect.js';

// Every foreign key is deferred to commit time, so a bulk load or a Popolo import may insert in any order
// inside its one transaction.
const fk =
  (target: string) =>
  (col: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    col.references(target).modifyEnd(sql`deferrable initially deferred`);

const version = (col: ColumnDefinitionBuilder) => col.notNull().defaultTo(1);

/** The registry: areas, organizations, people, posts, memberships, elections, selections, events, sources. */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('caucus_meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('title', 'text')
    .addColumn('publisher', 'text')
    .addColumn('published_on', 'text')
    .addColumn('version', 'integer', version)
    .execute();

  await db.schema
    .createTable('areas')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_id', 'text', (c) => fk('sources.id')(c.notNull()))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('gss', 'text')
    .addColumn('parent_id', 'text', fk('areas.id'))
    .addColumn('valid_from', 'text')
    .addColumn('valid_to', 'text')
    .addColumn('version', 'integer', version)
    .execute();

  await db.schema
    .createTable('organizations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_id', 'text', (c) => fk('sources.id')(c.notNull()))
    .addColumn('classification', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('short_name', 'text')
    .addColumn('parent_id', 'text', fk('organizations.id'))
    .addColumn('council_id', 'text', fk('organizations.id'))
    .addColumn('area_id', 'text', fk('areas.id'))
    .addColumn('la_code', 'text')
    .addColumn('gss', 'text')
    .addColumn('ec_id', 'text')
    .addColumn('council_type', 'text')
    .addColumn('nation', 'text')
    .addColumn('region', 'text')
    .addColumn('election_scheme', 'text')
    .addColumn('subtype', 'text')
    .addColumn('colour', 'text')
    .addColumn('founding_date', 'text')
    .addColumn('dissolution_date', 'text')
    .addColumn('version', 'integer', version)
    .execute();

  await db.schema
    .createTable('persons')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_id', 'text', (c) => fk('sources.id')(c.notNull()))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('given_name', 'text')
    .addColumn('family_name', 'text')
    .addColumn('honorific_prefix', 'text')
    .addColumn('version', 'integer', version)
    .execute();

  await db.schema
    .createTable('posts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_id', 'text', (c) => fk('sources.id')(c.notNull()))
    .addColumn('council_id', 'text', (c) => fk('organizations.id')(c.notNull()))
    .addColumn('area_id', 'text', (c) => fk('areas.id')(c.notNull()))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('seats', 'integer', (c) => c.notNull())
    .addColumn('valid_from', 'text')
    .addColumn('valid_to', 'text')
    .addColumn('version', 'integer', version)
    .execute();

  await db.schema
    .createTable('memberships')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_id', 'text', (c) => fk('sources.id')(c.notNull()))
    .addColumn('person_id', 'text', (c) => fk('persons.id')(c.notNull()))
    .addColumn('organization_id', 'text', (c) => fk('organizations.id')(c.notNull()))
    .addColumn('post_id', 'text', fk('posts.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('label', 'text')
    .addColumn('on_behalf_of_id', 'text', fk('organizations.id'))
    .addColumn('start_date', 'text')
    .addColumn('end_date', 'text')
    .addColumn('start_reason', 'text')
    .addColumn('end_reason', 'text')
    .addColumn('version', 'integer', version)
    .execute();

  await db.schema
    .createTable('elections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_id', 'text', (c) => fk('sources.id')(c.notNull()))
    .addColumn('council_id', 'text', (c) => fk('organizations.id')(c.notNull()))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('ordinary', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', version)
    .execute();

  await db.schema
    .createTable('ballots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_id', 'text', (c) => fk('sources.id')(c.notNull()))
    .addColumn('election_id', 'text', (c) => fk('elections.id')(c.notNull()))
    .addColumn('post_id', 'text', (c) => fk('posts.id')(c.notNull()))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('seats_contested', 'integer', (c) => c.notNull())
    .addColumn('by_election', 'integer', (c) => c.notNull())
    .addColumn('cancelled', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', version)
    .execute();

  await db.schema
    .createTable('candidacies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_id', 'text', (c) => fk('sources.id')(c.notNull()))
    .addColumn('ballot_id', 'text', (c) => fk('ballots.id')(c.notNull()))
    .addColumn('person_id', 'text', (c) => fk('persons.id')(c.notNull()))
    .addColumn('party_id', 'text', fk('organizations.id'))
    .addColumn('votes', 'integer')
    .addColumn('elected', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', version)
    .execute();

  await db.schema
    .createTable('selections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_id', 'text', (c) => fk('sources.id')(c.notNull()))
    .addColumn('party_id', 'text', (c) => fk('organizations.id')(c.notNull()))
    .addColumn('local_party_id', 'text', fk('organizations.id'))
    .addColumn('council_id', 'text', (c) => fk('organizations.id')(c.notNull()))
    .addColumn('post_id', 'text', (c) => fk('posts.id')(c.notNull()))
    .addColumn('poll_date', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('method', 'text')
    .addColumn('version', 'integer', version)
    .execute();

  await db.schema
    .createTable('selection_candidates')
    .addColumn('selection_id', 'text', (c) => fk('selections.id')(c.notNull()))
    .addColumn('person_id', 'text', (c) => fk('persons.id')(c.notNull()))
    .addColumn('sitting', 'integer', (c) => c.notNull())
    .addColumn('sought_reselection', 'integer', (c) => c.notNull())
    .addColumn('chosen', 'integer', (c) => c.notNull())
    .addColumn('votes', 'integer')
    .addPrimaryKeyConstraint('selection_candidates_pk', ['selection_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_id', 'text', (c) => fk('sources.id')(c.notNull()))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('council_id', 'text', fk('organizations.id'))
    .addColumn('organization_id', 'text', fk('organizations.id'))
    .addColumn('person_id', 'text', fk('persons.id'))
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', version)
    .execute();

  await db.schema
    .createTable('membership_counts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_id', 'text', (c) => fk('sources.id')(c.notNull()))
    .addColumn('local_party_id', 'text', (c) => fk('organizations.id')(c.notNull()))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', version)
    .execute();

  await db.schema
    .createTable('citations')
    .addColumn('id', dialect === 'postgres' ? 'serial' : 'integer', (c) => c.primaryKey())
    .addColumn('fact_type', 'text', (c) => c.notNull())
    .addColumn('fact_id', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => fk('sources.id')(c.notNull()))
    .addColumn('quote', 'text')
    .addColumn('quote_start', 'integer')
    .addColumn('quote_end', 'integer')
    .execute();

  await db.schema
    .createTable('identifiers')
    .addColumn('owner_type', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('scheme', 'text', (c) => c.notNull())
    .addColumn('identifier', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('identifiers_pk', ['owner_type', 'owner_id', 'scheme'])
    .execute();

  const indexes: Array<[string, string, string[]]> = [
    ['areas_parent', 'areas', ['parent_id']],
    ['organizations_class', 'organizations', ['classification']],
    ['organizations_council', 'organizations', ['council_id']],
    ['organizations_parent', 'organizations', ['parent_id']],
    ['posts_council', 'posts', ['council_id']],
    ['posts_area', 'posts', ['area_id']],
    ['memberships_person', 'memberships', ['person_id']],
    ['memberships_org_role', 'memberships', ['organization_id', 'role']],
    ['memberships_role_dates', 'memberships', ['role', 'start_date', 'end_date']],
    ['memberships_post', 'memberships', ['post_id']],
    ['elections_council', 'elections', ['council_id', 'date']],
    ['ballots_election', 'ballots', ['election_id']],
    ['ballots_post', 'ballots', ['post_id', 'date']],
    ['candidacies_ballot', 'candidacies', ['ballot_id']],
    ['candidacies_person', 'candidacies', ['person_id']],
    ['selections_council', 'selections', ['council_id', 'poll_date']],
    ['selections_post', 'selections', ['post_id']],
    ['selection_candidates_person', 'selection_candidates', ['person_id']],
    ['events_council', 'events', ['council_id', 'date']],
    ['events_person', 'events', ['person_id']],
    ['membership_counts_party', 'membership_counts', ['local_party_id', 'date']],
    ['citations_fact', 'citations', ['fact_type', 'fact_id']],
    ['identifiers_scheme', 'identifiers', ['scheme', 'identifier']],
  ];
  for (const [name, table, columns] of indexes) {
    await db.schema.createIndex(`${name}_idx`).on(table).columns(columns).execute();
  }
  await sql`select 1`.execute(db);
}
