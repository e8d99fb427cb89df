/** `caucus power` (the calculator, or a council's groups and factions) and `caucus takeover`. */
import type { Command } from 'commander';
import type { councilPowerCommand, powerCalculator, takeover } from '../../app/commands/power.commands.js';
import { asOfOption, type CliGroups, withContext, withoutStore } from '../context.js';
import { type Result, type Style, table } from '../output.js';

const pct = (x: number | undefined) => (x === undefined ? '-' : `${(100 * x).toFixed(2)}%`);

interface PlayerRow {
  name: string;
  weight: number;
  banzhaf?: number;
  shapleyShubik?: number;
  deeganPackel?: number;
  holler?: number;
  owen?: number;
}

/** Unaligned members vote one by one with equal power: one line stands for all of them. */
function collapseUnaligned(players: readonly PlayerRow[]): PlayerRow[] {
  const loose = players.filter((p) => /unaligned \d+$/.test(p.name));
  if (loose.length < 2) return [...players];
  const rest = players.filter((p) => !loose.includes(p));
  return [...rest, { ...loose[0]!, name: `unaligned members (${loose.length}, each)` }];
}

function renderPlayers(all: readonly PlayerRow[]): string {
  const players = collapseUnaligned(all);
  const owen = players.some((p) => p.owen !== undefined);
  return table(
    ['player', 'weight', 'Banzhaf', 'Shapley-Shubik', 'Deegan-Packel', 'Holler', ...(owen ? ['Owen'] : [])],
    players.map((p) => [
      p.name,
      p.weight,
      pct(p.banzhaf),
      pct(p.shapleyShubik),
      pct(p.deeganPackel),
      pct(p.holler),
      ...(owen ? [pct(p.owen)] : []),
    ]),
  );
}

function renderCalculator(r: Result<typeof powerCalculator>, s: Style): string {
  if ('samples' in r) {
    return [
      s.bold(
        `[${r.quota}; total ${r.totalWeight}] estimated from ${r.samples.toLocaleString('en-GB')} samples (seed ${r.seed}, ${r.method})`,
      ),
      JSON.stringify(r.players, null, 2),
    ].join('\n');
  }
  return [
    s.bold(
      `[${r.quota}; total weight ${r.totalWeight}]: ${r.winningCoalitions} winning coalitions, ${r.minimalWinningCoalitions} minimal`,
    ),
    renderPlayers(r.players as PlayerRow[]),
    r.dictator ? `dictator: ${r.dictator}` : '',
    r.dummies.length ? `dummies (no power): ${r.dummies.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

function renderCouncilPower(r: Result<typeof councilPowerCommand>, s: Style): string {
  if (r.kind === 'group') {
    return [
      s.bold(
        `${r.group.name} group on ${r.council.name}, ${r.asOf}: ${r.group.seats} seats, ${r.group.quota} elect the leader`,
      ),
      r.power ? renderPlayers(r.power.players as PlayerRow[]) : 'no faction data',
      '',
      r.dependence.explanation,
    ].join('\n');
  }
  return [
    s.bold(`${r.council.name}, ${r.asOf}: ${r.seats} seats, ${r.status}`),
    renderPlayers(r.power.players as PlayerRow[]),
    ...(r.hung
      ? [
          '',
          s.bold('Winning coalitions (minimal first)'),
          table(
            ['parties', 'seats', 'surplus', 'minimal'],
            r.hung.coalitions.map((c) => [c.parties.join(' + '), c.seats, c.surplus, c.minimal ? 'yes' : '']),
          ),
        ]
      : []),
  ].join('\n');
}

function renderTakeover(r: Result<typeof takeover>, s: Style): string {
  const path = (p: typeof r.group) =>
    p.already
      ? 'already in control'
      : !p.possible
        ? `not possible with the seats coming up: ${p.explanation}`
        : [
            `by ${p.byPoll?.date ?? p.byPoll?.id}: ${p.explanation}`,
            ...p.steps.map(
              (st) =>
                `  ${st.date ?? st.poll}: ${st.deselections.length} deselection(s), ${st.wins.length} win(s)`,
            ),
          ].join('\n');
  return [
    s.bold(`${r.faction.name} (${r.faction.party.name}) on ${r.council.name}, ${r.asOf}`),
    r.distance.explanation,
    '',
    s.bold('Control of the group'),
    path(r.group),
    '',
    s.bold('Control of the council through the group'),
    path(r.councilControl),
  ].join('\n');
}

export function registerPowerCommands({ program }: CliGroups): void {
  program
    .command('power')
    .description(
      'voting power: --quota and --weights for any weighted game, or --council for a council on a day',
    )
    .option('--quota <q>', 'votes needed to win')
    .option('--weights <list>', 'comma-separated integer weights, e.g. 4,4,4,2,2,1')
    .option('--names <list>', 'comma-separated player names, in the order of --weights')
    .option('--unions <spec>', 'a priori unions for Owen values, e.g. "A|B,C|D,E,F"')
    .option('--exact', 'also print each index as an exact fraction')
    .option('--approx', 'estimate by Monte Carlo (for games too large for exact computation)')
    .option('--samples <n>', 'with --approx: samples (default 100000)')
    .option('--seed <n>', 'with --approx: random seed (default 1)')
    .option('--council <id>', 'a council: party groups as players')
    .option('--group <party>', 'with --council: the group, factions as players in electing its leader')
    .addOption(asOfOption())
    .action(async (o: Record<string, string | boolean | undefined>, cmd: Command) => {
      if (o.council) {
        await withContext(cmd, async (ctx, out) => {
          const { councilPowerCommand } = await import('../../app/commands/power.commands.js');
          out.result(await councilPowerCommand(ctx, o), renderCouncilPower);
        });
        return;
      }
      await withoutStore(cmd, async (out) => {
        const { powerCalculator } = await import('../../app/commands/power.commands.js');
        out.result(powerCalculator(o), renderCalculator);
      });
    });

  program
    .command('takeover')
    .description("a faction's distance to control of its group and council, and the earliest pathway")
    .requiredOption('--council <id>', 'the council')
    .requiredOption('--faction <id>', 'the faction (id or name)')
    .addOption(asOfOption())
    .action(async (o: { council: string; faction: string; asOf?: string }, cmd: Command) =>
      withContext(cmd, async (ctx, out) => {
        const { takeover } = await import('../../app/commands/power.commands.js');
        out.result(await takeover(ctx, o), renderTakeover);
      }),
    );
}
