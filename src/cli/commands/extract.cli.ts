/** `caucus extract FILE` and `caucus review ...`: claims from articles, and the queue that turns them into facts. */
import { readFile, stat } from 'node:fs/promises';
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import type { saveArticle } from '../../app/commands/extract.commands.js';
import type { acceptClaim, ClaimView, listClaims, showClaim } from '../../app/commands/review.commands.js';
import { InvalidInputError, UsageError } from '../../domain/errors.js';
import type { ExtractionResult } from '../../engines/extraction/index.js';
import { type CliGroups, withContext, withoutStore } from '../context.js';
import { type Style, table } from '../output.js';

type Result<F extends (...a: never[]) => unknown> = Awaited<ReturnType<F>>;

/** Largest file read, in bytes (kept in step with MAX_ARTICLE_BYTES without loading the app module). */
const MAX_FILE_BYTES = 16 * 1024 * 1024;

/** Reads a file as bytes; a missing, unreadable, non-regular or oversized file is bad input naming the file. */
async function readArticle(path: string): Promise<Uint8Array> {
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new InvalidInputError('is not a regular file', { where: path, rule: 'file' });
    if (s.size > MAX_FILE_BYTES)
      throw new InvalidInputError(
        `is ${(s.size / 1048576).toFixed(1)} MB; articles of up to ${MAX_FILE_BYTES / 1048576} MB are read`,
        { where: path, rule: 'max-size' },
      );
    return new Uint8Array(await readFile(path));
  } catch (err) {
    if (err instanceof InvalidInputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String(err);
    throw new InvalidInputError(why, { where: path, rule: 'file' });
  }
}

/** Article text is data: control characters (terminal escapes) are shown, not sent to the terminal. */
function safe(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    const control = (c < 32 && c !== 9 && c !== 10) || (c >= 0x7f && c < 0xa0);
    out += control ? `\\x${c.toString(16).padStart(2, '0')}` : ch;
  }
  return out;
}
const oneLine = (s: string) => safe(s.replace(/\s*\n\s*/g, ' '));

const ARG_ORDER = [
  'office',
  'former',
  'label',
  'organization',
  'council',
  'ward',
  'party',
  'faction',
  'from',
  'to',
  'actor',
  'supported_by',
  'on',
  'direction',
  'count',
  'topic',
];

function argsText(args: Record<string, unknown>): string {
  return ARG_ORDER.filter((k) => args[k] !== undefined && args[k] !== null)
    .map((k) => `${k}=${Array.isArray(args[k]) ? (args[k] as string[]).join(', ') : String(args[k])}`)
    .map(oneLine)
    .join('  ');
}

function renderExtraction(r: ExtractionResult, s: Style): string {
  const lines = [s.bold(`Entities (${r.entities.length})`)];
  lines.push(
    table(
      ['type', 'name', 'mentions'],
      r.entities.map((e) => [e.type, oneLine(e.name), e.mentions.length]),
    ),
  );
  lines.push('', s.bold(`Claims (${r.claims.length})`));
  r.claims.forEach((c, i) => {
    const { type, subject, confidence, evidence, ...args } = c;
    lines.push(
      `${String(i + 1).padStart(3)}. ${type}  ${oneLine(subject)}  ${argsText(args)}  ${s.dim(`(confidence ${confidence})`)}`,
      `     ${s.dim(`[${evidence.start}-${evidence.end}]`)} “${oneLine(evidence.text)}”`,
    );
  });
  return lines.join('\n');
}

function renderSaved(r: Result<typeof saveArticle>, s: Style): string {
  const a = r.saved.article;
  const ids = r.saved.claims.map((c) => c.id);
  const range = ids.length ? ` (claim ids ${ids[0]}-${ids[ids.length - 1]})` : '';
  const review = r.saved.claims.filter((c) => c.links.some((l) => l.status === 'review')).length;
  return [
    renderExtraction(r, s),
    '',
    s.bold(
      a.created
        ? `Saved as article ${a.id}: ${ids.length} claims in the review queue${range}; ${review} need a link decided.`
        : `Already saved as article ${a.id}: nothing new was stored${range}.`,
    ),
    s.dim(`Next: caucus review list --article ${a.id}`),
  ].join('\n');
}

