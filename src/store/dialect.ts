/**
 * What differs between the embedded SQLite file and a PostgreSQL server lives behind this interface;
 * repositories see only Kysely and these few operations.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

export type DialectName = 'sqlite' | 'postgres';

/** An index as the database holds it: its name, its table (snake_case) and the statement that recreates it. */
export interface IndexDefinition {
  name: string;
  table: string;
  create: string;
}

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
  /**
   * The plain indexes of `tables` (snake_case) that a bulk load into empty tables may drop and build once at
   * the end, inside its transaction: not unique, backing no constraint, and (on SQLite) not led by a column
   * referring to its own table, which SQLite's deferred foreign-key checks search. Read with `db`, which may
   * be that transaction.
   */
  secondaryIndexes(db: Kysely<Database>, tables: readonly string[]): Promise<IndexDefinition[]>;
  /**
   * Runs the foreign-key checks the transaction `db` has deferred so far, keeping later ones deferred:
   * PostgreSQL will not build an index on a table with checks pending. A no-op on SQLite.
   */
  runDeferredChecks(db: Kysely<Database>): Promise<void>;
  /** Refreshes the query planner's statistics after a bulk load. */
  optimize(): Promise<void>;
  /** Problems the database finds in its own files and constraints (empty when sound). */
  integrityCheck(): Promise<string[]>;
  /**
   * Whether an error means the transaction lost a race with another connection's write (it was rolled back,
   * nothing was written, and trying again may succeed).
   */
  isWriteConflict(err: unknown): boolean;
  /** An online, consistent copy of the whole database into a file of the same kind, where the dialect has one. */
  backupFile?(path: string): Promise<void>;
  close(): Promise<void>;
}
