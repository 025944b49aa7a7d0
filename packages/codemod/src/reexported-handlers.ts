import * as path from 'node:path';
import {
  analyzeModule,
  anonymousPaths,
  answersLikeWrapper,
  contains,
  isFunctionLike,
  isRouteFile,
  literalGlob,
  ModuleParseError,
  parseModule,
  readSourceFile,
  walk,
  type FunctionLike,
  type HandlerAnalysis,
  type ParsedModule,
  type TenantIsolationConfig,
} from '@tenant-isolation/core';
import { createModuleResolver, TsconfigError, type ModuleResolver } from '@tenant-isolation/report';
import picomatch from 'picomatch';
import { UsageError } from './errors';
import { listedFiles, uncommittedFiles } from './git';
import type { FileMigration } from './migrate-file';
import { migrateModule, routeSourceAnalysis } from './migrate-module';
import { importersOf, loadsExport, type ModuleUser } from './project-importers';
import type { HandlerModule, HandlerOutcome, MigrateOptions, RouteSource } from './types';
import { wrapHandlersAtRoute, type RouteWrapRequest } from './wrap-at-route';

export interface FollowOptions extends MigrateOptions {
  /** The tsconfig whose `paths` resolve imports (default: the nearest tsconfig.json of each file). */
  tsconfig?: string;
}

/** A route handler whose function is in another module: `export { default } from '…'`, or an imported binding. */
interface TakenHandler {
  /** The route's export: `default`, `GET`… */
  name: string;
  line: number;
  kind: 're-export' | 'imported';
  from: string;
  importedName: string;
  /** The project file `from` resolves to; null when it resolves to none. */
  target: string | null;
}

const toPosix = (p: string): string => p.split(path.sep).join('/');

/**
 * Follows the handlers route files take from other modules, which the route files' own migration left alone.
 *
 * A handler only that route uses is migrated in its module: its export is read as the route's handler, rewritten
 * the same way, and the run rewrites that module while the route file stays as it is. Whether another file uses the
 * handler is decided by the export: a file that may load it (imports it, imports the module as a namespace,
 * `export * from` for a named handler, `require`, `import()`, tests included) uses it; one that imports only the
 * module's other exports, or only types, does not, and keeps working, since the rewrite touches the handler's
 * export alone. Routes that are each the only user of another handler of one module share one rewrite of it.
 *
 * A handler other files use too (or in a path the config ignores) is not rewritten in its module: that would
 * change every other user. It is wrapped in the route file instead (`import handler from '…'; export default
 * withTenantApiRoute(handler)`), its session read kept, and reported as wrapped only. A module that is a route file
 * itself is migrated as that route, never through another. A specifier that resolves to no project file is left
 * with its reason.
 *
 * Returns the route files' migrations with the outcomes of those handlers replaced, followed by one migration per
 * module rewritten in place of a route file (with no outcomes of its own: they are the route's).
 */
export async function followReexportedHandlers(
  root: string,
  config: TenantIsolationConfig,
  migrations: readonly FileMigration[],
  options: FollowOptions,
): Promise<FileMigration[]> {
  const taken = new Map<FileMigration, TakenHandlers>();
  for (const migration of migrations) {
    const found = takenHandlersOf(migration, config);
    if (found) taken.set(migration, found);
  }
  if (taken.size === 0) return [...migrations];
  const resolver = moduleResolver(root, options.tsconfig);
  const targets = new Set<string>();
  for (const [migration, { handlers }] of taken) {
    for (const handler of handlers) {
      handler.target = resolver.resolve(handler.from, path.join(root, migration.file));
      if (handler.target) targets.add(handler.target);
    }
  }
  const follower = new HandlerSources(root, config, options, await importersOf(root, resolver, targets));
  const plans = new Map([...taken].map(([migration, found]) => [migration, follower.planRoute(migration, found)]));
  // Several routes may each be the only user of another export of one module: it is rewritten once, for all of them.
  const rewrittenModules = follower.rewriteModules();
  const routes = migrations.map((migration) => {
    const plan = plans.get(migration);
    return plan ? follower.finishRoute(plan) : migration;
  });
  return [...routes, ...rewrittenModules];
}

/** What a migrated handler's report entry says about the module its function is in. */
export function handlerModuleOf(outcome: HandlerOutcome): HandlerModule {
  if (outcome.outcome === 'skipped') return {};
  if (outcome.migratedIn !== undefined) return { migratedIn: outcome.migratedIn };
  if (outcome.definedIn !== undefined) return { definedIn: outcome.definedIn };
  return {};
}

