import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TenantIsolationConfig } from '@tenant-isolation/core';
import { migrateModule } from './migrate-module';
import type { MigrateOptions, ModuleMigration } from './types';

/** Files the codemod does not open: generated, minified or binary content is nobody's handler to rewrite. */
const MAX_FILE_BYTES = 1024 * 1024;
const MINIFIED_LINE_LENGTH = 2000;

export interface FileMigration extends ModuleMigration {
  file: string;
  /** The text read from disk, kept for diffs and for restoring; null when the file was skipped unread. */
  input: string | null;
  /** Why the file was not opened (too large, binary, minified), if it was not. */
  skippedBecause?: string;
}

/** Reads one route file and migrates it in memory; writes nothing. */
export function migrateFile(root: string, file: string, config: TenantIsolationConfig, options: MigrateOptions): FileMigration {
  const absolute = path.join(root, file);
  const size = fs.statSync(absolute).size;
  const skip = (reason: string): FileMigration => ({
    file,
    input: null,
    output: null,
    handlers: [],
    statusesBefore: [],
    statusesAfter: [],
    skippedBecause: reason,
  });
  if (size > MAX_FILE_BYTES) return skip(`larger than ${MAX_FILE_BYTES / 1024} KiB (${Math.round(size / 1024)} KiB): not a hand-written route`);
  const buffer = fs.readFileSync(absolute);
  if (buffer.includes(0)) return skip('binary content (a NUL byte)');
  const input = buffer.toString('utf8');
  const lines = input.split('\n');
  if (lines.length <= 3 && input.length > MINIFIED_LINE_LENGTH) return skip('minified (very long lines): edit its source instead');
  return { file, input, ...migrateModule(input, file, config, options) };
}
