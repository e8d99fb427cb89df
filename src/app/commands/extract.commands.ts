/**
 * `caucus extract`: read an article (plain text or a saved web page), propose entities and claims with
 * their evidence, and optionally save the article and its claims, linked to the registry, in the review
 * queue. Article text is data throughout: it is decoded, measured and stored, never interpreted.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { isIsoDate } from '../../domain/dates.js';
import { InvalidInputError } from '../../domain/errors.js';
import {
  articleMetadata,
  decodeArticleBytes,
  type ExtractionResult,
  extractWithText,
} from '../../engines/extraction/index.js';
import type { NewStoredClaim } from '../../store/repositories/review.repo.js';
import type { Repositories } from '../../store/store.js';
import type { AppContext } from '../context.js';
import { isoDate, parseInput } from '../validate.js';
import {
  type ArgumentLink,
  decide,
  linkClaim,
  newLinkContext,
  publicOfficeHolders,
} from './claim-links.support.js';
import { type ArticleHead, articleHead, type ClaimView, claimView } from './review.commands.js';

/** The largest file `caucus extract` reads, in bytes; larger files are refused before reading. */
export const MAX_ARTICLE_BYTES = 16 * 1024 * 1024;

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

const extractInput = z.object({
  bytes: z.instanceof(Uint8Array),
  file: z.string().min(1).max(4096),
  published: isoDate.optional(),
});

const saveInput = extractInput.extend({
  url: z.string().trim().max(2000).refine(isHttpUrl, 'expected an http or https URL').optional(),
  publisher: z.string().trim().min(1).max(300).optional(),
  title: z.string().trim().min(1).max(500).optional(),
});

const NAMES = { published: '--published', url: '--url', publisher: '--publisher', title: '--title' };

export interface Extracted {
  text: string;
  result: ExtractionResult;
  published: string | null;
  title: string | null;
  siteName: string | null;
}

function run(input: z.infer<typeof extractInput>): Extracted {
  // Bounded here, not only by the CLI's file check and the API's body limit, so no caller can make the
  // extraction run unbounded.
  if (input.bytes.length > MAX_ARTICLE_BYTES)
    throw new InvalidInputError(
      `the article has ${input.bytes.length} bytes; the limit is ${MAX_ARTICLE_BYTES} bytes`,
      { where: input.file, rule: 'max-size' },
    );
  const raw = decodeArticleBytes(input.bytes, input.file);
  const meta = articleMetadata(raw);
  const pagePublished = meta.published && isIsoDate(meta.published) ? meta.published : null;
  const published = input.published ?? pagePublished;
  const { text, result } = extractWithText(raw, {
    where: input.file,
    ...(published ? { published } : {}),
  });
  return { text, result, published, title: meta.title, siteName: meta.siteName };
}

/**
 * Entities and claims of one article, offsets into its plain text:
 * extractArticle({ bytes, file: 'a.txt', published: '2024-03-01' }) -> { entities, claims }.
 */
export function extractArticle(raw: unknown): ExtractionResult {
  return run(parseInput(extractInput, raw, NAMES)).result;
}

export interface SaveResult extends ExtractionResult {
  saved: {
    article: ArticleHead & { sha256: string; created: boolean; councilId: string | null };
    claims: ClaimView[];
  };
}

function firstLine(text: string): string | null {
  const line = text.split('\n', 1)[0]?.trim() ?? '';
  return line && line.length <= 200 ? line : null;
}

/** The one council the article names that links to the registry, if exactly one does. */
async function articleCouncil(
  repos: Repositories,
  result: ExtractionResult,
  lc: ReturnType<typeof newLinkContext>,
): Promise<string | null> {
  const ids = new Set<string>();
  for (const e of result.entities) {
    if (e.type !== 'council') continue;
    const d = await decide(repos, lc, e.name, 'council', null);
    if (d.status === 'link') ids.add(d.id);
  }
  return ids.size === 1 ? [...ids][0]! : null;
}

/**
 * Extracts, then saves the article and its claims (each named argument linked to the registry) in the
 * review queue, in one transaction. Saving the same text again returns the stored article and claims.
 */
export async function saveArticle(ctx: AppContext, raw: unknown): Promise<SaveResult> {
  const input = parseInput(saveInput, raw, NAMES);
  const ex = run(input);
  const sha256 = createHash('sha256').update(ex.text).digest('hex');
  const save = () =>
    ctx.store.transaction(async (repos) => {
      const existing = await repos.review.articleBySha(sha256);
      if (existing) return { id: existing.id, created: false };
      const lc = newLinkContext(
        ex.result.entities,
        publicOfficeHolders(ex.text, ex.result.entities, ex.result.claims),
      );
      lc.articleCouncilId = await articleCouncil(repos, ex.result, lc);
      const id = await repos.review.insertArticle({
        sha256,
        text: ex.text,
        title: input.title ?? ex.title ?? firstLine(ex.text),
        url: input.url ?? null,
        publisher: input.publisher ?? ex.siteName ?? null,
        publishedOn: ex.published,
        fileName: input.file,
        councilId: lc.articleCouncilId,
        savedAt: ctx.clock.now().toISOString(),
      });
      const claims: NewStoredClaim[] = [];
      for (const [position, c] of ex.result.claims.entries()) {
        const { type, subject, confidence, evidence, ...args } = c;
        const links: ArgumentLink[] = await linkClaim(repos, lc, { ...c });
        claims.push({
          position,
          type,
          subject,
          arguments: args,
          confidence,
          evidenceStart: evidence.start,
          evidenceEnd: evidence.end,
          evidenceText: evidence.text,
          links,
        });
      }
      await repos.review.insertClaims(id, claims);
      return { id, created: true };
    });
  let saved: { id: number; created: boolean };
  try {
    saved = await save();
  } catch (err) {
    // Two saves of the same article at once: the unique sha256 lets one in; the other finds it.
    const winner = await ctx.store.review.articleBySha(sha256);
    if (!winner) throw err;
    saved = { id: winner.id, created: false };
  }
  const article = (await ctx.store.review.article(saved.id))!;
  const claims = await ctx.store.review.claims({ articleId: saved.id }, 0, 10_000);
  return {
    ...ex.result,
    saved: {
      article: { ...articleHead(article), sha256, created: saved.created, councilId: article.councilId },
      claims: claims.map(claimView),
    },
  };
}
