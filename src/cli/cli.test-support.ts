/** Runs the compiled `caucus` CLI as a user would, in a child process. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../dist/bundle/main.js', import.meta.url));

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

export function caucus(args: string[], env: Record<string, string> = {}): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', CAUCUS_TODAY: '2026-11-25', ...env },
    maxBuffer: 512 * 1024 * 1024,
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function json<T = unknown>(run: CliRun): T {
  if (run.status !== 0) throw new Error(`caucus exited ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}
