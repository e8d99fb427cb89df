/**
 * `caucus forecast ...` (run, show, list, compare, calibrate, backtest) and `caucus surges`: the Monte Carlo
 * of selections and elections. docs/forecast.md has the model and the JSON shapes.
 */
import type { Command } from 'commander';
import type {
  backtest,
  calibrate,
  ForecastResult,
  forecastCompare,
  forecastList,
  surges,
} from '../../app/commands/forecast.commands.js';
import { asOfOption, type CliGroups, readInputFile, withContext, withoutStore } from '../context.js';
import { type Style, table } from '../output.js';

type Result<F extends (...a: never[]) => unknown> = Awaited<ReturnType<F>>;
const pct = (p: number | undefined) => (p === undefined ? '-' : `${(100 * p).toFixed(1)}%`);
const signed = (p: number) => `${p > 0 ? '+' : ''}${(100 * p).toFixed(1)}`;
const iv = (x: { p5: number; p50: number; p95: number } | undefined) =>
  x ? `${x.p5}-${x.p50}-${x.p95}` : '-';

function renderForecast(
  r: Omit<ForecastResult, 'id'> & { id: string | null; createdAt?: string },
  s: Style,
): string {
  const name = (id: string) => r.names[id] ?? id;
  const lines = [
    s.bold(
      `Forecast ${r.scope === 'national' ? 'for every council' : `for ${name(r.scope)}`} from ${r.asOf}: ${r.runs.toLocaleString('en-GB')} runs, seed ${r.seed}${r.scenario ? `, scenario "${r.scenario.name}"` : ''}`,
    ),
    s.dim(`${r.id ? `saved as ${r.id}; ` : ''}seats are shown as 5th-50th-95th percentiles`),
  ];
  const base = r.baseline;
  for (const poll of r.polls) {
    const bpoll = base?.polls.find((p) => p.date === poll.date);
    const n = poll.councils.length;
    lines.push('', s.bold(`${poll.date}: ${n} ${n === 1 ? 'council' : 'councils'} polling`));
    if (r.scope === 'national') {
      const rows = Object.entries(poll.national.factionRunCouncils)
        .filter(([, x]) => x.p95 > 0)
        .map(([f, x]) => [name(f), iv(x), bpoll ? iv(bpoll.national.factionRunCouncils[f]) : '']);
      lines.push(
        rows.length
          ? table(
              ['faction', 'councils it runs', ...(bpoll ? ['baseline'] : [])],
              rows.map((x) => (bpoll ? x : x.slice(0, 2))),
            )
          : 'no faction runs a council in any run',
      );
      const parties = Object.entries(poll.national.partyMajorityCouncils)
        .filter(([, x]) => x.p95 > 0)
        .map(([p, x]) => [name(p), iv(x)]);
      if (parties.length) lines.push('', table(['party', 'councils with a majority'], parties));
      continue;
    }
    for (const c of poll.councils) {
      const bc = bpoll?.councils.find((x) => x.council === c.council);
      lines.push(
        table(
          ['party', 'P(majority)', 'seats', ...(bc ? ['baseline P(majority)'] : [])],
          Object.entries(c.seats)
            .filter(([, x]) => x.p95 > 0)
            .map(([p, x]) => [
              name(p),
              pct(c.pPartyMajority[p]),
              iv(x),
              ...(bc ? [pct(bc.pPartyMajority[p])] : []),
            ]),
        ),
        '',
        table(
          ['faction', 'P(controls group)', 'P(runs council)', 'seats', ...(bc ? ['baseline P(runs)'] : [])],
          Object.entries(c.factionSeats)
            .filter(([f, x]) => x.p95 > 0 || (c.pFactionControlsGroup[f] ?? 0) > 0)
            .map(([f, x]) => [
              name(f),
              pct(c.pFactionControlsGroup[f]),
              pct(c.pFactionRunsCouncil[f]),
              iv(x),
              ...(bc ? [pct(bc.pFactionRunsCouncil[f])] : []),
            ]),
        ),
      );
    }
  }
  if (r.scope !== 'national') {
    const paths = r.pathways[r.scope] ?? [];
    if (paths.length) {
      lines.push('', s.bold('Most likely pathways (who runs the council after each poll)'));
      for (const p of paths)
        lines.push(
          `${pct(p.p).padStart(6)}  ${p.path.map((x) => (x === 'noc' ? 'no overall control' : name(x))).join(' -> ')}`,
        );
    }
  }
  return lines.join('\n');
}

function renderList(r: Result<typeof forecastList>, _s: Style): string {
  if (r.forecasts.length === 0) return 'no saved forecasts (run caucus forecast)';
  return table(
    ['id', 'made', 'as of', 'scope', 'runs', 'seed', 'polls', 'scenario'],
    r.forecasts.map((f) => [
      f.id,
      f.createdAt.slice(0, 16).replace('T', ' '),
      f.asOf,
      f.scope,
      f.runs,
      f.seed,
      f.polls,
      f.scenarioName ?? '',
    ]),
  );
}

