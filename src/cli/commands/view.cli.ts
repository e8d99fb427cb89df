/** CLI commands that read the registry: overview and show council/person/ward. */
import type { Command } from 'commander';
import { asOfOption, type CliGroups, withContext } from '../context.js';

export function registerViewCommands({ program }: CliGroups): void {
  program
    .command('overview')
    .description('the national picture: councils by control, the largest groups and their factions')
    .addOption(asOfOption())
    .action(async (o: { asOf?: string }, cmd: Command) =>
      withContext(cmd, async (ctx, out) => {
        const { overview } = await import('../../app/commands/view.commands.js');
        const { renderOverview } = await import('../render.js');
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
        const { showCouncil } = await import('../../app/commands/view.commands.js');
        const { renderCouncil } = await import('../render.js');
        out.result(await showCouncil(ctx, { id, asOf: o.asOf }), renderCouncil);
      }),
    );
  show
    .command('person <id>')
    .description('a person by id')
    .addOption(asOfOption())
    .action(async (id: string, o: { asOf?: string }, cmd: Command) =>
      withContext(cmd, async (ctx, out) => {
        const { showPerson } = await import('../../app/commands/view.commands.js');
        const { renderPerson } = await import('../render.js');
        out.result(await showPerson(ctx, { id, asOf: o.asOf }), renderPerson);
      }),
    );
  show
    .command('ward <id>')
    .description('a ward by id or GSS code')
    .addOption(asOfOption())
    .action(async (id: string, o: { asOf?: string }, cmd: Command) =>
      withContext(cmd, async (ctx, out) => {
        const { showWard } = await import('../../app/commands/view.commands.js');
        const { renderWard } = await import('../render.js');
        out.result(await showWard(ctx, { id, asOf: o.asOf }), renderWard);
      }),
    );
}
