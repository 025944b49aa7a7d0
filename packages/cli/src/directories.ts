import * as fs from 'node:fs';
import { UsageError } from '@tenant-isolation/codemod';

/**
 * Makes sure the directory a flag names can take the files the command writes, before any work is done: an
 * existing file, a directory that cannot be created or written is a usage error naming the flag.
 */
export function ensureWritableDirectory(flag: string, dir: string): void {
  try {
    const stat = fs.statSync(dir, { throwIfNoEntry: false });
    if (stat && !stat.isDirectory()) throw new UsageError(`${flag}: ${dir} is a file, not a directory.`);
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${flag}: cannot write to ${dir}: ${(error as Error).message}`);
  }
}