function renderCompare(r: Result<typeof forecastCompare>, s: Style): string {
  const name = (id: string) => r.names[id] ?? id;
  const lines = [s.bold(`${r.b.id} compared with ${r.a.id} (changes of at least 0.5 points)`)];
  for (const n of r.national) {
    const moved = Object.entries(n.factionRunCouncilsP50).map(
      ([f, d]) => `${name(f)} ${d > 0 ? '+' : ''}${d}`,
    );
    lines.push(`${n.date}: median faction-run councils ${moved.length ? moved.join(', ') : 'unchanged'}`);
  }
  const rows = r.councils
    .slice(0, 60)
    .flatMap((c) => [
      ...Object.entries(c.pPartyMajority).map(([p, d]) => [
        c.date,
        name(c.council),
        `${name(p)} majority`,
        signed(d),
      ]),
      ...Object.entries(c.pFactionRunsCouncil).map(([f, d]) => [
        c.date,
        name(c.council),
        `${name(f)} runs it`,
        signed(d),
      ]),
    ]);
  if (rows.length) lines.push('', table(['poll', 'council', 'outcome', 'change (points)'], rows));
  return lines.join('\n');
}

function renderSurges(r: Result<typeof surges>, s: Style): string {
  const lines = [
    s.bold(
      `Membership surges as of ${r.asOf}: ${r.surges.length} of ${r.scored} local parties with enough history`,
    ),
    s.dim(r.method),
  ];
  for (const x of r.surges) {
    lines.push(
      '',
      s.bold(
        `${x.localParty.name}: ${signed(x.growth)}% in a year against ${signed(x.nationalGrowth)}% nationally (z = ${x.z?.toFixed(1)}${x.since ? `, since ${x.since}` : ''})`,
      ),
    );
    if (x.councillors.length === 0)
      lines.push('  no sitting councillors of the party in the wards it selects for');
    else
      lines.push(
        table(
          ['councillor', 'faction', 'council', 'ward', 'next poll', 'selection opens', 'closes', 'status'],
          x.councillors.map((c) => [
            c.person.name,
            c.faction?.name ?? 'unaligned',
            c.council.name,
            c.ward.name,
            c.nextPoll,
            c.selectionOpens,
            c.selectionCloses,
            c.status,
          ]),
        ),
      );
  }
  return lines.join('\n');
}

function renderCalibration(r: Result<typeof calibrate> | Result<typeof backtest>, s: Style): string {
  const ci = (x: { value: number; low: number; high: number }) =>
    `${x.value.toFixed(4)} [${x.low.toFixed(4)}, ${x.high.toFixed(4)}]`;
  return [
    s.bold(
      `${r.kind === 'calibration' ? 'Calibration on synthetic histories' : 'Backtest on the registry'}: ${r.events.toLocaleString('en-GB')} forecast events`,
    ),
    s.dim(r.description),
    `Brier score          ${ci(r.brier)}`,
    `no-change baseline   ${ci(r.baselineBrier)}`,
    `Brier skill score    ${ci(r.brierSkill)}`,
    `90% interval cover   ${ci(r.coverage90)}  (seat counts within their 5th-95th percentiles)`,
    `randomized PIT 90%   ${ci(r.pitCoverage90)}`,
    '',
    table(
      ['predicted', 'events', 'mean predicted', 'observed', '95% CI', 'within'],
      r.reliability.map((b) =>
        b.events === 0
          ? [`${b.from.toFixed(1)}-${b.to.toFixed(1)}`, 0, '-', '-', '-', '']
          : [
              `${b.from.toFixed(1)}-${b.to.toFixed(1)}`,
              b.events,
              b.meanPredicted.toFixed(3),
              b.observed.toFixed(3),
              `${b.low.toFixed(3)}-${b.high.toFixed(3)}`,
              b.within ? 'yes' : 'NO',
            ],
      ),
    ),
  ].join('\n');
}

/**
 * `forecast` and its subcommands share option names (--runs, --seed, --as-of): commander gives such an option
 * to the parent wherever it appears, so a subcommand reads its own merged with the parent's.
 */
function sharedOptions<T extends object>(cmd: Command, own: T): T {
  const merged = cmd.optsWithGlobals() as Record<string, unknown>;
  const out = { ...own } as Record<string, unknown>;
  for (const k of ['runs', 'seed', 'workers', 'polls', 'asOf'])
    if (out[k] === undefined && merged[k] !== undefined) out[k] = merged[k];
  return out as T;
}

