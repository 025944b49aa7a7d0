import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  analyzeModule,
  computeCoverage,
  discoverRouteFiles,
  parseModule,
  type HandlerStatus,
  type TenantIsolationConfig,
} from '@tenant-isolation/core';
import writeFileAtomic from 'write-file-atomic';
import { UsageError } from './errors';
import { uncommittedFiles } from './git';
import { fileFailure, type FileFailure, type FileMigration } from './migrate-file';
import { migrateFiles, type Progress } from './pool';
import {
  MIGRATION_REPORT_VERSION,
  type FileSystemError,
  type InternalError,
  type LeftAlone,
  type MigratedHandler,
  type UnmappedField,
  type MigrationReport,
} from './report';
import { selectRouteFiles, type Selection } from './select';
import { typecheckRewrites } from './typecheck';
import type { AnonymousResponse, OnUnsafe } from './types';

export interface MigrationRunOptions extends Selection {
  root: string;
  config: TenantIsolationConfig;
  /** Write nothing; the report says what would change. */
  dry?: boolean;
  /** Rewrite files that have uncommitted changes, or outside a git work tree. */
  force?: boolean;
  onUnsafe?: OnUnsafe;
  /** Who answers callers without a session where the handler's answer differs from the wrapper's (default keep). */
  anonymousResponse?: AnonymousResponse;
  workers?: number;
  /** Check the project with the rewrites and keep only those that add no TypeScript error. */
  typecheck?: boolean;
  tsconfig?: string;
  onProgress?: Progress;
  /** Told just before the project check starts, which can take a while. */
  onTypecheckStart?: () => void;
}

export interface FileChange {
  file: string;
  before: string;
  after: string;
}

export interface MigrationRun {
  report: MigrationReport;
  /** The files the run rewrote (or, dry, would rewrite), with both texts. */
  changes: FileChange[];
}

/**
 * One codemod run: select route files, migrate them in memory, optionally keep only the rewrites that typecheck,
 * then write each file atomically (temp file + rename). Every decision ends up in the report. A file the run fails
 * on (the codemod throws on it, or it cannot be read or written) is left as it was and listed; the others go on.
 */
export async function runMigration(options: MigrationRunOptions): Promise<MigrationRun> {
  const { root, config } = options;
  const dry = options.dry ?? false;
  const onUnsafe = options.onUnsafe ?? 'skip';
  const workers = options.workers ?? 1;
  const files = await selectRouteFiles(root, config, options);
  if (!dry && !options.force) refuseUncommitted(root, files);

  const anonymousResponse = options.anonymousResponse ?? 'keep';
  const migrations = await migrateFiles(root, files, config, { onUnsafe, anonymousResponse }, workers, options.onProgress);
  const restored = new Map<string, string[]>();
  if (options.typecheck) {
    const rewrites = new Map(migrations.filter((r) => r.output !== null).map((r) => [r.file, r.output!]));
    if (rewrites.size > 0) {
      options.onTypecheckStart?.();
      for (const [file, errors] of typecheckRewrites(root, rewrites, options.tsconfig).rejected) restored.set(file, errors);
    }
  }
  const results = dry ? migrations : writeAccepted(root, migrations, restored);
  const changed = results.filter((r) => r.output !== null && !restored.has(r.file) && !r.failure);
  return {
    report: buildReport(options, files, results, restored, await coverageStatuses(root, config, results, restored)),
    changes: changed.map((r) => ({ file: r.file, before: r.input!, after: r.output! })),
  };
}

/** Writes each accepted rewrite atomically; a file that cannot be written keeps its old text and gets the failure. */
function writeAccepted(root: string, migrations: readonly FileMigration[], restored: ReadonlyMap<string, string[]>): FileMigration[] {
  return migrations.map((r) => {
    if (r.output === null || restored.has(r.file)) return r;
    try {
      writeFileAtomic.sync(path.join(root, r.file), r.output);
      return r;
    } catch (error) {
      return { ...r, failure: fileFailure('write', error) };
    }
  });
}

function refuseUncommitted(root: string, files: readonly string[]): void {
  const dirty = uncommittedFiles(root, files);
  if (dirty === null) {
    throw new UsageError(`${root} is not inside a git work tree, so the rewrite could not be reviewed or undone: commit the project to git first, or pass --force.`);
  }
  if (dirty.length > 0) {
    const shown = dirty.slice(0, 10).map((f) => `  ${f}`).join('\n');
    const more = dirty.length > 10 ? `\n  … and ${dirty.length - 10} more` : '';
    throw new UsageError(
      `${dirty.length} selected file${dirty.length === 1 ? ' has' : 's have'} uncommitted changes:\n${shown}${more}\n` +
        'Commit or stash them first so the migration is a diff of its own, or pass --force.',
    );
  }
}

interface StatusesBeforeAfter {
  before: HandlerStatus[];
  after: HandlerStatus[];
}

/**
 * Every route file's handler statuses, before and after the run; files outside the selection, and files the run
 * failed on, are read as they are.
 */
