/** API tokens (stored only as hashes) and the audit log of writes. */
import type { Kysely } from 'kysely';
import type { ApiTokenTable, Database } from '../schema.js';

export type StoredToken = ApiTokenTable;

export interface AuditEntry {
  id: number;
  /** ISO instant of the write. */
  at: string;
  actorId: string;
  actorName: string;
  actorRole: string;
  action: string;
  recordType: string;
  recordId: string;
  before: unknown;
  after: unknown;
}

export type NewAuditEntry = Omit<AuditEntry, 'id'>;

export class AccountsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insertToken(token: StoredToken): Promise<void> {
    await this.db.insertInto('apiTokens').values(token).execute();
  }

  async token(id: string): Promise<StoredToken | undefined> {
    return this.db.selectFrom('apiTokens').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Every token without its salt and hash, oldest first. */
  async tokens(): Promise<Array<Omit<StoredToken, 'kdf' | 'salt' | 'hash'>>> {
    return this.db
      .selectFrom('apiTokens')
      .select(['id', 'name', 'role', 'createdAt', 'lastUsedAt', 'revokedAt'])
      .orderBy('createdAt')
      .orderBy('id')
      .execute();
  }

  /** Marks a token revoked; false when it does not exist or was already revoked. */
  async revokeToken(id: string, at: string): Promise<boolean> {
    const r = await this.db
      .updateTable('apiTokens')
      .set({ revokedAt: at })
      .where('id', '=', id)
      .where('revokedAt', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** Records that a token was used at `at`. */
  async touchToken(id: string, at: string): Promise<void> {
    await this.db.updateTable('apiTokens').set({ lastUsedAt: at }).where('id', '=', id).execute();
  }

  async appendAudit(entry: NewAuditEntry): Promise<number> {
    const row = await this.db
      .insertInto('auditLog')
      .values({
        ...entry,
        before: entry.before === null || entry.before === undefined ? null : JSON.stringify(entry.before),
        after: entry.after === null || entry.after === undefined ? null : JSON.stringify(entry.after),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  /** Audit entries newest first, after the entry with id `before` (a keyset cursor). */
  async auditPage(
    filter: { recordType?: string; recordId?: string; actorId?: string },
    beforeId: number | null,
    limit: number,
  ): Promise<AuditEntry[]> {
    let q = this.db.selectFrom('auditLog').selectAll().orderBy('id', 'desc').limit(limit);
    if (beforeId !== null) q = q.where('id', '<', beforeId);
    if (filter.recordType) q = q.where('recordType', '=', filter.recordType);
    if (filter.recordId) q = q.where('recordId', '=', filter.recordId);
    if (filter.actorId) q = q.where('actorId', '=', filter.actorId);
    const rows = await q.execute();
    return rows.map((r) => ({
      ...r,
      id: Number(r.id),
      before: r.before === null ? null : JSON.parse(r.before),
      after: r.after === null ? null : JSON.parse(r.after),
    }));
  }
}
