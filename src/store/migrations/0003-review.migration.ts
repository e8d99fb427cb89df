import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';
import type { DialectName } from '../dialect.js';

// Deferred like the registry's keys, so `restore` and `migrate` may copy tables in any order.
const fk =
  (target: string) =>
  (col: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    col.references(target).modifyEnd(sql`deferrable initially deferred`);

/**
 * The extraction review queue (issue 7): saved articles, the claims proposed from them with the
 * linker's proposals, and the names accepted claims taught the registry (aliases).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const serial = dialect === 'postgres' ? 'serial' : 'integer';

  await db.schema
    .createTable('review_articles')
    .addColumn('id', serial, (c) => c.primaryKey())
    // sha256 of the plain text the offsets index: the same article saved twice is one row.
    .addColumn('sha256', 'text', (c) => c.notNull().unique())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('url', 'text')
    .addColumn('publisher', 'text')
    .addColumn('published_on', 'text')
    .addColumn('file_name', 'text')
    // The one council the article is about, when its name linked to the registry (narrows people and wards).
    .addColumn('council_id', 'text', fk('organizations.id'))
    .addColumn('saved_at', 'text', (c) => c.notNull())
    // The registry source made for the article when its first claim is accepted.
    .addColumn('source_id', 'text', fk('sources.id'))
    .execute();

  await db.schema
    .createTable('review_claims')
    .addColumn('id', serial, (c) => c.primaryKey())
    .addColumn('article_id', 'integer', (c) => fk('review_articles.id')(c.notNull()))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('arguments', 'text', (c) => c.notNull())
    .addColumn('edits', 'text')
    .addColumn('confidence', 'double precision', (c) => c.notNull())
    .addColumn('evidence_start', 'integer', (c) => c.notNull())
    .addColumn('evidence_end', 'integer', (c) => c.notNull())
    .addColumn('evidence_text', 'text', (c) => c.notNull())
    .addColumn('links', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('reviewer', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('facts', 'text')
    .addUniqueConstraint('review_claims_article_position', ['article_id', 'position'])
    .execute();

  await db.schema
    .createTable('registry_aliases')
    .addColumn('owner_type', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('alias', 'text', (c) => c.notNull())
    .addColumn('alias_key', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', fk('sources.id'))
    .addPrimaryKeyConstraint('registry_aliases_pk', ['owner_type', 'owner_id', 'alias_key'])
    .execute();

  await db.schema
    .createIndex('review_claims_status_idx')
    .on('review_claims')
    .columns(['status', 'id'])
    .execute();
  await db.schema
    .createIndex('registry_aliases_key_idx')
    .on('registry_aliases')
    .columns(['owner_type', 'alias_key'])
    .execute();
}