/** The modules a run rewrites in place of route files. */
export function modulesRewrittenForRoutes(migrations: readonly FileMigration[]): string[] {
  const modules = new Set<string>();
  for (const migration of migrations) {
    for (const outcome of migration.handlers) if (outcome.outcome !== 'skipped' && outcome.migratedIn) modules.add(outcome.migratedIn);
  }
  return [...modules].sort();
}

/** The git check for the modules rewritten in place of route files: they are part of the migration's diff too. */
export function refuseUncommittedModules(root: string, migrations: readonly FileMigration[]): void {
  const modules = modulesRewrittenForRoutes(migrations);
  if (modules.length === 0) return;
  const dirty = uncommittedFiles(root, modules) ?? [];
  if (dirty.length === 0) return;
  throw new UsageError(
    `${dirty.length} ${dirty.length === 1 ? 'module' : 'modules'} that selected route files take their handlers from, and that the run would rewrite, ` +
      `${dirty.length === 1 ? 'has' : 'have'} uncommitted changes:\n${listedFiles(dirty)}\n` +
      'Commit or stash them first so the migration is a diff of its own, or pass --force.',
  );
}

/**
 * A route handler migrated in its own module counts only once that module is rewritten: when `--typecheck` kept the
 * module as it was, or it could not be written, the handler is left, with that reason.
 */
export function settleRewrittenModules(results: readonly FileMigration[], restored: ReadonlyMap<string, unknown>): FileMigration[] {
  const failed = new Map(results.filter((r) => r.failure).map((r) => [r.file, r.failure!]));
  return results.map((result) => {
    let changed = false;
    const handlers = result.handlers.map((outcome): HandlerOutcome => {
      if (outcome.outcome === 'skipped' || !outcome.migratedIn) return outcome;
      const module = outcome.migratedIn;
      const rejected = restored.has(module);
      const failure = failed.get(module);
      if (!rejected && !failure) return outcome;
      changed = true;
      const reason = rejected
        ? `its function in ${module} was rewritten, but the rewrite added TypeScript errors, so ${module} was left as it was (listed under “Restored” in the report)`
        : `its function in ${module} was rewritten, but ${module} could not be written: ${failure!.message}`;
      return { handler: outcome.handler, line: outcome.line, outcome: 'skipped', reason };
    });
    return changed ? { ...result, handlers } : result;
  });
}

function moduleResolver(root: string, tsconfig: string | undefined): ModuleResolver {
  try {
    return createModuleResolver(root, tsconfig);
  } catch (error) {
    if (error instanceof TsconfigError) throw new UsageError(`${error.message}: the modules route files re-export their handlers from cannot be resolved without it.`);
    throw error;
  }
}

interface TakenHandlers {
  routeKind: RouteSource['routeKind'];
  handlers: TakenHandler[];
}

/** The handlers of a route file that its own migration left because their function is in another module. */
function takenHandlersOf(migration: FileMigration, config: TenantIsolationConfig): TakenHandlers | null {
  if (migration.input === null || migration.failure || migration.skippedBecause !== undefined || migration.error) return null;
  // The migration says which handlers are defined elsewhere; only then is the module parsed again for where.
  if (!migration.definedElsewhere?.length) return null;
  const left = new Set(migration.handlers.filter((o) => o.outcome === 'skipped').map((o) => o.handler));
  if (left.size === 0) return null;
  const text = migration.input.replace(/^\uFEFF/, '');
  let parsed: ParsedModule;
  try {
    parsed = parseModule(text, migration.file);
  } catch {
    return null;
  }
  const analysis = analyzeModule(parsed.program, parsed.scopeManager, config, { filePath: migration.file, sourceText: text });
  const routeKind = analysis.routeKind;
  if (routeKind !== 'app-route' && routeKind !== 'pages-api') return null;
  const taken: TakenHandler[] = [];
  for (const handler of analysis.handlers) {
    const source = handler.source;
    if (!left.has(handler.name) || handler.status !== 'unwrapped' || (source.kind !== 're-export' && source.kind !== 'imported')) continue;
    taken.push({ name: handler.name, line: handler.exportNode.loc.start.line, kind: source.kind, from: source.from, importedName: source.importedName, target: null });
  }
  return taken.length > 0 ? { routeKind, handlers: taken } : null;
}

