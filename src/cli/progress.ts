/**
 * A progress bar on stderr for work longer than a second, only when stderr is a terminal and not in
 * --json mode. The bar starts after the first second so quick commands stay quiet.
 */
import type { Progress } from '../app/context.js';

export async function makeProgress(enabled: boolean): Promise<{ progress?: Progress; stop(): void }> {
  if (!enabled || !process.stderr.isTTY) return { stop() {} };
  const { default: cliProgress } = await import('cli-progress');
  const started = Date.now();
  let bar: InstanceType<typeof cliProgress.SingleBar> | undefined;
  let current = '';
  return {
    progress(label, done, total) {
      if (!bar && Date.now() - started < 1000) return;
      if (!bar || label !== current) {
        bar?.stop();
        current = label;
        bar = new cliProgress.SingleBar(
          {
            format: `${label} [{bar}] {percentage}% {value}/{total}`,
            stream: process.stderr,
            hideCursor: true,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, done);
      } else bar.update(done);
    },
    stop() {
      bar?.stop();
    },
  };
}
