import fs from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import {
  analyzeModule,
  discoverRouteFiles,
  hasUseServerDirective,
  HTTP_METHODS,
  isRouteFile,
  literalGlob,
  loadPrismaSchema,
  ModuleParseError,
  parseModule,
  readSourceFile,
  REQUIRE_TENANT_CONTEXT_RULE,
  routeModuleFacts,
  suppressedLines,
  type HandlerAnalysis,
  type HandlerStatus,
  type ModuleAnalysis,
  type ParsedModule,
  type PrismaSchemaInfo,
  type RouteKind,
  type RouteModuleFacts,
  type TenantIsolationConfig,
  wrappersFor,
} from '@tenant-isolation/core';
import type { DiscoveredGetter, FileError, HandlerReport, QueryReport, Report, RouteReport, SessionCallReport, Shard } from './model';
import { REPORT_SCHEMA_VERSION } from './model';
import { createModuleResolver, type ModuleResolver } from './module-resolver';
import { compareErrors, compareText, inShard } from './shard';
import { summarize } from './summary';

export interface ScanOptions {
  /** The project root: where the config lives and route globs start. */
  root: string;
  config: TenantIsolationConfig;
  /** The tsconfig whose `paths` resolve imports (default: `<root>/tsconfig.json`, when there is one). */
  tsconfig?: string;
  /** Scan only this slice of the route files. */
  shard?: Shard;
  /** The tool version written into the report. */
  version: string;
  /** Called after each route file, for a progress display. */
  onFile?: (done: number, total: number, file: string) => void;
  /**
   * Texts to scan in place of what files hold, by path (absolute, or relative to the root): a tree that is not
   * written yet, such as the codemod's rewrites in a dry run. They are read, and imports resolve to them, as if they
   * were on disk; which files are route files is still told from the disk.
   */
  overlay?: ReadonlyMap<string, string>;
  /**
   * Route modules already parsed and analyzed (the codemod's worker threads do): the facts of a root-relative file
   * as it reads `text`, or undefined to have the scan analyze it. Facts for another path than the scan would
   * analyze the module as are not used.
   */
  routeFacts?: (file: string, text: string) => RouteModuleFacts | undefined;
}

export interface ScanResult {
  report: Report;
  /** Imported helpers that route handlers call and that reach a session getter: candidate `indirectSessionGetters`. */
  discoveredGetters: DiscoveredGetter[];
  /** What the scan could not use and worked around (a tsconfig that does not parse), for the command to show. */
  warnings: string[];
}

/** A session call as one export reaches it, with the line in the route file where the path to it starts. */
interface ReachedCall extends SessionCallReport {
  routeLine: number;
}

/** What an export of a module amounts to once its imports and re-exports are followed. */
interface ExportReach {
  wrapperChain: string[];
  wrapped: boolean;
  calls: ReachedCall[];
  /** The module its function is in, project-relative; null when that could not be told. */
  definedIn: string | null;
  /** Why the export could not be followed to its function, when it could not. */
  unresolved: string | null;
  /** The imported helpers a handler calls that reach the session, by where they are defined. */
  helpers: Array<{ name: string; from: string; definedIn: string }>;
  /** Modules the export leads to that could not be read: what they reach is unknown. */
  unreadable: string[];
}

const NOT_FOLLOWED: ExportReach = { wrapperChain: [], wrapped: false, calls: [], definedIn: null, unresolved: null, helpers: [], unreadable: [] };

/**
 * The project scan behind `tenant-isolation report`: every route module through the analyzer the lint rule uses,
 * then what one file cannot see, across modules: re-exported handlers (`export { GET } from './x'`, `export *`)
 * are followed to their function, and a handler that calls an imported helper reaching a session getter, at any
 * depth, reads the session through it.
 */
export async function scanProject(options: ScanOptions): Promise<ScanResult> {
  const { overlay, ...project } = options;
  const [result] = await scanProjectTrees(project, [overlay ?? new Map()]);
  return result!;
}

