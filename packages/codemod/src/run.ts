import * as path from 'node:path';
import { DEFAULT_ROUTE_CONTEXT_ARGUMENT, type TenantIsolationConfig } from '@tenant-isolation/core';
import writeFileAtomic from 'write-file-atomic';
import { scanMigrationCoverage, type MigrationCoverage } from './coverage-scan';
import { UsageError } from './errors';
import { listedFiles, uncommittedFiles, uncommittedTest } from './git';
import { fileFailure, type FileFailure, type FileMigration } from './migrate-file';
import { migrateModule } from './migrate-module';
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
import { followReexportedHandlers, handlerModuleOf, refuseUncommittedModules, settleRewrittenModules } from './reexported-handlers';
import { selectRouteFiles, type Selection } from './select';
import { typecheckRewrites, type CallerEdit, type KeptType, type RewriteToCheck, type TypecheckRejection } from './typecheck';
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
  let migrations = await migrateFiles(root, files, config, { onUnsafe, anonymousResponse }, workers, options.onProgress);
  // Handlers a route file re-exports are migrated in their module (which then follows the route file) or at the route.
  migrations = await followReexportedHandlers(root, config, migrations, { onUnsafe, anonymousResponse, tsconfig: options.tsconfig });
  if (!dry && !options.force) refuseUncommittedModules(root, migrations);
  let checked: CheckedTypes = { restored: new Map(), narrowed: [], callers: [], callerEdits: [], keptTypes: [] };
  if (options.typecheck && migrations.some((r) => r.output !== null)) {
    options.onTypecheckStart?.();
    ({ migrations, checked } = checkTypes(options, migrations, new Set(files)));
  }
  const { restored } = checked;
  const results = settleRewrittenModules(dry ? migrations : writeAccepted(root, migrations, restored), restored);
  const callers = dry ? checked.callers : writeCallers(root, checked.callers);
  const changed = results.filter((r) => r.output !== null && !restored.has(r.file) && !r.failure);
  const changes: FileChange[] = [
    ...changed.map((r) => ({ file: r.file, before: r.input!, after: r.output! })),
    ...callers.filter((c) => !c.failure).map(({ file, before, after }) => ({ file, before, after })),
  ];
  const tsconfig = options.tsconfig !== undefined ? { tsconfig: options.tsconfig } : {};
  const coverage = await scanMigrationCoverage({ root, config, dry, results, changes, ...tsconfig });
  return { report: buildReport(options, files, results, { ...checked, callers }, coverage), changes };
}

/** What the project check decided: the rewrites it rejected, and the edits it made to keep the rest typechecking. */
interface CheckedTypes {
  restored: Map<string, TypecheckRejection>;
  /** Route files migrated without the handlers whose rewrite added errors: the file, those handlers, the errors. */
  narrowed: Array<[string, TypecheckRejection]>;
  /** Files that call a wrapped handler, edited to pass the route context. */
  callers: CallerFile[];
  callerEdits: CallerEdit[];
  keptTypes: KeptType[];
}

interface CallerFile extends FileChange {
  failure?: FileFailure;
}

function checkTypes(
  options: MigrationRunOptions,
  migrations: FileMigration[],
  routeFiles: ReadonlySet<string>,
): { migrations: FileMigration[]; checked: CheckedTypes } {
  const { root, config } = options;
  const toCheck = (r: FileMigration): RewriteToCheck => ({
    file: r.file,
    before: r.input!,
    after: r.output!,
    contextReads: r.contextReads ?? [],
    wrappedExports: r.handlers.filter((h) => h.outcome !== 'skipped').map((h) => h.handler),
  });
  const byFile = new Map(migrations.map((r) => [r.file, r]));
  // A route file with one handler whose rewrite does not typecheck is migrated again without that handler.
  const narrowed = new Map<string, FileMigration>();
  const leftByCheck = new Map<string, Record<string, string>>();
  const narrow = (file: string, leave: ReadonlyMap<string, string[]>): RewriteToCheck | null => {
    const original = byFile.get(file);
    if (!original || !routeFiles.has(file) || original.input === null) return null;
    const reasons = { ...leftByCheck.get(file) };
    for (const [handler, errors] of leave) reasons[handler] = typecheckReason({ errors, hints: [] }, 'handler');
    leftByCheck.set(file, reasons);
    const onUnsafe = options.onUnsafe ?? 'skip';
    const anonymousResponse = options.anonymousResponse ?? 'keep';
    const migration: FileMigration = { ...original, ...migrateModule(original.input, file, config, { onUnsafe, anonymousResponse, leaveAlone: reasons }) };
    if (migration.output === null || migration.handlers.every((h) => h.outcome === 'skipped')) return null;
    narrowed.set(file, migration);
    return toCheck(migration);
  };
  // A caller is edited under the same rule as a route file: committed, unless the run may touch uncommitted files.
  let isUncommitted: ((file: string) => boolean) | null | undefined;
  const mayEdit = (file: string) => {
    if (options.dry || options.force) return true;
    if (isUncommitted === undefined) isUncommitted = uncommittedTest(root);
    return isUncommitted !== null && !isUncommitted(file);
  };
  const outcome = typecheckRewrites(root, migrations.filter((r) => r.output !== null).map(toCheck), {
    tsconfigPath: options.tsconfig,
    guaranteedKeys: new Set(config.contextAccessor.guarantees),
    routeContextArgument: config.wrappers[0]?.routeContext ?? DEFAULT_ROUTE_CONTEXT_ARGUMENT,
    mayEditCaller: mayEdit,
    narrow,
  });
  const restored = new Map([...outcome.rejected].filter(([, rejection]) => rejection.handlers === undefined));
  return {
    migrations: migrations.map((r) => {
      const current = restored.has(r.file) ? r : (narrowed.get(r.file) ?? r);
      return outcome.accepted.has(r.file) ? { ...current, output: outcome.accepted.get(r.file)! } : current;
    }),
    checked: {
      restored,
      narrowed: [...outcome.rejected].filter(([, rejection]) => rejection.handlers !== undefined),
      callers: [...outcome.callers].map(([file, texts]) => ({ file, ...texts })),
      callerEdits: outcome.callerEdits,
      keptTypes: outcome.keptTypes,
    },
  };
}

