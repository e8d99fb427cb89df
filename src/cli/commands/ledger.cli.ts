/**
 * `caucus ledger` (incumbency ledger of an ordinary election), `caucus cycle` (how a council elects) and
 * `caucus export ledger` (every ledger as CSV).
 */
import type { Command } from 'commander';
import type { cycle, ledger } from '../../app/commands/ledger.commands.js';
import { UsageError } from '../../domain/errors.js';
import { type CliGroups, withContext } from '../context.js';
import { type Style, table } from '../output.js';
import { writeExport } from './import.cli.js';

type Result<F extends (...a: never[]) => unknown> = Awaited<ReturnType<F>>;

function renderLedger(d: Result<typeof ledger>['detail'], s: Style): string {
  const person = (id: string) => d.names.people[id] ?? id;
  const party = (id: string | null) => (id ? (d.names.parties[id] ?? id) : 'Independent');
  const lines = [
    s.bold(`${d.councilName} (${d.council}): incumbency ledger of the ordinary election of ${d.election}`),
    s.dim(`ordinary polls in the registry: ${d.elections.join(', ')}`),
  ];
  const rows: Array<Array<string | number>> = [];
  for (const seat of d.seats) {
    const extra = [
      seat.vacant ? `${seat.vacant} vacant` : '',
      seat.unknown ? `${seat.unknown} won before the history` : '',
    ]
      .filter(Boolean)
      .join(', ');
    if (seat.incumbents.length === 0)
      rows.push([seat.ward, seat.seatsUp, '-', '', extra || 'no incumbent known', '']);
    for (const [i, inc] of seat.incumbents.entries())
      rows.push([
        i === 0 ? seat.ward : '',
        i === 0 ? seat.seatsUp : '',
        person(inc.person),
        party(inc.party),
        inc.outcome,
        inc.stood && inc.outcome !== 're-elected' && inc.outcome !== 'lost'
          ? `stood in ${inc.stood.ward} for ${party(inc.stood.party)}`
          : extra,
      ]);
  }
  lines.push(table(['ward', 'up', 'incumbent', 'elected for', 'outcome', ''], rows));
  lines.push(
    '',
    `totals: ${Object.entries(d.totals)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  for (const w of d.warnings.slice(0, 20)) lines.push(s.dim(`warning: ${w}`));
  if (d.warnings.length > 20)
    lines.push(s.dim(`... ${d.warnings.length - 20} more warnings (use --detail --json)`));
  return lines.join('\n');
}

function renderCycle(d: Result<typeof cycle>['detail'], s: Style): string {
  const lines = [
    s.bold(
      `${d.councilName} (${d.council}): ${d.scheme ?? 'no scheme can be inferred'}${d.seatsPerPoll ? `, ${d.seatsPerPoll} seats per ordinary poll` : ''}`,
    ),
  ];
  if (d.declaredScheme)
    lines.push(
      `declared scheme: ${d.declaredScheme}${d.declaredScheme !== d.scheme ? ' (the history suggests otherwise)' : ''}`,
    );
  else if (d.filledScheme)
    lines.push(
      `scheme filled in from this inference for the timetable: ${d.filledScheme}${d.applied ? ' (now)' : ''}`,
    );
  else lines.push(s.dim('no scheme declared: `caucus cycle --apply` fills this one in for the timetable'));
  if (d.fallowYears.length) lines.push(`fallow years: ${d.fallowYears.join(', ')}`);
  if (d.allOutYears.length) lines.push(`all-out years: ${d.allOutYears.join(', ')}`);
  for (const p of d.postponed) lines.push(`postponed: ${p.from} -> ${p.to}`);
  if (d.polls.length)
    lines.push(
      '',
      table(
        ['poll', 'wards', 'seats up', 'of', 'share', 'all-out'],
        d.polls.map((p) => [
          p.date,
          p.wards,
          p.seatsUp,
          p.councilSeats,
          p.share.toFixed(2),
          p.allOut ? 'yes' : '',
        ]),
      ),
    );
  if (d.byElections.length)
    lines.push('', `by-elections: ${d.byElections.map((b) => `${b.date} ${b.ballot}`).join('; ')}`);
  for (const n of d.notes) lines.push(s.dim(`note: ${n}`));
  return lines.join('\n');
}

export function registerLedgerCommands({ program, exportCmd }: CliGroups): void {
  program
    .command('ledger')
    .description('who held each seat up at an ordinary election, and what became of them')
    .requiredOption('--council <id>', 'the council (id, three-letter code or GSS code)')
    .option('--election <date>', 'the ordinary election (YYYY-MM-DD); default the latest in the registry')
    .option(
      '--detail',
      "with --json, the engine's full answer (evidence, vacancies, warnings) instead of the short shape",
    )
    .action(async (o: { council: string; election?: string; detail?: boolean }, c: Command) =>
      withContext(c, async (ctx, out) => {
        const { ledger } = await import('../../app/commands/ledger.commands.js');
        const r = await ledger(ctx, { council: o.council, ...(o.election ? { election: o.election } : {}) });
        out.result(o.detail ? r.detail : r.json, (_v, s) => renderLedger(r.detail, s));
      }),
    );

  program
    .command('cycle')
    .description(
      'how a council elects, inferred from its polls: scheme, fallow and all-out years, postponements',
    )
    .requiredOption('--council <id>', 'the council (id, three-letter code or GSS code)')
    .option('--apply', 'fill the inferred scheme in for the timetable where the council declares none')
    .option('--detail', 'with --json, the full inference (polls, by-elections, notes)')
    .action(async (o: { council: string; apply?: boolean; detail?: boolean }, c: Command) =>
      withContext(c, async (ctx, out) => {
        const { cycle } = await import('../../app/commands/ledger.commands.js');
        const r = await cycle(ctx, { council: o.council, apply: Boolean(o.apply) });
        out.result(o.detail ? r.detail : r.json, (_v, s) => renderCycle(r.detail, s));
      }),
    );

  exportCmd
    .command('ledger [file]')
    .description(
      'the incumbency ledger of every ordinary election as CSV, one row per seat up (docs/formats.md)',
    )
    .option('--council <id>', 'one council (id, three-letter code or GSS code)')
    .option('--out <file>', 'write to a file instead of stdout (the same as giving FILE)')
    .action(async (file: string | undefined, o: { council?: string; out?: string }, c: Command) =>
      withContext(c, async (ctx, out) => {
        if (file && o.out && file !== o.out)
          throw new UsageError(`give the output file once: FILE (${file}) or --out (${o.out})`);
        const { ledgerCsv } = await import('../../app/commands/ledger.commands.js');
        await writeExport(await ledgerCsv(ctx, { council: o.council }), file ?? o.out, out, 'ledger');
      }),
    );
}