/**
 * The scan of several trees of one project, each the disk with an overlay laid over it (an empty one for the disk as
 * it is): a project before and after a run of the codemod. Each result is what `scanProject` gives of that tree; what
 * the trees share is done once: finding the route files, reading the tsconfig files and resolving imports (unless
 * an overlay holds a file the disk lacks), and parsing and analyzing each module whose text they share.
 */
export async function scanProjectTrees(options: Omit<ScanOptions, 'overlay'>, overlays: ReadonlyArray<ReadonlyMap<string, string>>): Promise<ScanResult[]> {
  const root = path.resolve(options.root);
  const routeFiles = await discoverRouteFiles(root, options.config);
  const allFiles = options.config.serverActions ? await withServerActionCandidates(root, options.config, routeFiles) : routeFiles;
  const files = options.shard ? allFiles.filter((file) => inShard(file, options.shard!)) : allFiles;
  const trees = overlays.map((overlay) => new Map([...overlay].map(([file, text]) => [path.resolve(root, file), text])));
  // Only which files exist decides how an import resolves (and package.json files, which are not sources).
  const sameResolution = trees.every((tree) => [...tree.keys()].every((file) => isSourceOnDisk(file)));
  const sharedResolver = sameResolution ? createModuleResolver(root, options.tsconfig) : null;
  const cache = new AnalysisCache(trees.length > 1);
  const prisma = prismaSchemaOf(root, options.config);
  const results: ScanResult[] = [];
  for (const overlay of trees) {
    const resolver = sharedResolver ?? createModuleResolver(root, options.tsconfig, overlay);
    const scanner = new ProjectScanner(root, options.config, resolver, overlay, cache, prisma.schema, options.routeFacts);
    const routes: RouteReport[] = [];
    for (let i = 0; i < files.length; i++) {
      const route = scanner.scanRoute(files[i]!);
      if (route) routes.push(route);
      options.onFile?.(i + 1, files.length, files[i]!);
    }
    const errors = scanner.errors.sort(compareErrors);
    const report: Report = {
      schemaVersion: REPORT_SCHEMA_VERSION,
      tool: { name: 'tenant-isolation', version: options.version },
      thresholds: {
        warnBelow: options.config.report.warnBelow,
        failBelow: options.config.report.failBelow,
        queryScopingFailBelow: options.config.report.queryScopingFailBelow,
      },
      shard: options.shard ?? null,
      summary: summarize(routes, errors, prisma.schema !== null),
      routes,
      errors,
      prismaSchema: prisma.schema ? prisma.schema.files.map((file) => path.relative(root, file).split(path.sep).join('/')) : null,
    };
    results.push({ report, discoveredGetters: scanner.discoveredGetters(), warnings: [...prisma.warnings, ...resolver.warnings] });
  }
  return results;
}

/**
 * The project's Prisma schema, which the query figure is measured against. None is no error (the figure is left
 * out), unless the config names one; one that does not parse is said as a warning.
 */
function prismaSchemaOf(root: string, config: TenantIsolationConfig): { schema: PrismaSchemaInfo | null; warnings: string[] } {
  const load = loadPrismaSchema(root, config.prisma);
  if (load.kind === 'found') return { schema: load.schema, warnings: [] };
  if (load.kind === 'invalid') {
    return { schema: null, warnings: [`The Prisma schema ${path.relative(root, load.file)} does not parse (${load.message}): the query-scoping figure is left out.`] };
  }
  const named = config.prisma.schema !== undefined;
  return { schema: null, warnings: named ? [`prisma.schema: ${config.prisma.schema} was not found under ${root}: the query-scoping figure is left out.`] : [] };
}

const isSourceOnDisk = (file: string): boolean =>
  !file.endsWith('.json') && (fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false);

/** Where a module's text does not parse. */
interface ParseProblem {
  line: number;
  column: number;
  message: string;
}

/** A module's text read one way: the reading, or where it does not parse. */
type Reading<T> = { value: T } | { problem: ParseProblem };

/**
 * Readings of modules by path and text, shared by the trees of one scan: a module the same in two trees is read once.
 * A scan of one tree keeps nothing, as the scan always did: a large project's readings would only take memory.
 */
class AnalysisCache {
  private readonly readings = new Map<string, Array<{ text: string; reading: Reading<unknown> }>>();