function linkText(l: ClaimView['links'][number]): string {
  const decided =
    l.status === 'link' || l.status === 'manual'
      ? `${l.status} ${l.id}${l.score !== null ? ` (${l.score})` : ''}`
      : l.status === 'review'
        ? `review: ${l.proposals.map((p) => `${p.id} "${oneLine(p.name)}" ${p.score}`).join(', ')}`
        : l.status;
  return `${l.argument.padEnd(14)} ${oneLine(l.name)} -> ${decided}`;
}

function renderList(r: Result<typeof listClaims>, s: Style): string {
  if (r.claims.length === 0) return s.dim(`No claims (${r.total} in all).`);
  return [
    table(
      ['id', 'status', 'type', 'subject', 'arguments', 'conf', 'article', 'links to decide'],
      r.claims.map((c) => [
        c.id,
        c.status,
        c.type,
        oneLine(c.subject),
        argsText(c.arguments).slice(0, 60),
        c.confidence.toFixed(2),
        c.articleId,
        c.status === 'proposed'
          ? c.links
              .filter((l) => l.status === 'review')
              .map((l) => l.argument)
              .join(', ')
          : '',
      ]),
    ),
    s.dim(
      `${r.claims.length} of ${r.total}${r.next !== null ? `; more with --after ${r.next}` : ''}. Details: caucus review show ID`,
    ),
  ].join('\n');
}

function renderShow(r: Result<typeof showClaim>, s: Style): string {
  const a = r.article;
  const from = [a.title && `“${oneLine(a.title)}”`, a.publisher, a.publishedOn, a.url]
    .filter(Boolean)
    .join(', ');
  return [
    s.bold(`Claim ${r.id}: ${r.type} (${r.status}), confidence ${r.confidence}`),
    `article ${a.id}${from ? `: ${from}` : ''}`,
    `subject        ${oneLine(r.subject)}`,
    ...ARG_ORDER.filter((k) => r.arguments[k] !== undefined).map(
      (k) =>
        `${k.padEnd(14)} ${oneLine(Array.isArray(r.arguments[k]) ? (r.arguments[k] as string[]).join(', ') : String(r.arguments[k]))}`,
    ),
    `evidence       [${r.evidence.start}-${r.evidence.end}] “${oneLine(r.evidence.text)}”`,
    '',
    s.bold('links'),
    ...r.links.map((l) => `  ${linkText(l)}`),
    ...(r.status !== 'proposed'
      ? [
          '',
          `${r.status} by ${r.reviewer ?? '?'} at ${r.decidedAt ?? '?'}${r.reason ? `: ${oneLine(r.reason)}` : ''}`,
        ]
      : []),
    ...(r.facts?.length
      ? ['', s.bold('facts'), ...r.facts.map((f) => `  ${f.action} ${f.type} ${f.id}: ${oneLine(f.title)}`)]
      : []),
  ].join('\n');
}

function renderAccept(r: Result<typeof acceptClaim>, s: Style): string {
  return [
    s.bold(
      `Accepted claim ${r.claim.id} (${r.claim.type} ${oneLine(r.claim.subject)}); source ${r.sourceId}`,
    ),
    ...r.facts.map((f) => `  ${f.action.padEnd(9)} ${f.type} ${f.id}: ${oneLine(f.title)}`),
    ...r.created.map((c) => `  new ${c.type} ${c.id}: ${oneLine(c.name)}`),
    ...r.aliases.map((a) => `  alias "${oneLine(a.alias)}" for ${a.ownerType} ${a.ownerId}`),
    ...r.skipped.map((k) => s.dim(`  left out ${k.argument} "${oneLine(k.name)}": ${k.reason}`)),
  ].join('\n');
}

const collect = (value: string, previous: string[]) => [...previous, value];

function defaultReviewer(): string {
  if (process.env.CAUCUS_REVIEWER) return process.env.CAUCUS_REVIEWER;
  try {
    return userInfo().username || 'cli';
  } catch {
    return 'cli';
  }
}