/** Where a route file's handlers taken from other modules go: the new outcome of each, and the wrappers to add. */
interface RoutePlan {
  route: FileMigration;
  /** By handler name; null when its module leaves nothing to migrate. Set for a module rewrite once it is made. */
  outcomes: Map<string, HandlerOutcome | null>;
  wraps: RouteWrap[];
}

/** The handlers to migrate in one module, each for the one route that uses it. */
interface ModuleRewrite {
  module: string;
  text: string;
  routeKind: RouteSource['routeKind'];
  /** The first route file that takes a handler from it, to name when a route of another kind does too. */
  firstRoute: string;
  handlers: Array<{ handler: TakenHandler; inner: HandlerAnalysis; outcomes: RoutePlan['outcomes'] }>;
}

/** Decides, per route file, where each handler it takes from another module is migrated, and makes the rewrites. */
class HandlerSources {
  private readonly moduleRewrites = new Map<string, ModuleRewrite>();
  private readonly ignored: (file: string) => boolean;

  constructor(
    private readonly root: string,
    private readonly config: TenantIsolationConfig,
    private readonly options: MigrateOptions,
    private readonly importers: ReadonlyMap<string, ModuleUser[]>,
  ) {
    this.ignored = picomatch(config.ignore.map(literalGlob));
  }

  planRoute(route: FileMigration, { routeKind, handlers }: TakenHandlers): RoutePlan {
    const outcomes = new Map<string, HandlerOutcome | null>();
    const wraps: RouteWrap[] = [];
    const byTarget = new Map<string, TakenHandler[]>();
    for (const handler of handlers) {
      if (handler.target === null) {
        outcomes.set(handler.name, skipped(handler, `${describe(handler)}, which is not a project file the codemod can read (a package, or a path that resolves to no file): migrate it where it is defined`));
        continue;
      }
      byTarget.set(handler.target, [...(byTarget.get(handler.target) ?? []), handler]);
    }
    for (const [target, group] of byTarget) this.followModule(route.file, routeKind, target, group, outcomes, wraps);
    return { route, outcomes, wraps };
  }

  /** Migrates each module in place of the routes that are the only users of its handlers, and settles their outcomes. */
  rewriteModules(): FileMigration[] {
    const rewritten: FileMigration[] = [];
    for (const { module, text, routeKind, handlers } of this.moduleRewrites.values()) {
      const names = [...new Set(handlers.map(({ inner }) => inner.name))];
      const migration = migrateModule(text, module, this.config, this.options, { routeKind, exports: names });
      for (const { handler, inner, outcomes } of handlers) {
        const outcome = migration.handlers.find((o) => o.handler === inner.name);
        if (!outcome) outcomes.set(handler.name, null);
        else if (outcome.outcome === 'skipped') outcomes.set(handler.name, { ...outcome, handler: handler.name, line: handler.line, reason: `in ${module}, where its function is: ${outcome.reason}` });
        else outcomes.set(handler.name, { ...outcome, handler: handler.name, line: handler.line, migratedIn: module });
      }
      if (migration.output !== null) rewritten.push({ file: module, input: text, ...migration, handlers: [] });
    }
    return rewritten;
  }

  /** The route file with its handlers' new outcomes, and the handlers other files use too wrapped in it. */
  finishRoute({ route, outcomes, wraps }: RoutePlan): FileMigration {
    let result = route;
    if (wraps.length > 0) {
      const wrapped = wrapHandlersAtRoute(route.output ?? route.input!, route.file, this.config, wraps.map((w) => w.request));
      for (const { request, outcome, handler, notRewritten } of wraps) {
        const failure = wrapped.failures.get(request.handler);
        outcomes.set(request.handler, failure ? skipped(handler, `${notRewritten}, and it could not be wrapped in this route file: ${failure}`) : outcome);
      }
      if (wrapped.output !== null) result = { ...route, output: wrapped.output, statusesAfter: wrapped.statusesAfter };
    }
    const handlersAfter = result.handlers.flatMap((outcome) => {
      if (!outcomes.has(outcome.handler)) return [outcome];
      const replaced = outcomes.get(outcome.handler)!;
      return replaced ? [replaced] : [];
    });
    return { ...result, handlers: handlersAfter };
  }