  constructor(private readonly keep: boolean) {}

  /** The reading of `text` as `key` (a kind of reading and a path), computed the first time it is asked for. */
  get<T>(key: string, text: string, read: () => Reading<T>): Reading<T> {
    if (!this.keep) return read();
    const known = this.readings.get(key);
    const found = known?.find((entry) => entry.text === text);
    if (found) return found.reading as Reading<T>;
    const reading = read();
    if (known) known.push({ text, reading });
    else this.readings.set(key, [{ text, reading }]);
    return reading;
  }
}

class ProjectScanner {
  readonly errors: FileError[] = [];
  /** Modules reached from routes, analyzed with every export as a candidate; null when they could not be read. */
  private readonly modules = new Map<string, ModuleAnalysis | null>();
  private readonly reaches = new Map<string, ExportReach>();
  private readonly partialReaches = new Map<string, { reach: ExportReach; dependsOn: Set<string> }>();
  private readonly onStack = new Set<string>();
  private cycleHits = new Set<string>();
  private readonly helperCalls = new Map<string, DiscoveredGetter>();

  constructor(
    private readonly root: string,
    private readonly config: TenantIsolationConfig,
    private readonly resolver: ModuleResolver,
    /** Texts in place of files' contents, by absolute path. */
    private readonly overlay: ReadonlyMap<string, string>,
    private readonly cache: AnalysisCache,
    private readonly prismaSchema: PrismaSchemaInfo | null,
    private readonly knownFacts?: (file: string, text: string) => RouteModuleFacts | undefined,
  ) {}

  scanRoute(file: string): RouteReport | null {
    const absolute = path.join(this.root, file);
    const isRoute = isRouteFile(file, this.config);
    // Other source files are only candidates for server actions: one too large or binary to read holds none.
    const text = this.read(absolute, file, 'route', !isRoute);
    if (text === null || (!isRoute && !text.includes('use server'))) return null;
    const facts = this.routeFacts(absolute, file, text, isRoute);
    if (!facts) return null;
    const { analysis } = facts;
    if (!isRoute && analysis.handlers.length === 0) return null;
    const isSuppressed = suppressedLines(facts.directiveComments, REQUIRE_TENANT_CONTEXT_RULE);
    const kind = isRoute ? analysis.routeKind ?? 'app-route' : 'server-action';
    const handlers = analysis.handlers.map((handler) => this.handlerReport(absolute, file, handler, isSuppressed));
    const declared = new Set(handlers.map((h) => h.name));
    for (const { from, start } of facts.exportAll) {
      const target = this.resolver.resolve(from, absolute);
      if (!target) continue;
      for (const name of this.exportedNames(target, new Set())) {
        if (declared.has(name) || !isHandlerName(kind, name)) continue;
        declared.add(name);
        const inner = this.exportReach(target, name);
        const routeLine = start.line;
        const reach = { ...inner, calls: inner.calls.map((call) => ({ ...call, routeLine })) };
        handlers.push(
          this.finish(kind, name, start, reach, isSuppressed, null, {
            definedIn: reach.definedIn,
            fallback: `re-exported by \`export * from '${from}'\``,
          }),
        );
      }
    }
    return { file, urlPath: analysis.urlPath ?? '/', kind, handlers, queries: queryReports(facts) };
  }

  /** The route module's facts: those handed in for this very text, or its own parse; null when it does not parse. */
  private routeFacts(absolute: string, file: string, text: string, isRoute: boolean): RouteModuleFacts | null {
    const analyzedAs = this.projectPath(absolute);
    const known = isRoute ? this.knownFacts?.(file, text) : undefined;
    // Facts read without the schema lack the queries the report counts.
    if (known && known.analyzedAs === analyzedAs && (!this.prismaSchema || known.queries)) return known;
    const prismaSchema = this.prismaSchema ?? undefined;
    const reading = this.cache.get(`route:${absolute}`, text, () =>
      readModule(text, file, (parsed) => {
        const inlineServerActionsOnly = !isRoute && !hasUseServerDirective(parsed.program);
        return routeModuleFacts(parsed, text, this.config, { analyzedAs, inlineServerActionsOnly, prismaSchema });
      }),
    );
    return this.take(reading, file, 'route');
  }

