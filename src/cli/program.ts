/**
 * The `caucus` command line: a thin shell over the application commands. Each module in ./commands
 * registers its own subcommands; heavy modules (the database, the engines) load only inside the command
 * that needs them, so `caucus --help` starts fast.
 */
import { Command } from 'commander';
import { CaucusError } from '../domain/errors.js';
import { registerAdminCommands } from './commands/admin.cli.js';
import { registerControlCommands } from './commands/control.cli.js';
import { registerExtractCommands } from './commands/extract.cli.js';
import { registerForecastCommands } from './commands/forecast.cli.js';
import { registerImportCommands } from './commands/import.cli.js';
import { registerLedgerCommands } from './commands/ledger.cli.js';
import { registerPeopleCommands } from './commands/people.cli.js';
import { registerPowerCommands } from './commands/power.cli.js';
import { registerRegistryCommands } from './commands/registry.cli.js';
import { registerServeCommands } from './commands/serve.cli.js';
import { registerSyncCommands } from './commands/sync.cli.js';
import { registerTimetableCommands } from './commands/timetable.cli.js';
import { registerViewCommands } from './commands/view.cli.js';
import type { CliGroups } from './context.js';
import { EXIT_CODES } from './exit-codes.js';
import { toJson } from './output.js';

const REGISTRARS: Array<(groups: CliGroups) => void> = [
  registerRegistryCommands,
  registerViewCommands,
  registerControlCommands,
  registerTimetableCommands,
  registerPowerCommands,
  registerAdminCommands,
  registerServeCommands,
  registerExtractCommands,
  registerImportCommands,
  registerPeopleCommands,
  registerLedgerCommands,
  registerSyncCommands,
  registerForecastCommands,
];

export function buildProgram(): Command {
  const program = new Command('caucus')
    .description('Who controls British local councils, down to the factions inside each party group.')
    .option(
      '--db <path>',
      'SQLite database file, or a postgres:// URL (env CAUCUS_DB or DATABASE_URL)',
      process.env.CAUCUS_DB ?? process.env.DATABASE_URL ?? './caucus.db',
    )
    .option('--json', 'print only machine-readable JSON on stdout; messages go to stderr')
    .showHelpAfterError('(run with --help for usage)')
    .configureHelp({ sortSubcommands: false });
  const importCmd = program.command('import').description('import data from a file');
  const exportCmd = program.command('export').description('export data');
  for (const register of REGISTRARS) register({ program, importCmd, exportCmd });
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
