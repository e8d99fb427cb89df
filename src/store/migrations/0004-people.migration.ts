import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../dialect.js';

/**
 * Real data in and out (issue 4): the person merge/split log, the person matches waiting for review, the
 * resumable cursors of `caucus sync`, and the schemes that cycle inference filled in. It also widens the
 * identifiers key to (owner_type, owner_id, scheme, identifier): a council has several alternative names and
 * former GSS codes, and a person kept after merges carries one `merged-from` identifier per merged record.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const serial = dialect === 'postgres' ? 'serial' : 'integer';

  if (dialect === 'postgres') {
    await sql`alter table identifiers drop constraint identifiers_pk`.execute(db);
    await sql`alter table identifiers add constraint identifiers_pk primary key (owner_type, owner_id, scheme, identifier)`.execute(
      db,
    );
  } else {
    // SQLite cannot change a primary key in place: rebuild the table (inside the migration's transaction).
    await db.schema
      .createTable('identifiers_new')
      .addColumn('owner_type', 'text', (c) => c.notNull())
      .addColumn('owner_id', 'text', (c) => c.notNull())
      .addColumn('scheme', 'text', (c) => c.notNull())
      .addColumn('identifier', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('identifiers_pk', ['owner_type', 'owner_id', 'scheme', 'identifier'])
      .execute();
    await sql`insert into identifiers_new (owner_type, owner_id, scheme, identifier)
      select owner_type, owner_id, scheme, identifier from identifiers`.execute(db);
    await db.schema.dropTable('identifiers').execute();
    await sql`alter table identifiers_new rename to identifiers`.execute(db);
    await db.schema
      .createIndex('identifiers_scheme_idx')
      .on('identifiers')
      .columns(['scheme', 'identifier'])
      .execute();
  }

  await db.schema
    .createTable('person_merge_log')
    .addColumn('id', serial, (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    // 'merge' (other_id folded into person_id) or 'split' (other_id made from some of person_id's records).
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('other_id', 'text', (c) => c.notNull())
    // Who or what decided: 'cli', 'api', or 'import:<source id>' for a sure match found on import.
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    // JSON: the records moved (candidacy ids, counts per table), so a split can be traced back.
    .addColumn('details', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('person_merge_log_person_idx')
    .on('person_merge_log')
    .columns(['person_id'])
    .execute();

  await db.schema
    .createTable('person_match_reviews')
    .addColumn('person_a', 'text', (c) => c.notNull())
    .addColumn('person_b', 'text', (c) => c.notNull())
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('council_id', 'text')
    .addColumn('source_id', 'text')
    // open, merged, dismissed (a person said these are two people; matching will not propose them again).
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addPrimaryKeyConstraint('person_match_reviews_pk', ['person_a', 'person_b'])
    .execute();
  await db.schema
    .createIndex('person_match_reviews_status_idx')
    .on('person_match_reviews')
    .columns(['status'])
    .execute();

  await db.schema
    .createTable('sync_cursors')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('cursor', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // JSON: what the last committed run fetched (pages, records).
    .addColumn('details', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('inferred_schemes')
    .addColumn('council_id', 'text', (c) => c.primaryKey())
    .addColumn('scheme', 'text', (c) => c.notNull())
    .addColumn('polls', 'integer', (c) => c.notNull())
    .addColumn('inferred_at', 'text', (c) => c.notNull())
    // JSON: the inference (seats per poll, fallow and all-out years, postponements, notes).
    .addColumn('evidence', 'text', (c) => c.notNull())
    .execute();
}
