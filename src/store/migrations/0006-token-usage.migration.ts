import type { Kysely } from 'kysely';

/**
 * When each API token was last used (to the minute), so that `caucus token list` can show which tokens are
 * still in use before one is revoked. Revocation itself needs no new column: api_tokens.revoked_at exists
 * since 0002, and the audit log records who revoked.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('api_tokens').addColumn('last_used_at', 'text').execute();
}
