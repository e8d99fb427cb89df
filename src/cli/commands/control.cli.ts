/** CLI commands about control: `caucus control` for councils on a day, and the national time series. */
import type { Command } from 'commander';
import type { control, nationalControl } from '../../app/commands/control.commands.js';
import { asOfOption, type CliGroups, withContext } from '../context.js';
import { type Result, type Style, table } from '../output.js';

function renderControl(r: Result<typeof control>, s: Style): string {
  const status = (c: Result<typeof control>['councils'][number]) =>
    c.status === 'majority'
      ? `${c.majorityParty?.name} majority`
      : c.status === 'minority-administration'
        ? `${c.leader?.party?.name} minority`
        : 'No overall control';
  const lines = [
    s.bold(`Council control as of ${r.asOf}`),
    table(
      ['council', 'control', 'seats', 'leader', 'faction in control'],
      r.councils.map((c) => [
        c.council.name,
        status(c),
        c.seats,
        c.leader?.name ?? '-',
        c.controllingFaction?.name ?? '-',
      ]),
    ),
  ];
  if (r.councils.length === 1) {
    const c = r.councils[0]!;
    lines.push(
      '',
      s.bold('Groups and factions'),
      table(
        ['group', 'seats', 'factions (seats)', 'faction in control'],
        c.groups.map((g) => [
          g.party?.name ?? '-',
          g.seats,
          g.factions.map((f) => `${f.faction?.name ?? 'unaligned'} ${f.seats}`).join(', '),
          g.controllingFaction?.name ?? 'none',
        ]),
      ),
    );
  }
  return lines.join('\n');
}

function renderNational(r: Result<typeof nationalControl>, s: Style): string {
  const parties = [...new Set(r.series.flatMap((y) => Object.keys(y.parties)))].sort();
  const factions = [...new Set(r.series.flatMap((y) => Object.keys(y.factions)))].sort();
  return [
    s.bold(`Councils by majority party, ${r.from}-${r.to} (on 1 June each year)`),
    table(
      ['year', ...parties.map((p) => r.names[p]!), 'NOC'],
      r.series.map((y) => [String(y.year), ...parties.map((p) => y.parties[p] ?? 0), y.noOverallControl]),
    ),
    '',
    s.bold('Councils run by each faction through its majority group'),
    table(
      ['year', ...factions.map((f) => r.names[f]!)],
      r.series.map((y) => [String(y.year), ...factions.map((f) => y.factions[f] ?? 0)]),
    ),
  ].join('\n');
}

export function registerControlCommands({ program }: CliGroups): void {
  program
    .command('control')
    .description('who controls each council on a day (or --national: the series over the years)')
    .option('--council <id>', 'one council by id, three-letter code or GSS code')
    .addOption(asOfOption())
    .option('--national', 'the national time series of control by party and by faction')
    .option('--from <year>', 'with --national: first year (default ten years back)')
    .option('--to <year>', 'with --national: last year (default this year)')
    .action(
      async (
        o: { council?: string; asOf?: string; national?: boolean; from?: string; to?: string },
        cmd: Command,
      ) =>
        withContext(cmd, async (ctx, out) => {
          const commands = await import('../../app/commands/control.commands.js');
          if (o.national)
            out.result(await commands.nationalControl(ctx, { from: o.from, to: o.to }), renderNational);
          else out.result(await commands.control(ctx, { council: o.council, asOf: o.asOf }), renderControl);
        }),
    );
}
