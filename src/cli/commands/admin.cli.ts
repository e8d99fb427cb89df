/** CLI commands that move whole databases: migrate between SQLite and PostgreSQL, backup, restore. */
import type { Command } from 'commander';
import { type CliGroups, type GlobalOptions, withContext } from '../context.js';
import { makeOutput } from '../output.js';
import { makeProgress } from '../progress.js';

const tableLines = (tables: Array<{ table: string; rows: number; checksum: string }>) =>
  tables
    .map((t) => `  ${t.table}: ${t.rows.toLocaleString('en-GB')} rows, sha256 ${t.checksum.slice(0, 12)}`)
    .join('\n');

export function registerAdminCommands({ program }: CliGroups): void {
  program
    .command('migrate')
    .description('copy a whole registry between databases (SQLite file <-> postgres:// URL), verified')
    .requiredOption('--from <db>', 'the source database')
    .requiredOption('--to <db>', 'the target database (must be empty)')
    .action(async (o: { from: string; to: string }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const out = makeOutput(Boolean(g.json));
      const bar = await makeProgress(!g.json);
      try {
        const { migrateDatabase } = await import('../../app/commands/admin.commands.js');
        const r = await migrateDatabase({ progress: bar.progress }, o);
        out.result(
          r,
          (v) => `copied ${v.from} to ${v.to}; counts and checksums verified\n${tableLines(v.tables)}`,
        );
      } finally {
        bar.stop();
      }
    });

  program
    .command('check')
    .description("run the database's integrity check and count the rows of every table")
    .action(async (_o, cmd: Command) =>
      withContext(cmd, async (ctx, out) => {
        const { check } = await import('../../app/commands/admin.commands.js');
        const r = await check(ctx);
        out.result(r, (v) =>
          [
            `${v.database}: ${v.ok ? 'ok' : `${v.problems.length} problem(s)`}`,
            ...v.problems.map((p) => `  problem: ${p}`),
            ...Object.entries(v.counts).map(([t, n]) => `  ${t}: ${n.toLocaleString('en-GB')}`),
          ].join('\n'),
        );
        if (!r.ok) process.exitCode = 2;
      }),
    );

  program
    .command('backup <file>')
    .description('back up the database: an SQLite online backup, or a portable dump for PostgreSQL')
    .action(async (file: string, _o, cmd: Command) =>
      withContext(cmd, async (ctx, out) => {
        const { backup } = await import('../../app/commands/admin.commands.js');
        out.result(await backup(ctx, { file }), (v) => `wrote ${v.file} (${v.format})`);
      }),
    );

  program
    .command('restore <file>')
    .description('restore a backup (either kind) into an empty database')
    .action(async (file: string, _o, cmd: Command) =>
      withContext(cmd, async (ctx, out) => {
        const { restore } = await import('../../app/commands/admin.commands.js');
        out.result(
          await restore(ctx, { file }),
          (v) => `restored ${v.file} into ${v.into}\n${tableLines(v.tables)}`,
        );
      }),
    );
}