  /** What a reading holds, or null with its parse error listed. */
  private take<T>(reading: Reading<T>, file: string, kind: FileError['kind']): T | null {
    if ('value' in reading) return reading.value;
    this.errors.push({ file, kind, ...reading.problem });
    return null;
  }

  private handlerReport(absolute: string, file: string, handler: HandlerAnalysis, isSuppressed: (line: number) => boolean): HandlerReport {
    const reach = this.reachOf(absolute, file, handler, true);
    for (const helper of reach.helpers) this.noteHelper(helper, `${file}#${handler.name}`);
    const publicReason = handler.status === 'public' ? handler.publicReason ?? null : null;
    const opaque = handler.source.kind === 'opaque' ? handler.source.reason : null;
    const unreadable =
      reach.unreadable.length > 0
        ? `not wrapped, and it uses ${reach.unreadable.map((f) => `\`${f}\``).join(', ')}, which could not be read, parsed or resolved: whether it reads the session is unknown`
        : null;
    return this.finish(handler.routeKind, handler.name, handler.exportNode.loc.start, reach, isSuppressed, publicReason, {
      definedIn: handler.source.kind === 'local' || handler.source.kind === 'opaque' ? null : reach.definedIn,
      fallback: reach.unresolved ?? opaque ?? unreadable,
    });
  }

  private finish(
    kind: RouteKind,
    name: string,
    at: { line: number; column: number },
    reach: ExportReach,
    isSuppressed: (line: number) => boolean,
    publicReason: string | null,
    extra: { definedIn: string | null; fallback: string | null },
  ): HandlerReport {
    const calls = reach.calls;
    let status: HandlerStatus;
    if (publicReason !== null) status = 'public';
    else if (reach.wrapped) status = calls.length > 0 ? 'partial' : 'migrated';
    else if (calls.length === 0) status = reach.unreadable.length > 0 ? 'error' : 'unwrapped';
    else status = calls.every((call) => isSuppressed(call.routeLine)) ? 'suppressed' : 'unmigrated';
    const wrapper = wrappersFor(kind, this.config)[0]!.name;
    return {
      name,
      status,
      line: at.line,
      column: at.column,
      wrapperChain: reach.wrapperChain,
      definedIn: extra.definedIn,
      sessionCalls: calls.map(({ routeLine: _, ...call }) => call),
      reason: reasonFor(status, calls, wrapper, publicReason, extra.fallback),
    };
  }

  /**
   * What a handler or exported helper reaches. `asRoute` is true for a route's own handlers: the names of
   * functions in the route file stand alone in call paths; those of other modules carry their file.
   */
  private reachOf(absolute: string, file: string, handler: HandlerAnalysis, asRoute: boolean): ExportReach {
    const wrapperChain = handler.wrapperChain.map((call) => call.callee);
    if (handler.source.kind === 're-export' || handler.source.kind === 'imported') {
      const { from, importedName } = handler.source;
      const target = this.resolver.resolve(from, absolute);
      const inner = target ? this.exportReach(target, importedName) : null;
      if (!inner || inner === NOT_FOLLOWED) {
        const where = target ? `\`${this.relative(target)}\` exports no \`${importedName}\`` : `'${from}' is not a project file the scan can read`;
        return { ...NOT_FOLLOWED, wrapperChain, wrapped: handler.wrapped, unresolved: `the handler comes from another module: ${where}` };
      }
      const routeLine = handler.exportNode.loc.start.line;
      return {
        wrapperChain: [...wrapperChain, ...inner.wrapperChain],
        wrapped: handler.wrapped || inner.wrapped,
        calls: inner.calls.map((call) => ({ ...call, routeLine })),
        definedIn: inner.definedIn,
        unresolved: inner.unresolved,
        helpers: inner.helpers,
        unreadable: inner.unreadable,
      };
    }
    const named = (name: string): string => (asRoute ? name : `${name} (${file})`);
    const calls: ReachedCall[] = handler.sessionCalls.map(({ site, via }) => ({
      file,
      line: site.loc.start.line,
      column: site.loc.start.column,
      getter: site.getter,
      via: via.map(named),
      routeLine: site.loc.start.line,
    }));
    const helpers: ExportReach['helpers'] = [];
    const unreadable: string[] = [];
    for (const reference of handler.importedReferences ?? []) {
      const target = this.resolver.resolve(reference.module, absolute);
      if (!target) {
        // A package is outside the scan; a project path that leads nowhere may hide a session read.
        if (looksLikeProjectImport(reference.module)) {
          const missing = `${reference.module} (from ${file}, not resolved)`;
          if (!unreadable.includes(missing)) unreadable.push(missing);
        }
        continue;
      }
      const inner = this.exportReach(target, reference.name);
      for (const file of this.moduleAnalysis(target) ? inner.unreadable : [this.relative(target)]) {
        if (!unreadable.includes(file)) unreadable.push(file);
      }
      // A helper that is itself wrapped establishes tenant context, whoever calls it.
      if (inner.wrapped || inner.calls.length === 0) continue;
      const hop = `${reference.name} (${inner.definedIn ?? this.relative(target)})`;
      helpers.push({ name: reference.name, from: reference.module, definedIn: inner.definedIn ?? this.relative(target) });
      for (const call of inner.calls) {
        const reached = { ...call, via: [...reference.via.map(named), hop, ...call.via], routeLine: reference.loc.start.line };
        const known = calls.findIndex((c) => c.file === call.file && c.line === call.line && c.column === call.column);
        if (known === -1) calls.push(reached);
        else if (shorterPath(reached, calls[known]!)) calls[known] = reached;
      }
    }
    // The order the search met calls in depends on which module it entered first; the shortest path, and calls in
    // the handler's own file first, do not. So the same project gives the same report, sharded or not.
    calls.sort((a, b) => Number(a.file !== file) - Number(b.file !== file) || compareText(a.file, b.file) || a.line - b.line || a.column - b.column);
    return { wrapperChain, wrapped: handler.wrapped, calls, definedIn: file, unresolved: null, helpers, unreadable };
  }

  /**
   * What the export `name` of a module reaches; NOT_FOLLOWED when the module does not export it or cannot be read.
   *
   * Imports can form cycles (a barrel file that its own modules import from). An export met again while it is
   * being worked out adds nothing to that computation, but a result found that way lacks what the export still on
   * the stack reaches: it is kept only while that export stays on the stack, and only complete results are kept
   * for good. So a result never depends on which route happened to reach a module first, which also makes the
   * merge of shards equal to the whole scan.
   */
  private exportReach(absolute: string, name: string): ExportReach {
    const key = `${absolute}#${name}`;
    const complete = this.reaches.get(key);
    if (complete) return complete;
    if (this.onStack.has(key)) {
      this.cycleHits.add(key);
      return NOT_FOLLOWED;
    }
    const partial = this.partialReaches.get(key);
    if (partial && [...partial.dependsOn].every((k) => this.onStack.has(k))) {
      for (const k of partial.dependsOn) this.cycleHits.add(k);
      return partial.reach;
    }
    const outerHits = this.cycleHits;
    this.cycleHits = new Set();
    this.onStack.add(key);
    const reach = this.computeExportReach(absolute, name);
    this.onStack.delete(key);
    const hits = this.cycleHits;
    hits.delete(key);
    this.cycleHits = outerHits;
    if (hits.size === 0) {
      this.reaches.set(key, reach);
    } else {
      this.partialReaches.set(key, { reach, dependsOn: hits });
      for (const k of hits) outerHits.add(k);
    }
    if (this.onStack.size === 0) this.partialReaches.clear();
    return reach;
  }

  private computeExportReach(absolute: string, name: string): ExportReach {
    const analysis = this.moduleAnalysis(absolute);
    const handler = analysis?.handlers.find((h) => h.name === name);
    if (handler) return this.reachOf(absolute, this.relative(absolute), handler, false);
    if (!analysis || name === 'default') return NOT_FOLLOWED;
    for (const from of analysis.exportAllFrom) {
      const target = this.resolver.resolve(from, absolute);
      const inner = target ? this.exportReach(target, name) : NOT_FOLLOWED;
      if (inner !== NOT_FOLLOWED) return inner;
    }
    return NOT_FOLLOWED;
  }

  /** The names a module exports, through `export *` (which never passes `default` on). */
  private exportedNames(absolute: string, seen: Set<string>): string[] {
    if (seen.has(absolute)) return [];
    seen.add(absolute);
    const analysis = this.moduleAnalysis(absolute);
    if (!analysis) return [];
    const names = analysis.handlers.map((h) => h.name);
    for (const from of analysis.exportAllFrom) {
      const target = this.resolver.resolve(from, absolute);
      if (target) names.push(...this.exportedNames(target, seen).filter((n) => n !== 'default'));
    }
    return names;
  }

  private moduleAnalysis(absolute: string): ModuleAnalysis | null {
    const known = this.modules.get(absolute);
    if (known !== undefined) return known;
    const file = this.relative(absolute);
    let analysis: ModuleAnalysis | null = null;
    const text = this.read(absolute, file, 'module');
    if (text !== null) {
      const reading = this.cache.get(`module:${absolute}`, text, () =>
        readModule(text, file, ({ program, scopeManager }) =>
          analyzeModule(program, scopeManager, this.config, {
            filePath: this.projectPath(absolute),
            sourceText: text,
            followImports: true,
            allExports: true,
          }),
        ),
      );
      analysis = this.take(reading, file, 'module');
    }
    this.modules.set(absolute, analysis);
    return analysis;
  }

  private read(absolute: string, file: string, kind: FileError['kind'], quiet = false): string | null {
    const overlaid = this.overlay.get(absolute);
    if (overlaid !== undefined) return overlaid.replace(/^\uFEFF/, '');
    try {
      const read = readSourceFile(absolute);
      if (read.skippedBecause === undefined) return read.text.replace(/^\uFEFF/, '');
      if (!quiet) this.errors.push({ file, kind, line: 1, column: 0, message: `not scanned: ${read.skippedBecause}` });
    } catch (error) {
      this.errors.push({ file, kind, line: 1, column: 0, message: `could not be read: ${(error as Error).message}` });
    }
    return null;
  }

  private noteHelper(helper: ExportReach['helpers'][number], handlerId: string): void {
    const key = `${helper.definedIn}#${helper.name}`;
    let found = this.helperCalls.get(key);
    if (!found) {
      found = { name: helper.name, from: [], file: helper.definedIn, calledBy: [] };
      this.helperCalls.set(key, found);
    }
    if (!found.calledBy.includes(handlerId)) found.calledBy.push(handlerId);
    // A relative import is configured as the `@/` path of the file it reaches, which the analyzer matches against
    // relative imports from anywhere; an alias or barrel is configured as written.
    const from = helper.from.startsWith('.') ? aliasFor(helper.definedIn) : helper.from;
    if (!found.from.includes(from)) found.from.push(from);
  }

  discoveredGetters(): DiscoveredGetter[] {
    return [...this.helperCalls.values()]
      .map((getter) => ({ ...getter, from: getter.from.sort(compareText), calledBy: getter.calledBy.sort(compareText) }))
      .sort((a, b) => compareText(a.file, b.file) || compareText(a.name, b.name));
  }

  /**
   * The path the analyzer reads a module by: relative to its own project (the directory of its nearest tsconfig), so
   * that in a monorepo scanned from the root `apps/web/app/api/x/route.ts` serves `/api/x` and its
   * `../../../lib/api-wrapper` is the configured `@/lib/api-wrapper`.
   */
  private projectPath(absolute: string): string {
    return path.relative(this.resolver.projectDirOf(absolute), absolute).split(path.sep).join('/');
  }

  private relative(absolute: string): string {
    return path.relative(this.root, absolute).split(path.sep).join('/');
  }
}

