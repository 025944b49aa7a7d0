import * as path from 'node:path';
import { loadPrismaSchema, readSourceFile, routeModuleFacts, type RouteModuleFacts, type SourceRead, type TenantIsolationConfig } from '@tenant-isolation/core';
import { migrateModule } from './migrate-module';
import type { MigrateOptions, ModuleMigration } from './types';

export interface FileMigration extends ModuleMigration {
  file: string;
  /** The text read from disk, kept for diffs and for restoring; null when the file was skipped unread. */
  input: string | null;
  /** Why the file was not opened (too large, binary, minified), if it was not. */
  skippedBecause?: string;
  /** Set when reading, migrating or writing the file failed; the file is then left as it was. */
  failure?: FileFailure;
  /**
   * The project scan's facts of each text the migration parsed (the file as read, and its rewrite), by that text
   * without a byte-order mark: the run's coverage scan takes them instead of parsing the file again.
   */
  routeFacts?: Array<{ text: string; facts: RouteModuleFacts }>;
}

export type FailureStage = 'read' | 'analyze' | 'write';

export interface FileFailure {
  stage: FailureStage;
  /**
   * True when the codemod itself failed (a bug to report); false for a file system error (permissions, a full disk,
   * a name too long), which the user can fix.
   */
  internal: boolean;
  message: string;
  /** The first frame of the error's stack (`at …`): where it was thrown; null when the error has none. */
  stack: string | null;
}

/** Reads one route file and migrates it in memory; writes nothing. Never throws: a failure is recorded on the result. */
export function migrateFile(root: string, file: string, config: TenantIsolationConfig, options: MigrateOptions): FileMigration {
  let read: SourceRead;
  try {
    read = readSourceFile(path.join(root, file));
  } catch (error) {
    return failedMigration(file, null, fileFailure('read', error));
  }
  if (read.skippedBecause !== undefined) {
    return { file, input: null, output: null, handlers: [], statusesBefore: [], statusesAfter: [], skippedBecause: read.skippedBecause };
  }
  const input = read.text;
  try {
    const routeFacts: NonNullable<FileMigration['routeFacts']> = [];
    // With the project's Prisma schema, as the scan reads a route module: its queries are part of the facts.
    const schema = loadPrismaSchema(root, config.prisma);
    const prismaSchema = schema.kind === 'found' ? schema.schema : undefined;
    const onParsed: MigrateOptions['onParsed'] = (parsed, text) => {
      try {
        routeFacts.push({ text, facts: routeModuleFacts(parsed, text, config, { analyzedAs: file, prismaSchema }) });
      } catch {
        // Not the migration's failure: the scan analyzes the module itself, and meets the problem there.
      }
    };
    return { file, input, ...migrateModule(input, file, config, { ...options, onParsed }), routeFacts };
  } catch (error) {
    // One module the codemod cannot handle must not cost the run every other file: it is left as it was and listed.
    return failedMigration(file, input, fileFailure('analyze', error));
  }
}

/** A file left as it was because of `failure`. */
export function failedMigration(file: string, input: string | null, failure: FileFailure): FileMigration {
  return { file, input, output: null, handlers: [], statusesBefore: [], statusesAfter: [], failure };
}

/**
 * What went wrong, and whose fault it is: an error the operating system gave for a file (it carries a code such as
 * `EACCES`) while reading or writing it is the environment's; anything else, and anything thrown while migrating
 * the module, is the codemod's.
 */
export function fileFailure(stage: FailureStage, error: unknown): FileFailure {
  const systemError = typeof asError(error)?.code === 'string';
  return {
    stage,
    internal: stage === 'analyze' || !systemError,
    message: asError(error)?.message ?? String(error),
    stack: firstStackFrame(error),
  };
}

export function firstStackFrame(error: unknown): string | null {
  return asError(error)?.stack?.split('\n').find((line) => /^\s+at /.test(line))?.trim() ?? null;
}

/** `error` when it looks like an Error; not `instanceof`, which fails for errors made in another realm (a vm context). */
function asError(error: unknown): Partial<NodeJS.ErrnoException> | undefined {
  const looksLikeError = typeof error === 'object' && error !== null && typeof (error as Error).message === 'string';
  return looksLikeError ? (error as NodeJS.ErrnoException) : undefined;
}
