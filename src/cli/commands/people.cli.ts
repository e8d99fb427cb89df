/** `caucus people review | merge | split | dismiss | log`: one person, many records. */
import type { Command } from 'commander';
import type { peopleLog, peopleReview } from '../../app/commands/people.commands.js';
import { type CliGroups, withContext } from '../context.js';
import { type Style, table } from '../output.js';

type Result<F extends (...a: never[]) => unknown> = Awaited<ReturnType<F>>;

function renderReview(r: Result<typeof peopleReview>, s: Style): string {
  if (r.pairs.length === 0) return `no ${r.status === 'all' ? '' : `${r.status} `}pairs to review`;
  return [
    s.bold(
      `${r.pairs.length} ${r.status === 'all' ? '' : `${r.status} `}pair(s): merge with \`caucus people merge A B\`, or \`caucus people dismiss A B\``,
    ),
    table(
      ['A', 'name', 'B', 'name', 'score', 'council', 'status', 'why'],
      r.pairs.map((p) => [
        p.a.id,
        p.a.name ?? '?',
        p.b.id,
        p.b.name ?? '?',
        p.score.toFixed(3),
        p.council ?? '',
        p.status,
        p.reason,
      ]),
    ),
  ].join('\n');
}

function renderLog(r: Result<typeof peopleLog>, s: Style): string {
  if (r.entries.length === 0) return 'no merges or splits yet';
  return [
    s.bold(`${r.entries.length} merge(s) and split(s), newest first`),
    table(
      ['#', 'at', 'action', 'person', 'other', 'candidacies', 'by', 'reason'],
      r.entries.map((e) => [
        e.id,
        e.at.slice(0, 19),
        e.action,
        e.personId,
        e.otherId,
        e.details.candidacies.length,
        e.actor,
        e.reason ?? '',
      ]),
    ),
  ].join('\n');
}

export function registerPeopleCommands({ program }: CliGroups): void {
  const people = program
    .command('people')
    .description('one person, many records: matches to review, merges and splits');

  people
    .command('review')
    .description('possible same-person pairs found on import, strongest first')
    .option('--status <status>', 'open (default), merged, dismissed or all', 'open')
    .option('--limit <n>', 'at most this many pairs', '200')
    .action(async (o: { status: string; limit: string }, c: Command) =>
      withContext(c, async (ctx, out) => {
        const { peopleReview } = await import('../../app/commands/people.commands.js');
        out.result(await peopleReview(ctx, o), renderReview);
      }),
    );

  people
    .command('merge <A> <B>')
    .description(
      "fold B into A: B's memberships, candidacies, selections, events, citations, identifiers and aliases move to A, and references to B (event details, review claims) name A",
    )
    .option('--reason <text>', 'why (kept in the log)')
    .action(async (a: string, b: string, o: { reason?: string }, c: Command) =>
      withContext(c, async (ctx, out) => {
        const { peopleMerge } = await import('../../app/commands/people.commands.js');
        out.result(
          await peopleMerge(ctx, { keep: a, other: b, ...(o.reason ? { reason: o.reason } : {}) }),
          (r) =>
            `merged ${r.merged} into ${r.kept} (log #${r.logId}): moved ${r.moved.candidacies} candidacies, ${r.moved.memberships} memberships, ${r.moved.selectionCandidacies} selection candidacies, ${r.moved.events} events, ${r.moved.citations} citations, ${r.moved.identifiers} identifiers, ${r.moved.aliases} aliases; rewrote ${r.moved.eventDetails} event details and ${r.moved.claims} review claims`,
        );
      }),
    );

  people
    .command('split <A>')
    .description(
      "give some of A's candidacies to a new person (restores a merged record when they were its own)",
    )
    .requiredOption('--candidacies <ids>', 'comma-separated candidacy ids')
    .option('--id <id>', 'id of the new person (default: the merged record, or A~split-N)')
    .option('--name <name>', "the new person's name (default: A's)")
    .option('--reason <text>', 'why (kept in the log)')
    .action(
      async (
        a: string,
        o: { candidacies: string; id?: string; name?: string; reason?: string },
        c: Command,
      ) =>
        withContext(c, async (ctx, out) => {
          const { peopleSplit } = await import('../../app/commands/people.commands.js');
          out.result(
            await peopleSplit(ctx, { person: a, ...o }),
            (r) =>
              `split ${r.moved.candidacies} candidacies of ${r.person} into ${r.newPerson}${r.restored ? ' (restored with what its merge had moved)' : ''} (log #${r.logId})`,
          );
        }),
    );

  people
    .command('dismiss <A> <B>')
    .description('record that A and B are two people; matching will not propose them again')
    .option('--reason <text>', 'why')
    .action(async (a: string, b: string, o: { reason?: string }, c: Command) =>
      withContext(c, async (ctx, out) => {
        const { peopleDismiss } = await import('../../app/commands/people.commands.js');
        out.result(await peopleDismiss(ctx, { a, b, ...o }), (r) => `${r.a} and ${r.b}: ${r.status}`);
      }),
    );

  people
    .command('log')
    .description('merges and splits, newest first')
    .option('--person <id>', 'only those involving this person')
    .option('--limit <n>', 'at most this many entries', '100')
    .action(async (o: { person?: string; limit: string }, c: Command) =>
      withContext(c, async (ctx, out) => {
        const { peopleLog } = await import('../../app/commands/people.commands.js');
        out.result(await peopleLog(ctx, o), renderLog);
      }),
    );
}
