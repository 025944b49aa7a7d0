import * as path from 'node:path';
import { readSourceFile, type TenantIsolationConfig } from '@tenant-isolation/core';
import { migrateModule } from './migrate-module';
import type { MigrateOptions, ModuleMigration } from './types';

export interface FileMigration extends ModuleMigration {
  file: string;
  /** The text read from disk, kept for diffs and for restoring; null when the file was skipped unread. */
  input: string | null;
  /** Why the file was not opened (too large, binary, minified), if it was not. */
  skippedBecause?: string;
}

/** Reads one route file and migrates it in memory; writes nothing. */
export function migrateFile(root: string, file: string, config: TenantIsolationConfig, options: MigrateOptions): FileMigration {
  const read = readSourceFile(path.join(root, file));
  if (read.skippedBecause !== undefined) {
    return { file, input: null, output: null, handlers: [], statusesBefore: [], statusesAfter: [], skippedBecause: read.skippedBecause };
  }
  const input = read.text;
  return { file, input, ...migrateModule(input, file, config, options) };
}
