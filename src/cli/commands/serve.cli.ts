/** CLI commands for the HTTP API: `caucus serve` and `caucus token create|list|revoke`. */
import { userInfo } from 'node:os';
import { type Command, Option } from 'commander';
import { InvalidInputError } from '../../domain/errors.js';
import { type CliGroups, withContext } from '../context.js';
import { table } from '../output.js';

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
        await app.close();
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

  token
    .command('list')
    .description('every API token: id, name, role, created, last used, revoked (never the secret)')
    .action(async (_o: unknown, cmd: Command) =>
      withContext(cmd, async (ctx, out) => {
        const { listTokens } = await import('../../app/commands/accounts.commands.js');
        out.result(await listTokens(ctx), (v) =>
          v.tokens.length === 0
            ? 'no API tokens (caucus token create --role editor)'
            : table(
                ['id', 'name', 'role', 'created', 'last used', 'revoked'],
                v.tokens.map((t) => [
                  t.id,
                  t.name,
                  t.role,
                  t.createdAt.slice(0, 16).replace('T', ' '),
                  t.lastUsedAt?.slice(0, 16).replace('T', ' ') ?? 'never',
                  t.revokedAt?.slice(0, 16).replace('T', ' ') ?? '',
                ]),
              ),
        );
      }),
    );

  token
    .command('revoke <id>')
    .description('revoke an API token: requests bearing it get 401 at once; the audit log records who')
    .option('--by <name>', 'who is revoking it, for the audit log (default: your user name)')
    .action(async (id: string, o: { by?: string }, cmd: Command) =>
      withContext(cmd, async (ctx, out) => {
        const { revokeToken } = await import('../../app/commands/accounts.commands.js');
        const revoked = await revokeToken(ctx, { id }, { id: 'cli', name: o.by ?? osUser(), role: 'admin' });
        out.result(revoked, (v) => `revoked ${v.role} token "${v.name}" (id ${v.id}) at ${v.revokedAt}`);
      }),
    );
}

function osUser(): string {
  try {
    return userInfo().username || 'cli';
  } catch {
    return 'cli';
  }
}
