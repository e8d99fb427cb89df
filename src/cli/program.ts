/**
 * The `caucus` command line: a thin shell over the application commands. Heavy modules (the database,
 * the engines) load only inside the command that needs them, so `caucus --help` starts fast.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import type { AppContext } from '../app/context.js';
import { CaucusError, InvalidInputError } from '../domain/errors.js';
import { fixedClock, systemClock } from '../domain/ports.js';
import { EXIT_CODES } from './exit-codes.js';
import { makeOutput, type Output, toJson } from './output.js';
import { makeProgress } from './progress.js';

interface GlobalOptions {
  db: string;
  json?: boolean;
}

function clock() {
  const today = process.env.CAUCUS_TODAY;
  if (!today) return systemClock;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) {
    throw new InvalidInputError(`expected YYYY-MM-DD, got "${today}"`, { where: 'CAUCUS_TODAY' });
  }
  return fixedClock(today);
}

/** Opens the store named by --db, runs fn with a context, and always closes the store. */
async function withContext(cmd: Command, fn: (ctx: AppContext, out: Output) => Promise<void>): Promise<void> {
  const g = cmd.optsWithGlobals<GlobalOptions>();
  const out = makeOutput(Boolean(g.json));
  const { openStore } = await import('../store/store.js');
  const store = await openStore(g.db);
  const bar = await makeProgress(!g.json);
  try {
    await fn({ store, clock: clock(), progress: bar.progress }, out);
  } finally {
    bar.stop();
    await store.close();
  }
}

async function readInputFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String(err);
    throw new InvalidInputError(why, { where: path, rule: 'file' });
  }
}

const asOfOption = () => new Option('--as-of <date>', 'the day to look at (YYYY-MM-DD); default today');