  private followModule(
    routeFile: string,
    routeKind: RouteSource['routeKind'],
    target: string,
    group: readonly TakenHandler[],
    outcomes: Map<string, HandlerOutcome | null>,
    wraps: RouteWrap[],
  ): void {
    const module = toPosix(path.relative(this.root, target));
    const leaveAll = (reason: (h: TakenHandler) => string): void => {
      for (const handler of group) outcomes.set(handler.name, skipped(handler, reason(handler)));
    };
    let text: string;
    try {
      const read = readSourceFile(target);
      if (read.skippedBecause !== undefined) return leaveAll((h) => `${describe(h)}: ${module} was not opened (${read.skippedBecause}); migrate it where it is defined`);
      text = read.text;
    } catch (error) {
      return leaveAll((h) => `${describe(h)}: ${module} could not be read (${(error as Error).message})`);
    }
    const sourceText = text.replace(/^\uFEFF/, '');
    let parsed: ParsedModule;
    try {
      parsed = parseModule(sourceText, module);
    } catch (error) {
      if (!(error instanceof ModuleParseError)) throw error;
      return leaveAll((h) => `${describe(h)}: ${module} does not parse (line ${error.line}: ${error.message})`);
    }
    const exports = [...new Set(group.map((h) => h.importedName))];
    const analysis = analyzeModule(parsed.program, parsed.scopeManager, this.config, {
      filePath: module,
      sourceText,
      ...routeSourceAnalysis({ routeKind, exports }),
    });
    const unmigrated: Array<{ handler: TakenHandler; inner: HandlerAnalysis }> = [];
    for (const handler of group) {
      const inner = analysis.handlers.find((h) => h.name === handler.importedName);
      if (!inner) {
        outcomes.set(handler.name, skipped(handler, `${describe(handler)}: ${module} exports no \`${handler.importedName}\` the codemod can see; migrate it where it is defined`));
      } else if (inner.status === 'unwrapped' && (inner.source.kind === 're-export' || inner.source.kind === 'imported')) {
        outcomes.set(handler.name, skipped(handler, `${describe(handler)}, where it comes from '${inner.source.from}' in turn: migrate it where its function is`));
      } else if (inner.status !== 'unmigrated') {
        // Wrapped already, or it reads no session there: nothing is left to migrate, as for a handler in the route file.
        outcomes.set(handler.name, null);
      } else {
        unmigrated.push({ handler, inner });
      }
    }
    if (unmigrated.length === 0) return;
    if (isRouteFile(module, this.config)) {
      // Its own migration wraps it; wrapping it here as well would wrap it twice.
      for (const { handler } of unmigrated) {
        outcomes.set(
          handler.name,
          skipped(handler, `${describe(handler)}: its function is in ${module}, a route file itself, which is migrated as a route of its own when a run selects it; this route then serves it migrated`),
        );
      }
      return;
    }

    const inModule: typeof unmigrated = [];
    for (const entry of unmigrated) {
      const sharedBecause = this.sharedBecause(routeFile, module, target, entry.inner.name);
      if (sharedBecause === null) inModule.push(entry);
      else this.wrapAtRoute(routeKind, module, parsed, entry, sharedBecause, outcomes, wraps);
    }
    if (inModule.length === 0) return;
    const rewrite = this.moduleRewrites.get(target) ?? { module, text, routeKind, firstRoute: routeFile, handlers: [] };
    if (rewrite.routeKind !== routeKind) {
      // One rewrite reads the module's exports as handlers of one kind of route; the other kind's follow in a next run.
      for (const { handler } of inModule) {
        outcomes.set(
          handler.name,
          skipped(handler, `${describe(handler)}: ${module} is rewritten for ${rewrite.firstRoute} in this run, a route of another kind; run the codemod again to migrate this one there`),
        );
      }
      return;
    }
    rewrite.handlers.push(...inModule.map((entry) => ({ ...entry, outcomes })));
    this.moduleRewrites.set(target, rewrite);
  }

  /**
   * Plans the wrapper around a handler other files use too, in the route file: its session read stays, and callers
   * without a session get what they got, from the wrapper only where the handler gave exactly its answer.
   */
  private wrapAtRoute(
    routeKind: RouteSource['routeKind'],
    module: string,
    parsed: ParsedModule,
    { handler, inner }: { handler: TakenHandler; inner: HandlerAnalysis },
    sharedBecause: string,
    outcomes: Map<string, HandlerOutcome | null>,
    wraps: RouteWrap[],
  ): void {
    const notRewritten = notInModule(handler, module, sharedBecause);
    if (routeKind === 'pages-api' && this.config.pagesWrappers.length === 0) {
      outcomes.set(
        handler.name,
        skipped(handler, `${notRewritten}, and a pages/api handler takes (req, res), which the App Router wrapper does not; configure pagesWrappers to wrap it in this route file`),
      );
      return;
    }
    const requireAuth = requireAuthAtRoute(parsed, module, inner, this.config);
    if (typeof requireAuth === 'string') {
      outcomes.set(handler.name, skipped(handler, `${notRewritten}, and it cannot be wrapped in this route file: ${requireAuth}; migrate it by hand`));
      return;
    }
    wraps.push({
      handler,
      notRewritten,
      request: { handler: handler.name, requireAuth },
      outcome: {
        handler: handler.name,
        line: handler.line,
        outcome: 'wrapped-only',
        requireAuth,
        reason: `its function in ${module} ${sharedBecause}: wrapped in this route file, it still reads the session`,
        definedIn: module,
      },
    });
  }

