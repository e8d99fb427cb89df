/**
 * What differs between the embedded SQLite file and a PostgreSQL server lives behind this interface;
 * repositories see only Kysely and these few operations.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

export type DialectName = 'sqlite' | 'postgres';

export interface DialectAdapter {
  readonly name: DialectName;
  readonly db: Kysely<Database>;
  /** Where the data lives, for messages (a path, or a URL without its password). */
  readonly location: string;
  /** Largest number of bound parameters one statement may carry. */
  readonly maxParameters: number;
  /** Checks that the target is a Caucus database (or empty) before anything is written. */
  checkIsCaucus(): Promise<void>;
  /** Serialises migrations across processes (a no-op where the database file lock already does). */
  lockForMigration(trx: Transaction<Database>): Promise<void>;
  /** Refreshes the query planner's statistics after a bulk load. */
  optimize(): Promise<void>;
  /** Problems the database finds in its own files and constraints (empty when sound). */
  integrityCheck(): Promise<string[]>;
  /** An online, consistent copy of the whole database into a file of the same kind, where the dialect has one. */
  backupFile?(path: string): Promise<void>;
  close(): Promise<void>;
}