export function buildProgram(): Command {
  const program = new Command('caucus')
    .description('Who controls British local councils, down to the factions inside each party group.')
    .option('--db <path>', 'SQLite database file (env CAUCUS_DB)', process.env.CAUCUS_DB ?? './caucus.db')
    .option('--json', 'print only machine-readable JSON on stdout; messages go to stderr')
    .showHelpAfterError('(run with --help for usage)')
    .configureHelp({ sortSubcommands: false });

  program
    .command('init')
    .description('create the database (or check an existing one) and apply migrations')
    .action(async (_o, cmd: Command) =>
      withContext(cmd, async (ctx, out) => {
        const { init } = await import('../app/commands/registry.commands.js');
        out.result(await init(ctx), (r) => `${r.database}: Caucus database, schema ${r.schemaVersion}${r.empty ? ', empty' : ''}`);
      }),
    );

  program
    .command('demo')
    .description('load the seeded, fictional sample nation into an empty database')
    .addOption(new Option('--scale <scale>', 'small (3 councils) or uk (about 400)').choices(['small', 'uk']).default('uk'))
    .option('--seed <n>', 'random seed', '1')
    .action(async (o: { scale: string; seed: string }, cmd: Command) =>
      withContext(cmd, async (ctx, out) => {
        const { demo } = await import('../app/commands/registry.commands.js');
        const r = await demo(ctx, { scale: o.scale, seed: o.seed });
        out.result(r, (v) => `loaded the ${v.scale} sample (seed ${v.seed}): ${v.records.toLocaleString('en-GB')} records\n${Object.entries(v.counts).map(([k, n]) => `  ${k}: ${n.toLocaleString('en-GB')}`).join('\n')}`);
      }),
    );

  const imp = program.command('import').description('import data from a file');
  imp
    .command('popolo <file>')
    .description('import a Popolo JSON file (Caucus exports or another registry)')
    .action(async (file: string, _o, cmd: Command) =>
      withContext(cmd, async (ctx, out) => {
        const { importPopolo } = await import('../app/commands/registry.commands.js');
        const r = await importPopolo(ctx, { text: await readInputFile(file), file });
        out.result(r, (v) => `imported ${v.records.toLocaleString('en-GB')} records from ${file}`);
      }),
    );

  const exp = program.command('export').description('export data');
  exp
    .command('popolo')
    .description('export the whole registry as Popolo JSON')
    .option('--out <file>', 'write to a file instead of stdout')
    .action(async (o: { out?: string }, cmd: Command) =>
      withContext(cmd, async (ctx, out) => {
        const { exportPopolo } = await import('../app/commands/registry.commands.js');
        const doc = await exportPopolo(ctx);
        if (o.out) {
          await writeFile(o.out, toJson(doc));
          out.info(`wrote ${o.out}`);
        } else process.stdout.write(`${toJson(doc)}\n`);
      }),
    );

  program
    .command('overview')
    .description('the national picture: councils by control, the largest groups and their factions')
    .addOption(asOfOption())
    .action(async (o: { asOf?: string }, cmd: Command) =>
      withContext(cmd, async (ctx, out) => {
        const { overview } = await import('../app/commands/view.commands.js');
        const { renderOverview } = await import('./render.js');
        out.result(await overview(ctx, { asOf: o.asOf }), renderOverview);
      }),
    );

  const show = program.command('show').description('show one council, person or ward, with sources');
  show
    .command('council <id>')
    .description('a council by id, three-letter code or GSS code')
    .addOption(asOfOption())
    .action(async (id: string, o: { asOf?: string }, cmd: Command) =>
      withContext(cmd, async (ctx, out) => {
        const { showCouncil } = await import('../app/commands/view.commands.js');
        const { renderCouncil } = await import('./render.js');
        out.result(await showCouncil(ctx, { id, asOf: o.asOf }), renderCouncil);
      }),
    );
  show
    .command('person <id>')
    .description('a person by id')
    .addOption(asOfOption())
    .action(async (id: string, o: { asOf?: string }, cmd: Command) =>
      withContext(cmd, async (ctx, out) => {
        const { showPerson } = await import('../app/commands/view.commands.js');
        const { renderPerson } = await import('./render.js');
        out.result(await showPerson(ctx, { id, asOf: o.asOf }), renderPerson);
      }),
    );
  show
    .command('ward <id>')
    .description('a ward by id or GSS code')
    .addOption(asOfOption())
    .action(async (id: string, o: { asOf?: string }, cmd: Command) =>
      withContext(cmd, async (ctx, out) => {
        const { showWard } = await import('../app/commands/view.commands.js');
        const { renderWard } = await import('./render.js');
        out.result(await showWard(ctx, { id, asOf: o.asOf }), renderWard);
      }),
    );

  program
    .command('start', { hidden: true })
    .description('what `npm start` runs: load the uk sample into an empty database, then print the overview')
    .action(async (_o, cmd: Command) =>
      withContext(cmd, async (ctx, out) => {
        const { demo } = await import('../app/commands/registry.commands.js');
        const { overview } = await import('../app/commands/view.commands.js');
        const { renderOverview } = await import('./render.js');
        if (await ctx.store.registry.isEmpty()) {
          out.info(`${ctx.store.location} is empty: loading the fictional uk sample (seed 1)...`);
          const r = await demo(ctx, { scale: 'uk', seed: 1 });
          out.info(`loaded ${r.records.toLocaleString('en-GB')} records`);
        }
        out.result(await overview(ctx, {}), renderOverview);
      }),
    );

  return program;
}

/** Prints an error the way the user needs it and returns the exit code. */
export function reportError(err: unknown, json: boolean): number {
  const known = err instanceof CaucusError;
  const code = known ? err.code : 'internal';
  const message = err instanceof Error ? err.message : String(err);
  if (json) {
    process.stderr.write(`${toJson({ error: { code, message, ...(known ? err.details : {}) } })}\n`);
  } else {
    process.stderr.write(`caucus: ${message}\n`);
    if (!known && err instanceof Error && process.env.CAUCUS_DEBUG) process.stderr.write(`${err.stack}\n`);
  }
  return EXIT_CODES[code];
}

/** Runs the CLI on argv and sets the exit code. */
export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    process.exitCode = reportError(err, argv.includes('--json'));
  }
}
