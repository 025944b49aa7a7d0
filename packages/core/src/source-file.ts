import * as fs from 'node:fs';

/** Files no tool opens: generated, minified or binary content is nobody's handler to analyze or rewrite. */
export const MAX_SOURCE_BYTES = 1024 * 1024;
const MINIFIED_LINE_LENGTH = 2000;

/** A source file's text as it is on disk (byte-order mark included), or why it was not read. */
export type SourceRead = { text: string; skippedBecause?: undefined } | { text?: undefined; skippedBecause: string };

export function readSourceFile(absolutePath: string): SourceRead {
  const size = fs.statSync(absolutePath).size;
  if (size > MAX_SOURCE_BYTES) {
    return { skippedBecause: `larger than ${MAX_SOURCE_BYTES / 1024} KiB (${Math.round(size / 1024)} KiB): not a hand-written route` };
  }
  const buffer = fs.readFileSync(absolutePath);
  if (buffer.includes(0)) return { skippedBecause: 'binary content (a NUL byte)' };
  const text = buffer.toString('utf8');
  if (text.length > MINIFIED_LINE_LENGTH && countLines(text, 4) <= 3) {
    return { skippedBecause: 'minified (very long lines): edit its source instead' };
  }
  return { text };
}

/** The number of lines in `text`, counting no further than `limit`. */
function countLines(text: string, limit: number): number {
  let lines = 1;
  for (let at = text.indexOf('\n'); at !== -1 && lines < limit; at = text.indexOf('\n', at + 1)) lines++;
  return lines;
}