export function registerForecastCommands({ program }: CliGroups): void {
  const fc = program
    .command('forecast')
    .description('forecast control of councils and of the groups inside them over the coming polls')
    .option('--council <id>', 'one council (id, three-letter code or GSS code)')
    .option('--national', 'every council (the default)')
    .option('--polls <n>', 'coming polling days to forecast (default 4)')
    .option('--runs <n>', 'Monte Carlo runs (default 10000)')
    .option('--seed <n>', 'random seed (default: a new one, printed)')
    .option('--scenario <file>', 'a JSON scenario to compare against the baseline (see docs/forecast.md)')
    .option('--workers <n>', 'threads to use (default: all cores; 0 runs in the main thread)')
    .option('--all-councils', 'list every council at every poll, not only those polling that day')
    .option('--no-save', 'do not save the forecast')
    .addOption(asOfOption())
    .action(
      async (
        o: {
          council?: string;
          national?: boolean;
          polls?: string;
          runs?: string;
          seed?: string;
          scenario?: string;
          workers?: string;
          asOf?: string;
          allCouncils?: boolean;
          save: boolean;
        },
        cmd: Command,
      ) =>
        withContext(cmd, async (ctx, out) => {
          const { forecast } = await import('../../app/commands/forecast.commands.js');
          const scenario = o.scenario ? await readInputFile(o.scenario) : undefined;
          const ac = new AbortController();
          const stop = () => ac.abort(new Error('forecast cancelled'));
          process.once('SIGINT', stop);
          try {
            const r = await forecast(
              ctx,
              {
                council: o.council,
                national: o.national,
                polls: o.polls,
                runs: o.runs,
                seed: o.seed,
                workers: o.workers,
                asOf: o.asOf,
                allCouncils: Boolean(o.allCouncils),
                save: o.save,
                ...(scenario === undefined ? {} : { scenario, scenarioFile: o.scenario }),
              },
              ac.signal,
            );
            out.result(r, renderForecast);
          } finally {
            process.removeListener('SIGINT', stop);
          }
        }),
    );

  fc.command('show <id>')
    .description('a saved forecast, with the inputs it was made from')
    .action(async (id: string, _o: unknown, cmd: Command) =>
      withContext(cmd, async (ctx, out) => {
        const { forecastShow } = await import('../../app/commands/forecast.commands.js');
        out.result(await forecastShow(ctx, { id }), renderForecast);
      }),
    );

  fc.command('list')
    .description('saved forecasts, newest first')
    .option('--limit <n>', 'at most this many (default 50)')
    .action(async (o: { limit?: string }, cmd: Command) =>
      withContext(cmd, async (ctx, out) => {
        const { forecastList } = await import('../../app/commands/forecast.commands.js');
        out.result(await forecastList(ctx, o), renderList);
      }),
    );

  fc.command('compare <a> <b>')
    .description('how saved forecast B differs from saved forecast A')
    .action(async (a: string, b: string, _o: unknown, cmd: Command) =>
      withContext(cmd, async (ctx, out) => {
        const { forecastCompare } = await import('../../app/commands/forecast.commands.js');
        out.result(await forecastCompare(ctx, { a, b }), renderCompare);
      }),
    );

  fc.command('calibrate')
    .description('score the model on synthetic histories made from known parameters')
    .option('--histories <n>', 'synthetic histories (default 40)')
    .option('--runs <n>', 'runs per forecast (default 400)')
    .option('--seed <n>', 'random seed (default 1)')
    .option('--workers <n>', 'threads (default: all cores)')
    .action(async (o: { histories?: string; runs?: string; seed?: string; workers?: string }, cmd: Command) =>
      withoutStore(cmd, async (out) => {
        const { calibrate } = await import('../../app/commands/forecast.commands.js');
        out.result(await calibrate(sharedOptions(cmd, o)), renderCalibration);
      }),
    );

  fc.command('backtest')
    .description("forecast the registry's own past from an earlier day and score it against what happened")
    .option('--polls <n>', 'polls after the as-of day to score (default 3)')
    .option('--runs <n>', 'runs (default 2000)')
    .option('--seed <n>', 'random seed (default 1)')
    .option('--workers <n>', 'threads (default: all cores)')
    .addOption(asOfOption().makeOptionMandatory(false))
    .action(
      async (
        o: { polls?: string; runs?: string; seed?: string; workers?: string; asOf?: string },
        cmd: Command,
      ) =>
        withContext(cmd, async (ctx, out) => {
          const { backtest } = await import('../../app/commands/forecast.commands.js');
          out.result(await backtest(ctx, sharedOptions(cmd, o)), renderCalibration);
        }),
    );

  program
    .command('surges')
    .description(
      'local parties whose membership rose faster than their history and the national trend predict',
    )
    .option('--council <id>', 'only local parties selecting for this council')
    .addOption(asOfOption())
    .action(async (o: { asOf?: string; council?: string }, cmd: Command) =>
      withContext(cmd, async (ctx, out) => {
        const { surges } = await import('../../app/commands/forecast.commands.js');
        out.result(await surges(ctx, o), renderSurges);
      }),
    );
}
