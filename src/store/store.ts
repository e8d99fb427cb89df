/**
 * The store: a dialect adapter, its migrations, and the repositories that hold all SQL.
 * Every write goes through `transaction`, so on any error nothing is written.
 */
import type { Kysely } from 'kysely';
import { ConflictError } from '../domain/errors.js';
import type { DialectAdapter, DialectName } from './dialect.js';
import { openSqlite } from './dialect.sqlite.js';
import { migrate } from './migrator.js';
import { AccountsRepository } from './repositories/accounts.repo.js';
import { CatalogRepository } from './repositories/catalog.repo.js';
import { DumpRepository } from './repositories/dump.repo.js';
import { FactsRepository } from './repositories/facts.repo.js';
import { ForecastRepository } from './repositories/forecast.repo.js';
import { HistoryRepository } from './repositories/history.repo.js';
import { LinkingRepository } from './repositories/linking.repo.js';
import { PeopleRepository } from './repositories/people.repo.js';
import { QueryRepository } from './repositories/query.repo.js';
import { RecordsRepository } from './repositories/records.repo.js';
import { RegistryRepository } from './repositories/registry.repo.js';
import { ReviewRepository } from './repositories/review.repo.js';
import { SyncRepository } from './repositories/sync.repo.js';
import { UpsertRepository } from './repositories/upsert.repo.js';
import type { Database } from './schema.js';

export interface Repositories {
  registry: RegistryRepository;
  query: QueryRepository;
  dump: DumpRepository;
  accounts: AccountsRepository;
  records: RecordsRepository;
  catalog: CatalogRepository;
  review: ReviewRepository;
  linking: LinkingRepository;
  facts: FactsRepository;
  upsert: UpsertRepository;
  people: PeopleRepository;
  history: HistoryRepository;
  sync: SyncRepository;
  forecast: ForecastRepository;
}

export interface Store extends Repositories {
  readonly dialect: DialectName;
  readonly location: string;
  /** Runs fn in one transaction; its repositories write inside it, and any error rolls all of it back. */
  transaction<T>(fn: (repos: Repositories) => Promise<T>): Promise<T>;
  /** Refreshes the query planner's statistics; run after a bulk load. */
  optimize(): Promise<void>;
  /** Problems found in the database's files and constraints; empty when it is sound. */
  integrityCheck(): Promise<string[]>;
  /** An online copy of the whole database into a file of the same kind; undefined where the dialect has none. */
  backupFile?: (path: string) => Promise<void>;
  close(): Promise<void>;
}

function repositories(db: Kysely<Database>, adapter: DialectAdapter): Repositories {
  return {
    registry: new RegistryRepository(db, adapter),
    query: new QueryRepository(db),
    dump: new DumpRepository(db, adapter.maxParameters),
    accounts: new AccountsRepository(db),
    records: new RecordsRepository(db),
    catalog: new CatalogRepository(db),
    review: new ReviewRepository(db),
    linking: new LinkingRepository(db),
    facts: new FactsRepository(db),
    upsert: new UpsertRepository(db, adapter),
    people: new PeopleRepository(db),
    history: new HistoryRepository(db),
    sync: new SyncRepository(db),
    forecast: new ForecastRepository(db),
  };
}

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//.test(location);
}

/** Opens (creating if needed) a Caucus database: a file path for SQLite, or a postgres:// URL. */
export async function openStore(location: string): Promise<Store> {
  const adapter = isPostgresUrl(location)
    ? (await import('./dialect.postgres.js')).openPostgres(location)
    : openSqlite(location);
  try {
    await migrate(adapter);
  } catch (err) {
    await adapter.close();
    throw err;
  }
  const repos = repositories(adapter.db, adapter);
  return {
    ...repos,
    dialect: adapter.name,
    location: adapter.location,
    transaction: async (fn) => {
      try {
        return await adapter.db.transaction().execute((trx) => fn(repositories(trx, adapter)));
      } catch (err) {
        // Losing a race with another connection's write is a conflict the caller can retry, not a crash.
        if (adapter.isWriteConflict(err))
          throw new ConflictError(
            'another write to the database was in progress; nothing was written; try again',
            {
              rule: 'concurrent-update',
            },
          );
        throw err;
      }
    },
    optimize: () => adapter.optimize(),
    integrityCheck: () => adapter.integrityCheck(),
    backupFile: adapter.backupFile?.bind(adapter),
    close: () => adapter.close(),
  };
}