async function coverageStatuses(
  root: string,
  config: TenantIsolationConfig,
  results: readonly FileMigration[],
  restored: ReadonlyMap<string, string[]>,
): Promise<StatusesBeforeAfter> {
  const byFile = new Map(results.map((r) => [r.file, r]));
  const before: HandlerStatus[] = [];
  const after: HandlerStatus[] = [];
  for (const file of await discoverRouteFiles(root, config)) {
    const migrated = byFile.get(file);
    if (migrated && !migrated.skippedBecause && !migrated.error && !migrated.failure) {
      before.push(...migrated.statusesBefore);
      after.push(...(restored.has(file) ? migrated.statusesBefore : migrated.statusesAfter));
      continue;
    }
    const statuses = statusesOf(root, file, config);
    before.push(...statuses);
    after.push(...statuses);
  }
  return { before, after };
}

function statusesOf(root: string, file: string, config: TenantIsolationConfig): HandlerStatus[] {
  try {
    const text = fs.readFileSync(path.join(root, file), 'utf8').replace(/^\uFEFF/, '');
    const { program, scopeManager } = parseModule(text, file);
    return analyzeModule(program, scopeManager, config, { filePath: file, sourceText: text }).handlers.map((h) => h.status);
  } catch {
    return [];
  }
}

function buildReport(
  options: MigrationRunOptions,
  files: readonly string[],
  results: readonly FileMigration[],
  restored: ReadonlyMap<string, string[]>,
  statuses: StatusesBeforeAfter,
): MigrationReport {
  const unmapped = new Map<string, UnmappedField>();
  const migrated: MigratedHandler[] = [];
  const leftAlone: LeftAlone[] = [];
  const internalErrors: InternalError[] = [];
  const fileSystemErrors: FileSystemError[] = [];
  for (const r of results) {
    if (r.failure) {
      const { stage, message, stack } = r.failure;
      if (r.failure.internal) internalErrors.push({ file: r.file, stage, message, stack });
      else fileSystemErrors.push({ file: r.file, stage: stage === 'read' ? 'read' : 'write', message });
      // A file that could not be written had rewritten handlers: the entry points at the first of them.
      const firstRewritten = r.handlers.find((h) => h.outcome !== 'skipped');
      leftAlone.push({ file: r.file, handler: null, line: firstRewritten?.line ?? 1, reason: failureReason(r.failure) });
      for (const h of r.handlers) if (h.outcome === 'skipped') leftAlone.push({ file: r.file, handler: h.handler, line: h.line, reason: h.reason });
      continue;
    }
    if (r.skippedBecause) {
      leftAlone.push({ file: r.file, handler: null, line: 1, reason: `not opened: ${r.skippedBecause}` });
      continue;
    }
    if (r.error) {
      leftAlone.push({ file: r.file, handler: null, line: r.error.line, reason: `does not parse: ${r.error.message}` });
      continue;
    }
    for (const h of r.handlers) {
      if (h.outcome !== 'migrated') for (const { path, reads } of h.unmapped ?? []) countUnmapped(unmapped, path, reads);
      if (h.outcome === 'skipped') {
        leftAlone.push({ file: r.file, handler: h.handler, line: h.line, reason: h.reason });
      } else if (restored.has(r.file)) {
        leftAlone.push({
          file: r.file,
          handler: h.handler,
          line: h.line,
          reason: `the rewrite added TypeScript errors, so the file was left as it was (${restored.get(r.file)!.length} errors; see the typecheck section)`,
        });
      } else {
        migrated.push({
          file: r.file,
          handler: h.handler,
          line: h.line,
          requireAuth: h.requireAuth,
          wrappedOnly: h.outcome === 'wrapped-only',
          ...(h.outcome === 'migrated' && h.anonymous ? { anonymous: h.anonymous } : {}),
        });
      }
    }
  }
  return {
    version: MIGRATION_REPORT_VERSION,
    generatedAt: new Date().toISOString(),
    root: options.root,
    selection: { targets: [...(options.targets ?? [])], batch: options.batch ?? null, limit: options.limit ?? null },
    options: {
      dry: options.dry ?? false,
      onUnsafe: options.onUnsafe ?? 'skip',
      anonymousResponse: options.anonymousResponse ?? 'keep',
      typecheck: options.typecheck ?? false,
      workers: options.workers ?? 1,
    },
    filesScanned: files.length,
    filesChanged: results.filter((r) => r.output !== null && !restored.has(r.file) && !r.failure).map((r) => r.file),
    migrated,
    leftAlone,
    restoredByTypecheck: [...restored].map(([file, errors]) => ({ file, errors })),
    unmappedFields: [...unmapped.values()].sort((a, b) => b.handlers - a.handlers || b.reads - a.reads || a.path.localeCompare(b.path)),
    internalErrors,
    fileSystemErrors,
    coverage: { before: computeCoverage(statuses.before), after: computeCoverage(statuses.after) },
  };
}

function failureReason(failure: FileFailure): string {
  if (failure.internal) return `internal error: ${failure.message}; please report this module`;
  return `could not be ${failure.stage === 'read' ? 'read' : 'written'}: ${failure.message}`;
}

function countUnmapped(fields: Map<string, UnmappedField>, path: string, reads: number): void {
  const field = fields.get(path) ?? { path: `session.${path}`, reads: 0, handlers: 0 };
  field.reads += reads;
  field.handlers += 1;
  fields.set(path, field);
}
