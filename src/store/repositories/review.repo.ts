/**
 * The extraction review queue: saved articles and the claims proposed from them. Arguments, links and
 * the facts an accept made are JSON text, as everywhere in the store.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

export const CLAIM_STATUSES = ['proposed', 'accepted', 'rejected'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export interface ReviewArticle {
  id: number;
  sha256: string;
  text: string;
  title: string | null;
  url: string | null;
  publisher: string | null;
  publishedOn: string | null;
  fileName: string | null;
  councilId: string | null;
  savedAt: string;
  sourceId: string | null;
}

export type NewReviewArticle = Omit<ReviewArticle, 'id' | 'sourceId'>;

/** A stored claim with its JSON columns parsed. */
export interface StoredClaim<Args = Record<string, unknown>, Link = unknown, Fact = unknown> {
  id: number;
  articleId: number;
  position: number;
  type: string;
  subject: string;
  arguments: Args;
  edits: Record<string, unknown> | null;
  confidence: number;
  evidenceStart: number;
  evidenceEnd: number;
  evidenceText: string;
  links: Link[];
  status: ClaimStatus;
  reason: string | null;
  reviewer: string | null;
  decidedAt: string | null;
  facts: Fact[] | null;
}

export type NewStoredClaim = Omit<
  StoredClaim,
  'id' | 'articleId' | 'status' | 'reason' | 'reviewer' | 'decidedAt' | 'facts' | 'edits'
>;

export interface ClaimFilter {
  status?: ClaimStatus;
  articleId?: number;
}

type ClaimRow = Database['reviewClaims'] & { id: number };

function parseClaim(r: ClaimRow): StoredClaim {
  return {
    id: Number(r.id),
    articleId: Number(r.articleId),
    position: Number(r.position),
    type: r.type,
    subject: r.subject,
    arguments: JSON.parse(r.arguments),
    edits: r.edits === null ? null : JSON.parse(r.edits),
    confidence: Number(r.confidence),
    evidenceStart: Number(r.evidenceStart),
    evidenceEnd: Number(r.evidenceEnd),
    evidenceText: r.evidenceText,
    links: JSON.parse(r.links),
    status: r.status as ClaimStatus,
    reason: r.reason,
    reviewer: r.reviewer,
    decidedAt: r.decidedAt,
    facts: r.facts === null ? null : JSON.parse(r.facts),
  };
}

const articleColumns = [
  'id',
  'sha256',
  'text',
  'title',
  'url',
  'publisher',
  'publishedOn',
  'fileName',
  'councilId',
  'savedAt',
  'sourceId',
] as const;

export class ReviewRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async articleBySha(sha256: string): Promise<ReviewArticle | undefined> {
    const row = await this.db
      .selectFrom('reviewArticles')
      .select(articleColumns)
      .where('sha256', '=', sha256)
      .executeTakeFirst();
    return row && { ...row, id: Number(row.id) };
  }

  async article(id: number): Promise<ReviewArticle | undefined> {
    const row = await this.db
      .selectFrom('reviewArticles')
      .select(articleColumns)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && { ...row, id: Number(row.id) };
  }

  /** Articles by id without their text, for listings. */
  async articleHeads(ids: number[]): Promise<Array<Omit<ReviewArticle, 'text'>>> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('reviewArticles')
      .select(articleColumns.filter((c) => c !== 'text'))
      .where('id', 'in', [...new Set(ids)])
      .execute();
    return rows.map((r) => ({ ...r, id: Number(r.id) }));
  }

  async insertArticle(article: NewReviewArticle): Promise<number> {
    const row = await this.db
      .insertInto('reviewArticles')
      .values({ ...article, sourceId: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  async setArticleSource(id: number, sourceId: string): Promise<void> {
    await this.db.updateTable('reviewArticles').set({ sourceId }).where('id', '=', id).execute();
  }

  async insertClaims(articleId: number, claims: NewStoredClaim[]): Promise<void> {
    for (const c of claims) {
      await this.db
        .insertInto('reviewClaims')
        .values({
          articleId,
          position: c.position,
          type: c.type,
          subject: c.subject,
          arguments: JSON.stringify(c.arguments),
          edits: null,
          confidence: c.confidence,
          evidenceStart: c.evidenceStart,
          evidenceEnd: c.evidenceEnd,
          evidenceText: c.evidenceText,
          links: JSON.stringify(c.links),
          status: 'proposed',
          reason: null,
          reviewer: null,
          decidedAt: null,
          facts: null,
        })
        .execute();
    }
  }

  async claim(id: number): Promise<StoredClaim | undefined> {
    const row = await this.db.selectFrom('reviewClaims').selectAll().where('id', '=', id).executeTakeFirst();
    return row && parseClaim(row as ClaimRow);
  }

  /** Claims in id order (an article's claims in reading order), after `afterId`, at most `limit`. */
  async claims(filter: ClaimFilter, afterId: number, limit: number): Promise<StoredClaim[]> {
    let q = this.db
      .selectFrom('reviewClaims')
      .selectAll()
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit);
    if (filter.status) q = q.where('status', '=', filter.status);
    if (filter.articleId !== undefined) q = q.where('articleId', '=', filter.articleId);
    return (await q.execute()).map((r) => parseClaim(r as ClaimRow));
  }

  async countClaims(filter: ClaimFilter): Promise<number> {
    let q = this.db.selectFrom('reviewClaims').select((eb) => eb.fn.countAll<number>().as('n'));
    if (filter.status) q = q.where('status', '=', filter.status);
    if (filter.articleId !== undefined) q = q.where('articleId', '=', filter.articleId);
    return Number((await q.executeTakeFirstOrThrow()).n);
  }

  /**
   * Records a decision, only while the claim is still proposed (so two reviewers cannot both decide it).
   * Returns false when it was already decided.
   */
  async decide(
    id: number,
    decision: {
      status: Exclude<ClaimStatus, 'proposed'>;
      reason: string | null;
      reviewer: string;
      decidedAt: string;
      facts: unknown[] | null;
      arguments?: Record<string, unknown>;
      edits?: Record<string, unknown> | null;
      links?: unknown[];
      subject?: string;
    },
  ): Promise<boolean> {
    const set: Partial<Record<keyof Database['reviewClaims'], unknown>> = {
      status: decision.status,
      reason: decision.reason,
      reviewer: decision.reviewer,
      decidedAt: decision.decidedAt,
      facts: decision.facts === null ? null : JSON.stringify(decision.facts),
    };
    if (decision.arguments) set.arguments = JSON.stringify(decision.arguments);
    if (decision.edits !== undefined)
      set.edits = decision.edits === null ? null : JSON.stringify(decision.edits);
    if (decision.links) set.links = JSON.stringify(decision.links);
    if (decision.subject !== undefined) set.subject = decision.subject;
    const r = await this.db
      .updateTable('reviewClaims')
      .set(set as never)
      .where('id', '=', id)
      .where('status', '=', 'proposed')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
}
