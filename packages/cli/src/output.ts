import pc from 'picocolors';

/** Where the command prints, and whether it may draw (a terminal, not CI). */
export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
  interactive: boolean;
  color: boolean;
}

export function processOutput(): Output {
  // `tenant-isolation … | head` closes the pipe early: that is the reader being done, not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0);
      throw error;
    });
  }
  const interactive = Boolean(process.stderr.isTTY) && !process.env.CI;
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    interactive,
    color: pc.isColorSupported,
  };
}

export const colors = (enabled: boolean) => pc.createColors(enabled);