export function registerExtractCommands({ program }: CliGroups): void {
  program
    .command('extract <file>')
    .description(
      'propose entities and claims, each with its evidence sentence, from an article (text or saved HTML)',
    )
    .option('--published <date>', 'the day the article appeared (YYYY-MM-DD); dates the facts it becomes')
    .option('--save', 'store the article and its claims, linked to the registry, in the review queue')
    .option('--url <url>', 'with --save: where the article was published')
    .option('--publisher <name>', 'with --save: the newspaper, blog or newsletter')
    .option('--title <title>', 'with --save: the headline (default: the page title or first line)')
    .action(
      async (
        file: string,
        o: { published?: string; save?: boolean; url?: string; publisher?: string; title?: string },
        cmd: Command,
      ) => {
        const bytes = await readArticle(file);
        if (!o.save) {
          const extra = o.url ? '--url' : o.publisher ? '--publisher' : o.title ? '--title' : null;
          if (extra) throw new UsageError(`${extra} is only used with --save`);
          return withoutStore(cmd, async (out) => {
            const { extractArticle } = await import('../../app/commands/extract.commands.js');
            out.result(extractArticle({ bytes, file, published: o.published }), renderExtraction);
          });
        }
        return withContext(cmd, async (ctx, out) => {
          const { saveArticle } = await import('../../app/commands/extract.commands.js');
          out.result(await saveArticle(ctx, { bytes, file, ...o }), renderSaved);
        });
      },
    );

  const review = program
    .command('review')
    .description('the review queue: accept or reject claims from articles');

  review
    .command('list')
    .description('claims in the queue, oldest first')
    .option('--status <status>', 'proposed, accepted or rejected')
    .option('--article <id>', 'claims of one saved article')
    .option('--limit <n>', 'at most this many (default 50)')
    .option('--after <id>', 'claims after this id (for the next page)')
    .action(async (o: { status?: string; article?: string; limit?: string; after?: string }, cmd: Command) =>
      withContext(cmd, async (ctx, out) => {
        const { listClaims } = await import('../../app/commands/review.commands.js');
        out.result(await listClaims(ctx, o), renderList);
      }),
    );

  review
    .command('show <id>')
    .description('one claim: its arguments, evidence, links and proposals')
    .action(async (id: string, _o: unknown, cmd: Command) =>
      withContext(cmd, async (ctx, out) => {
        const { showClaim } = await import('../../app/commands/review.commands.js');
        out.result(await showClaim(ctx, { id }), renderShow);
      }),
    );

  review
    .command('accept <id>')
    .description('accept a claim: it becomes registry facts citing the article and the quote')
    .option(
      '--edit <key=value>',
      'change an argument first, e.g. office=leader, ward=North, date=2024-03-01 (repeatable)',
      collect,
      [],
    )
    .option(
      '--link <argument=id>',
      'link an argument to a registry id, or =new / =none (repeatable)',
      collect,
      [],
    )
    .option('--reviewer <name>', 'who decided (default $CAUCUS_REVIEWER or your user name)')
    .action(async (id: string, o: { edit: string[]; link: string[]; reviewer?: string }, cmd: Command) =>
      withContext(cmd, async (ctx, out) => {
        const { acceptClaim } = await import('../../app/commands/review.commands.js');
        out.result(
          await acceptClaim(ctx, {
            id,
            edits: o.edit,
            links: o.link,
            reviewer: o.reviewer ?? defaultReviewer(),
          }),
          renderAccept,
        );
      }),
    );

  review
    .command('reject <id>')
    .description('reject a claim with a reason; the registry is not changed')
    .requiredOption('--reason <text>', 'why the claim is wrong or not wanted')
    .option('--reviewer <name>', 'who decided (default $CAUCUS_REVIEWER or your user name)')
    .action(async (id: string, o: { reason: string; reviewer?: string }, cmd: Command) =>
      withContext(cmd, async (ctx, out) => {
        const { rejectClaim } = await import('../../app/commands/review.commands.js');
        const r = await rejectClaim(ctx, { id, reason: o.reason, reviewer: o.reviewer ?? defaultReviewer() });
        out.result(
          r,
          (c) => `Rejected claim ${c.id} (${c.type} ${oneLine(c.subject)}): ${oneLine(c.reason ?? '')}`,
        );
      }),
    );
}
