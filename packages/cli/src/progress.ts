import cliProgress from 'cli-progress';
import type { Output } from './output';

/**
 * Progress for long runs: a bar on a terminal, and in CI (or a pipe) a plain line every twentieth of the way, so
 * a log shows the run is alive without a line per file.
 */
export function createProgress(output: Output, label: string): { update: (done: number, total: number, file: string) => void; stop: () => void } {
  if (output.interactive) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {value}/{total} {file}`, hideCursor: true, clearOnComplete: true, stream: process.stderr },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(done, total, file) {
        if (!started) {
          bar.start(total, 0, { file: '' });
          started = true;
        }
        bar.update(done, { file });
      },
      stop: () => started && bar.stop(),
    };
  }
  let lastShown = 0;
  return {
    update(done, total) {
      const step = Math.max(1, Math.ceil(total / 20));
      // A run of a few hundred files ends before anyone wonders whether it is alive.
      if (total >= 400 && (done - lastShown >= step || done === total)) {
        lastShown = done;
        output.err(`${label}: ${done}/${total} files\n`);
      }
    },
    stop: () => undefined,
  };
}