/** Writes the edited callers; one that cannot be written is kept as it was, with the failure. */
function writeCallers(root: string, callers: readonly CallerFile[]): CallerFile[] {
  return callers.map((caller) => {
    try {
      writeFileAtomic.sync(path.join(root, caller.file), caller.after);
      return caller;
    } catch (error) {
      return { ...caller, failure: fileFailure('write', error) };
    }
  });
}

/** Writes each accepted rewrite atomically; a file that cannot be written keeps its old text and gets the failure. */
function writeAccepted(root: string, migrations: readonly FileMigration[], restored: ReadonlyMap<string, unknown>): FileMigration[] {
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
    throw new UsageError(
      `${dirty.length} selected file${dirty.length === 1 ? ' has' : 's have'} uncommitted changes:\n${listedFiles(dirty)}\n` +
        'Commit or stash them first so the migration is a diff of its own (a git-ignored file counts: git could not ' +
        'give it back), or pass --force.',
    );
  }
}

function buildReport(
  options: MigrationRunOptions,
  files: readonly string[],
  results: readonly FileMigration[],
  checked: CheckedTypes,
  coverage: MigrationCoverage,
): MigrationReport {
  const { restored } = checked;
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
      } else if (restored.has(r.file) && !h.migratedIn) {
        leftAlone.push({
          file: r.file,
          handler: h.handler,
          line: h.line,
          reason: typecheckReason(restored.get(r.file)!),
        });
      } else {
        migrated.push({
          file: r.file,
          handler: h.handler,
          line: h.line,
          requireAuth: h.requireAuth,
          wrappedOnly: h.outcome === 'wrapped-only',
          ...(h.outcome === 'migrated' && h.anonymous ? { anonymous: h.anonymous } : {}),
          ...handlerModuleOf(h),
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
    restoredByTypecheck: [...restored, ...checked.narrowed].map(([file, { errors, hints, handlers }]) => ({
      file,
      ...(handlers ? { handlers } : {}),
      errors,
      ...(hints.length > 0 ? { hints } : {}),
    })),
    callerEdits: checked.callerEdits.filter((edit) => !checked.callers.some((c) => c.failure && c.file === edit.file)),
    keptTypes: checked.keptTypes,
    unmappedFields: [...unmapped.values()].sort((a, b) => b.handlers - a.handlers || b.reads - a.reads || a.path.localeCompare(b.path)),
    internalErrors,
    fileSystemErrors: [
      ...fileSystemErrors,
      ...checked.callers.flatMap((c) => (c.failure ? [{ file: c.file, stage: 'write' as const, message: c.failure.message }] : [])),
    ],
    coverage: { before: coverage.before, after: coverage.after },
    sessionReadsThroughImports: coverage.sessionReadsThroughImports,
    suppressed: coverage.suppressed,
  };
}

function typecheckReason({ errors, hints }: TypecheckRejection, left: 'file' | 'handler' = 'file'): string {
  const count = `${errors.length} error${errors.length === 1 ? '' : 's'}`;
  const hint = hints.length > 0 ? `: ${hints.join('; ')}` : '';
  return `the rewrite added TypeScript errors, so the ${left} was left as it was (${count}; listed under “Restored” in the report)${hint}`;
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
