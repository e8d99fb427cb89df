/** CLI commands that create, fill and export the registry: init, demo, import/export popolo, start. */
import { writeFile } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import { type CliGroups, readInputFile, withContext } from '../context.js';

export function registerRegistryCommands({ program, importCmd, exportCmd }: CliGroups): void {
  program
    .command('init')
    .description('create the database (or check an existing one) and apply migrations')
    .action(async (_o, cmd: Command) =>
      withContext(cmd, async (ctx, out) => {
        const { init } = await import('../../app/commands/registry.commands.js');
        out.result(
          await init(ctx),
          (r) => `${r.database}: Caucus database, schema ${r.schemaVersion}${r.empty ? ', empty' : ''}`,
        );
      }),
    );

  program
    .command('demo')
    .description('load the seeded, fictional sample nation into an empty database')
    .addOption(
      new Option('--scale <scale>', 'small (3 councils) or uk (about 400)')
        .choices(['small', 'uk'])
        .default('uk'),
    )
    .option('--seed <n>', 'random seed', '1')
    .action(async (o: { scale: string; seed: string }, cmd: Command) =>
      withContext(cmd, async (ctx, out) => {
        const { demo } = await import('../../app/commands/registry.commands.js');
        const r = await demo(ctx, { scale: o.scale, seed: o.seed });
        out.result(
          r,
          (v) =>
            `loaded the ${v.scale} sample (seed ${v.seed}): ${v.records.toLocaleString('en-GB')} records\n${Object.entries(
              v.counts,
            )
              .map(([k, n]) => `  ${k}: ${n.toLocaleString('en-GB')}`)
              .join('\n')}`,
        );
      }),
    );

  importCmd
    .command('popolo <file>')
    .description('import a Popolo JSON file (Caucus exports or another registry)')
    .action(async (file: string, _o, cmd: Command) =>
      withContext(cmd, async (ctx, out) => {
        const { importPopolo } = await import('../../app/commands/registry.commands.js');
        const r = await importPopolo(ctx, { text: await readInputFile(file), file });
        out.result(r, (v) => `imported ${v.records.toLocaleString('en-GB')} records from ${file}`);
      }),
    );

  exportCmd
    .command('popolo')
    .description('export the whole registry as Popolo JSON')
    .option('--out <file>', 'write to a file instead of stdout')
    .action(async (o: { out?: string }, cmd: Command) =>
      withContext(cmd, async (ctx, out) => {
        const { exportPopolo } = await import('../../app/commands/registry.commands.js');
        const doc = await exportPopolo(ctx);
        if (o.out) {
          await writeFile(o.out, JSON.stringify(doc));
          out.info(`wrote ${o.out}`);
        } else process.stdout.write(`${JSON.stringify(doc)}\n`);
      }),
    );

  program
    .command('start', { hidden: true })
    .description('what `npm start` runs: load the uk sample into an empty database, then print the overview')
    .action(async (_o, cmd: Command) =>
      withContext(cmd, async (ctx, out) => {
        const { demo } = await import('../../app/commands/registry.commands.js');
        const { overview } = await import('../../app/commands/view.commands.js');
        const { renderOverview } = await import('../render.js');
        if (await ctx.store.registry.isEmpty()) {
          out.info(`${ctx.store.location} is empty: loading the fictional uk sample (seed 1)...`);
          const r = await demo(ctx, { scale: 'uk', seed: 1 });
          out.info(`loaded ${r.records.toLocaleString('en-GB')} records`);
        }
        out.result(await overview(ctx, {}), renderOverview);
      }),
    );
}
