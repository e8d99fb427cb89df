/** The resolved result of an application command, for typing its renderer. */
export type Result<F extends (...a: never[]) => unknown> = Awaited<ReturnType<F>>;

/** Terminal output: JSON on stdout in --json mode (and nothing else there), colour only where wanted. */

export interface Output {
  json: boolean;
  /** Prints a command's result: JSON, or the text a renderer makes of it. */
  result<T>(value: T, render: (value: T, style: Style) => string): void;
  /** Messages go to stderr so that stdout stays machine-readable. */
  info(message: string): void;
}

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
}

export function makeStyle(stream: NodeJS.WriteStream): Style {
  const on = Boolean(stream.isTTY) && !('NO_COLOR' in process.env && process.env.NO_COLOR !== '');
  const wrap = (open: number, close: number) => (s: string) =>
    on ? `\u001b[${open}m${s}\u001b[${close}m` : s;
  return { bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39) };
}

/** JSON that can carry BigInt values (power indices count coalitions exactly). */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 2);
}

export function makeOutput(json: boolean): Output {
  const style = makeStyle(process.stdout);
  return {
    json,
    result(value, render) {
      process.stdout.write(json ? `${toJson(value)}\n` : `${render(value, style)}\n`);
    },
    info(message) {
      process.stderr.write(`${message}\n`);
    },
  };
}

/** A plain text table with aligned columns; numbers align right. */
export function table(headers: string[], rows: Array<Array<string | number>>): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells
    .map((r, ri) =>
      r
        .map((c, i) =>
          ri > 0 && typeof rows[ri - 1]![i] === 'number' ? c.padStart(widths[i]!) : c.padEnd(widths[i]!),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
