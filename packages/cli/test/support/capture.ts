import type { Output } from '../../src/output';

/** An Output that keeps what the command prints, for assertions; never a terminal, never colored. */
export function capture(): Output & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    interactive: false,
    color: false,
    stdout: () => out,
    stderr: () => err,
  };
}