  /** Why rewriting the handler's export in its module would change more than this route; null when only this route uses it. */
  private sharedBecause(routeFile: string, module: string, target: string, exportName: string): string | null {
    const reasons: string[] = [];
    if (this.ignored(module)) reasons.push('is in a path the config ignores');
    const others = (this.importers.get(target) ?? []).filter((user) => user.file !== routeFile && loadsExport(user.exports, exportName));
    const read = others.filter((user) => user.unreadable === undefined).map((user) => user.file);
    const unread = others.filter((user) => user.unreadable !== undefined);
    if (read.length > 0) reasons.push(`is also used by ${listed(read)}`);
    if (unread.length > 0) reasons.push(`may be used by ${listed(unread.map((user) => user.file))}, which could not be read (${unread[0]!.unreadable})`);
    return reasons.length > 0 ? reasons.join(' and ') : null;
  }
}

interface RouteWrap {
  request: RouteWrapRequest;
  outcome: HandlerOutcome;
  handler: TakenHandler;
  /** Why its module is not rewritten, for the reason when it cannot be wrapped after all. */
  notRewritten: string;
}

/** `re-exported from '…': its function in src/m.ts is also used by src/a.ts, so the codemod does not rewrite it there`. */
function notInModule(handler: TakenHandler, module: string, sharedBecause: string): string {
  return `${describe(handler)}: its function in ${module} ${sharedBecause}, so the codemod does not rewrite it there`;
}

/** `src/a.ts`, `src/a.ts and src/b.ts`, `src/a.ts, src/b.ts and 3 other files`. */
function listed(files: readonly string[]): string {
  if (files.length <= 3) return files.length === 1 ? files[0]! : `${files.slice(0, -1).join(', ')} and ${files.at(-1)}`;
  return `${files.slice(0, 2).join(', ')} and ${files.length - 2} other files`;
}

function describe(handler: TakenHandler): string {
  return `${handler.kind === 're-export' ? 're-exported' : 'imported'} from '${handler.from}'`;
}

function skipped(handler: TakenHandler, reason: string): HandlerOutcome {
  return { handler: handler.name, line: handler.line, outcome: 'skipped', reason };
}

/**
 * Whether the wrapper around a handler whose session reads stay may keep requiring a session: only where every
 * caller without one already got exactly the wrapper's answer from the handler, with nothing done first (the rule
 * `--on-unsafe wrap-only` follows). Otherwise it gets `{ requireAuth: false }` and the handler answers them as
 * before. A string says why neither can be chosen: what those callers get could not be decided.
 */
function requireAuthAtRoute(parsed: ParsedModule, module: string, handler: HandlerAnalysis, config: TenantIsolationConfig): boolean | string {
  const range = handler.functionRange;
  let fn: FunctionLike | undefined;
  if (range) {
    walk(parsed.program, (node) => {
      if (!fn && isFunctionLike(node) && node.range[0] === range[0] && node.range[1] === range[1]) fn = node;
    });
  }
  if (!fn) return `its function could not be found in ${module} to decide what a caller without a session gets`;
  const inside = handler.sessionCalls.filter(({ site }) => contains(fn!.range, site.range));
  const paths = anonymousPaths({
    fn,
    scopeManager: parsed.scopeManager,
    sessionCalls: inside.map(({ site }) => site),
    pagesApi: handler.routeKind === 'pages-api',
  });
  if (paths.undecided) return `what a caller without a session gets could not be decided in ${module}: ${paths.undecided.reason}`;
  // A session read outside the function (a helper of the module) is followed by no analysis: the handler answers.
  if (inside.length !== handler.sessionCalls.length) return false;
  return answersLikeWrapper(paths, config.anonymousResponse);
}
