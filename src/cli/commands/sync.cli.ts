/** `caucus sync democracy-club`: candidates and results from Democracy Club's API, all or nothing. */
import type { Command } from 'commander';
import type { SyncSummary } from '../../app/commands/sync.commands.js';
import { type CliGroups, withContext } from '../context.js';
import type { Style } from '../output.js';
import { renderImport } from './import.cli.js';

function renderSync(r: SyncSummary, s: Style): string {
  return [
    s.bold(
      `Democracy Club${r.council ? ` (${r.council.name}, ${r.council.slug})` : ''}: ${r.ballots} ballot(s), ${r.candidacies} candidacies in ${r.requests} request(s)${r.retried ? `, ${r.retried} retried` : ''}`,
    ),
    `changes since: ${r.since ?? 'the beginning'}; cursor now ${r.cursor.after}`,
    renderImport(
      {
        ...r,
        file: 'Democracy Club API',
        format: 'dc-candidates',
        source: 'democracy-club',
        rows: r.candidacies,
        rejected: 0,
        rejectsFile: null,
      },
      s,
    )
      .split('\n')
      .slice(1)
      .join('\n'),
  ].join('\n');
}

export function registerSyncCommands({ program }: CliGroups): void {
  const sync = program.command('sync').description('fetch data from live sources');
  sync
    .command('democracy-club')
    .description(
      "candidates and results from Democracy Club's API; fetched completely before one transaction, resumable from the last committed run",
    )
    .option('--council <id>', 'one council (id, three-letter code or GSS code)')
    .option(
      '--since <date>',
      'ballots changed since this day (YYYY-MM-DD); default: since the last committed sync',
    )
    .option('--base-url <url>', 'API base (default https://candidates.democracyclub.org.uk/api/next)')
    .option('--delay <ms>', 'pause between requests', '1000')
    .option('--timeout <ms>', 'give up on a request after this long', '30000')
    .option('--retries <n>', 'retries after a network error, timeout, 429 or 5xx (exponential back-off)', '4')
    .option('--backoff <ms>', 'first retry delay, doubled each time', '1000')
    .action(
      async (
        o: {
          council?: string;
          since?: string;
          baseUrl?: string;
          delay: string;
          timeout: string;
          retries: string;
          backoff: string;
        },
        c: Command,
      ) =>
        withContext(c, async (ctx, out) => {
          const { syncDemocracyClub } = await import('../../app/commands/sync.commands.js');
          const r = await syncDemocracyClub(ctx, {
            ...(o.council ? { council: o.council } : {}),
            ...(o.since ? { since: o.since } : {}),
            ...(o.baseUrl ? { baseUrl: o.baseUrl } : {}),
            delayMs: o.delay,
            timeoutMs: o.timeout,
            retries: o.retries,
            backoffMs: o.backoff,
          });
          out.result(r, renderSync);
        }),
    );
}
