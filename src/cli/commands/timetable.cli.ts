/** `caucus timetable ...`: polling days, statutory deadlines, a council's polls and the selection calendar. */
import type { Command } from 'commander';
import type { timetableCouncil, timetableSelections } from '../../app/commands/timetable.commands.js';
import { asOfOption, type CliGroups, withContext, withoutStore } from '../context.js';
import { type Result, type Style, table } from '../output.js';

const nationHelp = 'england (default), wales, scotland or northern-ireland';

function renderCouncil(r: Result<typeof timetableCouncil>, s: Style): string {
  return [
    s.bold(
      `${r.council.name}: ordinary polls ${r.from}-${r.to} (${r.council.scheme ?? 'scheme not recorded'})`,
    ),
    ...r.polls.flatMap((p) => [
      '',
      `${s.bold(p.date)} ${p.kind}${p.reasons.length ? ` (${p.reasons.join('; ')})` : ''}: ${p.seatsUp} seats up in ${p.wards.filter((w) => w.seatsUp > 0).length} wards`,
      table(
        ['ward', 'seats', 'up'],
        p.wards.filter((w) => w.seatsUp > 0).map((w) => [w.ward, w.seats, w.seatsUp]),
      ),
    ]),
  ].join('\n');
}

function renderSelections(r: Result<typeof timetableSelections>, s: Style): string {
  return [
    s.bold(
      `Selection calendar as of ${r.asOf}${r.within ? `, windows opening within ${r.within}` : ''}: ${r.entries.length} sitting councillors`,
    ),
    table(
      [
        'councillor',
        'party',
        'council',
        'next poll',
        'selection opens',
        'closes',
        'nominations close',
        'status',
      ],
      r.entries
        .slice(0, 200)
        .map((e) => [
          e.personName,
          e.partyName,
          e.councilName,
          e.nextPoll,
          e.selectionOpens,
          e.selectionCloses,
          e.nominationsClose,
          e.status,
        ]),
    ),
    r.entries.length > 200 ? s.dim(`... ${r.entries.length - 200} more (use --json for all)`) : '',
  ].join('\n');
}

export function registerTimetableCommands({ program }: CliGroups): void {
  const tt = program
    .command('timetable')
    .description('the electoral timetable: polls, deadlines, seats up, selections');

  tt.command('polling-days')
    .description('ordinary local polling days by year')
    .requiredOption('--from <year>', 'first year')
    .requiredOption('--to <year>', 'last year')
    .option('--nation <nation>', nationHelp, 'england')
    .action(async (o: { from: string; to: string; nation: string }, cmd: Command) =>
      withoutStore(cmd, async (out) => {
        const { timetablePollingDays } = await import('../../app/commands/timetable.commands.js');
        out.result(timetablePollingDays(o), (days) =>
          table(
            ['year', 'polling day', 'note'],
            days.map((d) => [String(d.year), d.date ?? '-', 'note' in d ? (d.note ?? '') : '']),
          ),
        );
      }),
    );

  tt.command('deadlines')
    .description('statutory deadlines for a poll, counted in working days back from polling day')
    .requiredOption('--poll <date>', 'polling day (YYYY-MM-DD)')
    .option('--nation <nation>', nationHelp, 'england')
    .action(async (o: { poll: string; nation: string }, cmd: Command) =>
      withoutStore(cmd, async (out) => {
        const { timetableDeadlines } = await import('../../app/commands/timetable.commands.js');
        out.result(timetableDeadlines(o), (d) =>
          table(
            ['deadline', 'date'],
            Object.entries(d).map(([k, v]) => [k, v ?? 'does not apply']),
          ),
        );
      }),
    );

  tt.command('council <id>')
    .description("a council's ordinary polls with the seats up in each ward")
    .option('--from <year>', 'first year (default this year)')
    .option('--to <year>', 'last year (default four years on)')
    .action(async (id: string, o: { from?: string; to?: string }, cmd: Command) =>
      withContext(cmd, async (ctx, out) => {
        const { timetableCouncil } = await import('../../app/commands/timetable.commands.js');
        out.result(await timetableCouncil(ctx, { id, ...o }), renderCouncil);
      }),
    );

  tt.command('selections')
    .description('the selection calendar for sitting councillors, soonest first')
    .option('--council <id>', 'one council')
    .option('--party <id>', 'one party (Caucus id, EC id such as PP53, or a name key such as labour)')
    .option('--within <duration>', 'windows opening within this horizon, e.g. 18m, 2y, 90d')
    .addOption(asOfOption())
    .action(async (o: { council?: string; party?: string; within?: string; asOf?: string }, cmd: Command) =>
      withContext(cmd, async (ctx, out) => {
        const { timetableSelections } = await import('../../app/commands/timetable.commands.js');
        out.result(await timetableSelections(ctx, o), renderSelections);
      }),
    );
}