/** Parses a module and reads it with `read`; a text that does not parse gives where, as the scan lists it. */
function readModule<T>(text: string, file: string, read: (parsed: ParsedModule) => T): Reading<T> {
  let parsed: ParsedModule;
  try {
    parsed = parseModule(text, file);
  } catch (error) {
    if (!(error instanceof ModuleParseError)) throw error;
    return { problem: { line: error.line, column: error.column, message: error.message.slice(error.message.indexOf(': ') + 2) } };
  }
  return { value: read(parsed) };
}

/**
 * With `serverActions` on, any source file may hold server actions: a `'use server'` file, or a page with an inline
 * `'use server'` function. The scan reads each one once and keeps those that do; the route files come first in
 * this list only by their sort order.
 */
async function withServerActionCandidates(root: string, config: TenantIsolationConfig, routeFiles: readonly string[]): Promise<string[]> {
  const sources = await fg('**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}', {
    cwd: root,
    ignore: config.ignore.map(literalGlob),
    onlyFiles: true,
    followSymbolicLinks: false,
  });
  return [...new Set([...routeFiles, ...sources.filter((file) => !isBuildOutput(file))])].sort(compareText);
}

const OUTPUT_DIRECTORY = /(^|\/)(?:dist|build|out|coverage)\//;

/** A compiled copy of a workspace package (`packages/ui/dist/actions.js`), not a folder of a Next.js app. */
/** The route's queries as the report lists them: located at their finding, or at the operation when scoped. */
function queryReports(facts: RouteModuleFacts): QueryReport[] {
  return (facts.queries ?? []).map((query) => ({
    line: query.at.loc.start.line,
    column: query.at.loc.start.column,
    model: query.model,
    operation: query.operation,
    handlers: query.handlers,
    status: query.finding === null ? 'scoped' : query.suppressed ? 'suppressed' : 'unscoped',
    finding: query.finding,
    source: query.source ?? null,
  }));
}

