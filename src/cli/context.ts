/** What every CLI command shares: opening the store named by --db, reading input files, common options. */
import { readFile } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import type { AppContext } from '../app/context.js';
import { InvalidInputError } from '../domain/errors.js';
import { fixedClock, systemClock } from '../domain/ports.js';
import { makeOutput, type Output } from './output.js';
import { makeProgress } from './progress.js';

export interface GlobalOptions {
  db: string;
  json?: boolean;
}

/** The parent commands that several modules add subcommands to. */
export interface CliGroups {
  program: Command;
  importCmd: Command;
  exportCmd: Command;
}

/** The clock: today, unless CAUCUS_TODAY pins it (for reproducible output and tests). */
export function cliClock() {
  const today = process.env.CAUCUS_TODAY;
  if (!today) return systemClock;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) {
    throw new InvalidInputError(`expected YYYY-MM-DD, got "${today}"`, { where: 'CAUCUS_TODAY' });
  }
  return fixedClock(today);
}

/** Opens the store named by --db, runs fn with a context, and always closes the store. */
export async function withContext(
  cmd: Command,
  fn: (ctx: AppContext, out: Output) => Promise<void>,
): Promise<void> {
  const g = cmd.optsWithGlobals<GlobalOptions>();
  const out = makeOutput(Boolean(g.json));
  const clock = cliClock();
  const { openStore } = await import('../store/store.js');
  const store = await openStore(g.db);
  const bar = await makeProgress(!g.json);
  try {
    await fn({ store, clock, progress: bar.progress }, out);
  } finally {
    bar.stop();
    await store.close();
  }
}

/** Runs fn without a database, for commands that only compute (timetable, power calculator). */
export async function withoutStore(cmd: Command, fn: (out: Output) => Promise<void>): Promise<void> {
  const g = cmd.optsWithGlobals<GlobalOptions>();
  await fn(makeOutput(Boolean(g.json)));
}

export async function readInputFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String(err);
    throw new InvalidInputError(why, { where: path, rule: 'file' });
  }
}

export const asOfOption = () =>
  new Option('--as-of <date>', 'the day to look at (YYYY-MM-DD); default today');
