/** CLI commands for the HTTP API: `caucus serve` and `caucus token create`. */
import { type Command, Option } from 'commander';
import { InvalidInputError } from '../../domain/errors.js';
import { type CliGroups, withContext } from '../context.js';

interface ServeOptions {
  port: string;
  host: string;
  cors?: string;
  trustProxy?: boolean;
  publicUrl?: string;
  rate: string;
}

function whole(value: string, where: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < min || n > max) {
    throw new InvalidInputError(`expected a whole number from ${min} to ${max}, got "${value}"`, {
      where,
      rule: 'integer',
    });
  }
  return n;
}

/** Waits for Ctrl-C or a termination signal. */
function untilStopped(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export function registerServeCommands({ program }: CliGroups): void {
  program
    .command('serve')
    .description('serve the HTTP API (JSON, OpenAPI at /openapi.json, exports, Atom feeds)')
    .option('--port <port>', 'TCP port (0 picks a free one)', '8080')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option(
      '--cors <origins>',
      'comma-separated origins allowed to call the API from a browser (default: none)',
    )
    .option('--trust-proxy', 'take the client address from X-Forwarded-For (only behind your own proxy)')
    .option('--public-url <url>', 'absolute base URL for links in feeds (default: the request origin)')
    .addOption(
      new Option(
        '--rate <n>',
        'requests per second allowed per client address (burst 6x); 0 turns it off',
      ).default('20'),
    )
    .action(async (o: ServeOptions, cmd: Command) =>
      withContext(cmd, async (ctx, out) => {
        const port = whole(o.port, '--port', 0, 65_535);
        const rate = whole(o.rate, '--rate', 0, 1_000_000);
        const { prepareToServe } = await import('../../app/commands/system.commands.js');
        const { createApp } = await import('../../http/app.js');
        const { startServer } = await import('../../http/server.js');
        const { DEFAULT_CONFIG } = await import('../../http/http.types.js');
        await prepareToServe(ctx);
        const app = createApp({
          store: ctx.store,
          clock: ctx.clock,
          config: {
            corsOrigins: (o.cors ?? '')
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean),
            trustProxy: Boolean(o.trustProxy),
            publicUrl: o.publicUrl ?? null,
            rateLimit: {
              perAddress: rate === 0 ? null : { burst: rate * 6, perSecond: rate },
              perToken: DEFAULT_CONFIG.rateLimit.perToken,
            },
          },
        });
        const server = await startServer(app, { port, host: o.host });
        out.result(
          { url: server.url, database: ctx.store.location },
          (v) => `caucus: serving ${v.database} at ${v.url} (Ctrl-C stops)`,
        );
        const signal = await untilStopped();
        out.info(`caucus: ${signal}: stopping`);
        await server.close();
      }),
    );

  const token = program.command('token').description('API tokens for editors and admins');
  token
    .command('create')
    .description('create an API token; it is printed once and only its hash is kept')
    .addOption(
      new Option(
        '--role <role>',
        'editor (writes), admin (writes and the audit log) or reader (reads, own rate limit)',
      )
        .choices(['editor', 'admin', 'reader'])
        .makeOptionMandatory(),
    )
    .option('--name <name>', 'who or what the token is for (shown in the audit log)')
    .action(async (o: { role: string; name?: string }, cmd: Command) =>
      withContext(cmd, async (ctx, out) => {
        const { createToken } = await import('../../app/commands/accounts.commands.js');
        const created = await createToken(ctx, { role: o.role, name: o.name });
        if (!out.json) {
          out.info(
            `created ${created.role} token "${created.name}" (id ${created.id}); store it now, it is not shown again:`,
          );
        }
        out.result(created, (v) => v.token);
      }),
    );
}