function isBuildOutput(file: string): boolean {
  const match = OUTPUT_DIRECTORY.exec(file);
  return match !== null && !/(^|\/)(?:app|pages)\//.test(file.slice(0, match.index + 1));
}

/** Whether a path to a call is shorter than another, or as short and first in code-unit order: one answer in every order. */
function shorterPath(a: ReachedCall, b: ReachedCall): boolean {
  if (a.via.length !== b.via.length) return a.via.length < b.via.length;
  return compareText(a.via.join('\u0000'), b.via.join('\u0000')) < 0;
}

/** Relative and root-alias specifiers (`./x`, `@/lib/x`, `~/x`, `#lib/x`) name project files, never packages. */
function looksLikeProjectImport(specifier: string): boolean {
  return specifier.startsWith('.') || specifier.startsWith('/') || /^[@~]\//.test(specifier) || specifier.startsWith('#');
}

function isHandlerName(kind: RouteKind, name: string): boolean {
  if (kind === 'app-route') return (HTTP_METHODS as readonly string[]).includes(name);
  if (kind === 'pages-api') return name === 'default';
  return true;
}

/**
 * `@/lib/auth` for `lib/auth.ts` or `src/lib/auth/index.ts`: the analyzer matches a configured `@/` path against
 * relative imports of the same file, so one entry covers every route whatever it writes.
 */
function aliasFor(file: string): string {
  const withoutExtension = file.replace(/\.[cm]?[jt]sx?$/, '').replace(/\/index$/, '');
  return `@/${withoutExtension.replace(/^src\//, '')}`;
}

function reasonFor(
  status: HandlerStatus,
  calls: readonly SessionCallReport[],
  wrapper: string,
  publicReason: string | null,
  fallback: string | null,
): string | null {
  const first = calls[0];
  const read = first ? `${first.getter}()${first.via.length > 0 ? ` through ${first.via.join(' → ')}` : ''}` : '';
  switch (status) {
    case 'public':
      return publicReason;
    case 'unmigrated':
      return `reads the session with ${read} outside ${wrapper}()`;
    case 'partial':
      return `wrapped in ${wrapper}(), but still reads the session with ${read}`;
    case 'suppressed':
      return `an eslint-disable comment for ${REQUIRE_TENANT_CONTEXT_RULE} covers its session reads (${read}); suppression does not count as migrated`;
    case 'unwrapped':
      return fallback ?? `not wrapped in ${wrapper}() and reads no session: list it in publicRoutes with a reason, or wrap it`;
    case 'error':
      return fallback;
    default:
      return fallback;
  }
}
