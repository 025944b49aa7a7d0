import pc from 'picocolors';

/** Where the command prints, and whether it may draw (a terminal, not CI). */
export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
  interactive: boolean;
  color: boolean;
}

export function processOutput(): Output {
  const interactive = Boolean(process.stderr.isTTY) && !process.env.CI;
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    interactive,
    color: pc.isColorSupported,
  };
}

export const colors = (enabled: boolean) => pc.createColors(enabled);
