import * as path from 'node:path';
import ts from 'typescript';
import { routeUrlPath } from '@tenant-isolation/core';
import { UsageError } from './errors';
import type { ContextReadPlacement } from './types';

/** A route file's rewrite, as the project check takes it. */
export interface RewriteToCheck {
  /** Root-relative path. */
  file: string;
  before: string;
  after: string;
  /** The context reads the rewrite put where the session was read. */
  contextReads: readonly ContextReadPlacement[];
  /** The exports the rewrite put into a wrapper (`GET`, `default`): calls of them elsewhere may now lack an argument. */
  wrappedExports: readonly string[];
}

export interface TypecheckSettings {
  tsconfigPath?: string;
  /** `contextAccessor.guarantees`: context keys a required context always carries. */
  guaranteedKeys: ReadonlySet<string>;
  /** The argument a call of a wrapped App Router handler gets when it passed only the request. */
  routeContextArgument: string;
  /** Whether a file that calls a wrapped export may be edited (root-relative path). */
  mayEditCaller: (file: string) => boolean;
  /**
   * The rewrite of a route file (root-relative) without the handlers named, each with the errors it added, to try
   * when only they add errors; null when it cannot be made or leaves nothing rewritten.
   */
  narrow?: (file: string, leave: ReadonlyMap<string, string[]>) => RewriteToCheck | null;
}

/** A rewrite the check rejected: the errors it added, and what would have let it through, when that is known. */
export interface TypecheckRejection {
  errors: string[];
  hints: string[];
  /** Set when only these handlers were left and the file's other rewrites kept. */
  handlers?: string[];
}

/** A context read the check changed so that it keeps the type the session read had. */
export interface KeptType {
  file: string;
  line: number;
  /** `ctx.userId` → `ctx.userId!` */
  read: string;
  wrote: string;
}

/** A call of a wrapped handler that got the route-context argument the wrapper's function takes. */
export interface CallerEdit {
  file: string;
  line: number;
  /** The call as it was, e.g. `GET(req)`. */
  call: string;
  /** The wrapped export it calls: `app/api/teams/route.ts GET`. */
  handler: string;
  argument: string;
}

export interface TypecheckOutcome {
  /** The rewrites that add no error, as they are to be written (with the assertions the check added). */
  accepted: Map<string, string>;
  rejected: Map<string, TypecheckRejection>;
  /** Files outside the rewrites that the check edited because they call a wrapped export: before and after. */
  callers: Map<string, { before: string; after: string }>;
  callerEdits: CallerEdit[];
  keptTypes: KeptType[];
  /** How many times the project was checked: once, then once more per round of restores. */
  checks: number;
  durationMs: number;
}

/**
 * Checks the project with the rewrites applied in memory and rejects every rewrite that adds an error: in the
 * rewritten file itself, or in a file that imports it. First it keeps types where it can, from the type checker:
 * a context read of a key the required context guarantees gets a non-null assertion where the session read could
 * not be null, and a call of a wrapped App Router handler with only the request gets the route-context argument.
 *
 * Only what a rewrite can change is checked: the rewritten files and the files that import them, directly or not.
 * No other file's errors can differ (a rewrite declares nothing global), so a run checks less than `tsc` does. Only
 * the files that have errors with the rewrites are checked without them, to tell new errors from old ones. Rejected
 * rewrites are dropped and what they affect checked again, until no rewrite adds an error.
 */
export function typecheckRewrites(root: string, rewrites: readonly RewriteToCheck[], settings: TypecheckSettings): TypecheckOutcome {
  const started = Date.now();
  const parsed = readTsconfig(path.resolve(root, settings.tsconfigPath ?? 'tsconfig.json'));
  const project = new OverlaidProject(root, parsed);
  const routes = new Map(rewrites.map((r) => [path.resolve(root, r.file), r]));
  for (const [file, r] of routes) project.setText(file, r.before, r.after);

  let program = project.build();
  const callers = new CallerEdits(root, project, settings);
  let { keptTypes, widened } = keepTypes(project, program, routes, settings.guaranteedKeys);
  callers.find(program, routes);
  // The queries above checked only what they asked about; the check proper runs on the edited texts.
  if (callers.size > 0 || keptTypes.length > 0) program = project.build(program);

  const graph = importGraph(program);
  const diagnostics = new Map<string, ts.Diagnostic[]>();
  let changed = new Set(routes.keys());
  for (const caller of callers.files()) changed.add(caller);
  const rejected = new Map<string, TypecheckRejection>();
  let checks = 0;
  for (;;) {
    checks++;
    for (const file of dependents(changed, graph.importers)) diagnostics.set(file, project.diagnosticsOf(program, file));
    const added = project.newDiagnostics(program, diagnostics);
    if (added.length === 0) break;
    changed = new Set();
    const narrowed = new Map<string, RewriteToCheck>();
    for (const [file, errors] of attribute(added, project, program, callers, graph.imports)) {
      const rewrite = routes.get(file);
      const narrower = rewrite && narrowedRewrite(root, program, file, rewrite, errors, callers, settings);
      if (rewrite && narrower) {
        const { rewrite: kept, left } = narrower;
        routes.set(file, kept);
        narrowed.set(file, kept);
        project.setText(file, kept.before, kept.after);
        changed.add(file);
        for (const caller of callers.dropCallsOf(file, left)) changed.add(caller);
        callers.wrap(file, kept.wrappedExports);
        const relative = toRootRelative(root, file);
        const earlier = rejected.get(relative);
        const inItself = errors.some((d) => d.file && path.resolve(d.file.fileName) === file);
        rejected.set(relative, {
          errors: [...(earlier?.errors ?? []), ...errors.map((d) => formatDiagnostic(root, d))],
          hints: [...new Set([...(earlier?.hints ?? []), ...(inItself ? (widened.get(file) ?? []) : [])])],
          handlers: [...(earlier?.handlers ?? []), ...left],
        });
        continue;
      }
      if (rewrite) {
        project.restore(file);
        changed.add(file);
        for (const caller of callers.dropCallsOf(file)) changed.add(caller);
        // A wider context read explains errors in its own file; errors in a test calling the handler it does not.
        const inItself = errors.some((d) => d.file && path.resolve(d.file.fileName) === file);
        rejected.set(toRootRelative(root, file), { errors: errors.map((d) => formatDiagnostic(root, d)), hints: inItself ? (widened.get(file) ?? []) : [] });
      } else if (callers.dropFile(file)) {
        changed.add(file);
      }
    }
    // Errors no rewrite can be blamed for are not the rewrites' to answer.
    if (changed.size === 0) break;
    program = project.build(program);
    if (narrowed.size > 0) {
      // A narrowed rewrite is a new text: its context reads keep their types as the first ones did.
      const again = keepTypes(project, program, narrowed, settings.guaranteedKeys);
      keptTypes = [...keptTypes.filter((k) => !narrowed.has(path.resolve(root, k.file))), ...again.keptTypes];
      widened = new Map([...widened, ...again.widened]);
      program = project.build(program);
    }
  }

  const accepted = new Map<string, string>();
  for (const [file, r] of routes) if (project.isOverlaid(file)) accepted.set(r.file, project.textOf(file)!);
  return {
    accepted,
    rejected,
    callers: callers.texts(),
    callerEdits: callers.edits(),
    keptTypes: keptTypes.filter((k) => accepted.has(k.file)),
    checks,
    durationMs: Date.now() - started,
  };
}

function readTsconfig(configFile: string): ts.ParsedCommandLine {
  if (!ts.sys.fileExists(configFile)) {
    throw new UsageError(`--typecheck needs a tsconfig.json: ${configFile} does not exist (pass --tsconfig <file>).`);
  }
  const problems: string[] = [];
  const parsed = ts.getParsedCommandLineOfConfigFile(configFile, { noEmit: true }, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => problems.push(ts.flattenDiagnosticMessageText(d.messageText, '\n')),
  });
  if (!parsed || problems.length > 0) throw new UsageError(`Cannot read ${configFile}: ${problems.join('; ')}`);
  return parsed;
}

type DiagnosticKey = string;

/**
 * The project with some files' texts replaced in memory. It builds the program with the replacements, and, only for
 * what needs it, the program as it is on disk: types of the session reads, diagnostics of files that have errors.
 */
class OverlaidProject {
  private readonly overlay = new Map<string, { before: string; after: string }>();
  private readonly host: ts.CompilerHost;
  private mode: 'overlaid' | 'original' = 'overlaid';
  private original: ts.Program | null = null;
  private readonly originalDiagnostics = new Map<string, Map<DiagnosticKey, number>>();

  constructor(
    readonly root: string,
    private readonly parsed: ts.ParsedCommandLine,
  ) {
    this.host = this.createHost();
  }

  setText(file: string, before: string, after: string): void {
    this.overlay.set(file, { before, after });
  }

  restore(file: string): void {
    this.overlay.delete(file);
  }

  isOverlaid(file: string): boolean {
    return this.overlay.has(file);
  }

  textOf(file: string): string | undefined {
    return this.overlay.get(file)?.after;
  }

  /** The program with the replacements; what `previous` parsed and resolved is reused. */
  build(previous?: ts.Program): ts.Program {
    this.mode = 'overlaid';
    return ts.createProgram({ rootNames: this.parsed.fileNames, options: this.parsed.options, host: this.host, oldProgram: previous });
  }

  diagnosticsOf(program: ts.Program, file: string): ts.Diagnostic[] {
    const source = program.getSourceFile(file);
    return source ? [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)] : [];
  }

  /** The program as it is on disk, built once, checked only where asked. */
  originalProgram(reuse: ts.Program): ts.Program {
    if (!this.original) {
      this.mode = 'original';
      this.original = ts.createProgram({ rootNames: this.parsed.fileNames, options: this.parsed.options, host: this.host, oldProgram: reuse });
      this.mode = 'overlaid';
    }
    return this.original;
  }

  /** Errors, among the files checked with the replacements, that the same file does not have on disk. */
  newDiagnostics(program: ts.Program, byFile: ReadonlyMap<string, readonly ts.Diagnostic[]>): ts.Diagnostic[] {
    const added: ts.Diagnostic[] = [];
    for (const [file, diagnostics] of byFile) {
      if (diagnostics.length === 0) continue;
      const remaining = new Map(this.diagnosticsOnDisk(file, program));
      for (const d of diagnostics) {
        const key = keyOf(d);
        const left = remaining.get(key) ?? 0;
        if (left > 0) remaining.set(key, left - 1);
        else added.push(d);
      }
    }
    return added;
  }

  private diagnosticsOnDisk(file: string, reuse: ts.Program): Map<DiagnosticKey, number> {
    let keys = this.originalDiagnostics.get(file);
    if (keys) return keys;
    keys = new Map();
    for (const d of this.diagnosticsOf(this.originalProgram(reuse), file)) keys.set(keyOf(d), (keys.get(keyOf(d)) ?? 0) + 1);
    this.originalDiagnostics.set(file, keys);
    return keys;
  }

  private createHost(): ts.CompilerHost {
    const base = ts.createCompilerHost(this.parsed.options);
    const host: ts.CompilerHost = { ...base };
    const replaced = (file: string) => this.overlay.get(path.resolve(file));
    host.readFile = (file) => {
      const texts = replaced(file);
      if (!texts) return base.readFile(file);
      return this.mode === 'overlaid' ? texts.after : texts.before;
    };
    host.fileExists = (file) => replaced(file) !== undefined || base.fileExists(file);
    // Each program (and each round) would otherwise parse every file again, lib.d.ts and next's types included, at
    // more cost than the check itself: a file is parsed once per distinct text, and both programs share it.
    const parsedFiles = new Map<string, ts.SourceFile[]>();
    host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
      const text = host.readFile(fileName);
      if (text === undefined) return base.getSourceFile(fileName, languageVersion, onError, shouldCreate);
      const versions = parsedFiles.get(fileName) ?? [];
      const cached = versions.find((source) => source.text === text);
      if (cached) return cached;
      const source = ts.createSourceFile(fileName, text, languageVersion);
      // Two texts at most are alive for a file: as on disk, and as rewritten now.
      parsedFiles.set(fileName, [...versions.slice(-1), source]);
      return source;
    };
    return host;
  }
}

/**
 * The rewrite of a route file without the handlers its errors are about, when every error is about one of them (in
 * the handler's own export, or at a use of it elsewhere) and some handler is left rewritten.
 */
function narrowedRewrite(
  root: string,
  program: ts.Program,
  file: string,
  rewrite: RewriteToCheck,
  errors: readonly ts.Diagnostic[],
  callers: CallerEdits,
  settings: TypecheckSettings,
): { rewrite: RewriteToCheck; left: string[] } | null {
  if (!settings.narrow) return null;
  const byHandler = new Map<string, string[]>();
  for (const d of errors) {
    const errorFile = d.file ? path.resolve(d.file.fileName) : null;
    if (!errorFile || d.start === undefined) return null;
    const names =
      errorFile === file ? exportsDeclaredAt(program.getSourceFile(file), d.start) : callers.exportsUsedAt(program, errorFile, d.start, file);
    const blamed = names.filter((name) => rewrite.wrappedExports.includes(name));
    if (blamed.length === 0) return null;
    for (const name of blamed) byHandler.set(name, [...(byHandler.get(name) ?? []), formatDiagnostic(root, d)]);
  }
  if (rewrite.wrappedExports.every((name) => byHandler.has(name))) return null;
  const kept = settings.narrow(rewrite.file, byHandler);
  return kept ? { rewrite: kept, left: [...byHandler.keys()] } : null;
}

/** The exports the top-level statement at `position` declares: `export const GET = …`, `export default …`. */
function exportsDeclaredAt(source: ts.SourceFile | undefined, position: number): string[] {
  const statement = source?.statements.find((s) => s.getStart(source) <= position && position < s.end);
  if (!statement) return [];
  if (ts.isExportAssignment(statement)) return ['default'];
  const modifiers = ts.canHaveModifiers(statement) ? (ts.getModifiers(statement) ?? []) : [];
  if (!modifiers.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return [];
  if (modifiers.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) return ['default'];
  if (ts.isVariableStatement(statement)) {
    return statement.declarationList.declarations.flatMap((d) => (ts.isIdentifier(d.name) ? [d.name.text] : []));
  }
  if (ts.isFunctionDeclaration(statement) && statement.name) return [statement.name.text];
  return [];
}

/** The project's imports between its own files, both ways (declaration files and packages left out). */
interface ImportGraph {
  imports: Map<string, string[]>;
  importers: Map<string, string[]>;
}

function importGraph(program: ts.Program): ImportGraph {
  const options = program.getCompilerOptions();
  const cache = ts.createModuleResolutionCache(program.getCurrentDirectory(), (f) => f, options);
  const graph: ImportGraph = { imports: new Map(), importers: new Map() };
  const add = (map: Map<string, string[]>, key: string, value: string) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (const source of program.getSourceFiles()) {
    if (source.isDeclarationFile || program.isSourceFileFromExternalLibrary(source)) continue;
    const file = path.resolve(source.fileName);
    for (const spec of ts.preProcessFile(source.text, true, true).importedFiles) {
      const target = ts.resolveModuleName(spec.fileName, file, options, ts.sys, cache).resolvedModule;
      if (!target || target.isExternalLibraryImport) continue;
      const imported = path.resolve(target.resolvedFileName);
      add(graph.imports, file, imported);
      add(graph.importers, imported, file);
    }
  }
  return graph;
}

/** The files and everything that imports them, directly or not. */
function dependents(files: ReadonlySet<string>, importers: ReadonlyMap<string, readonly string[]>): Set<string> {
  const found = new Set(files);
  const queue = [...files];
  while (queue.length > 0) {
    for (const importer of importers.get(queue.pop()!) ?? []) {
      if (found.has(importer)) continue;
      found.add(importer);
      queue.push(importer);
    }
  }
  return found;
}

/** Positions shift inside a rewritten file, so diagnostics compare by file, code and message. */
function keyOf(d: ts.Diagnostic): DiagnosticKey {
  return `${d.code}\0${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
}

/**
 * Keeps the type of the session reads the rewrite turned into context reads. A context read of a key the required
 * context guarantees gets `!` where the session read could be neither null nor undefined, and `?? undefined` where
 * it could be undefined but not null: the type is then what it was, and the guarantee makes it true at run time.
 * A key it does not guarantee is left as it is, with a hint for the reason, should the file not typecheck.
 */
class ContextReadTyping {
  constructor(
    private readonly project: OverlaidProject,
    private readonly rewritten: ts.Program,
    private readonly guaranteed: ReadonlySet<string>,
  ) {}

  keepTypes(file: string, rewrite: RewriteToCheck): { text: string; kept: KeptType[]; hints: string[] } {
    const kept: KeptType[] = [];
    const hints: string[] = [];
    // An optional context that is there carries what the required one does: the same check made it.
    const reads = rewrite.contextReads;
    const after = reads.length > 0 ? this.rewritten.getSourceFile(file) : undefined;
    if (!after) return { text: rewrite.after, kept, hints };
    const checker = this.rewritten.getTypeChecker();
    const insertions: Array<{ at: number; text: string }> = [];
    let originalChecker: ts.TypeChecker | undefined;
    let before: ts.SourceFile | undefined;
    for (const read of reads) {
      const node = expressionAt(after, read.after);
      if (!node) continue;
      const now = nullability(checker.getTypeAtLocation(node));
      if (now === 'unknown' || (!now.null && !now.undefined)) continue;
      if (!originalChecker) {
        const program = this.project.originalProgram(this.rewritten);
        originalChecker = program.getTypeChecker();
        before = program.getSourceFile(file);
      }
      const sessionNode = before ? expressionAt(before, read.before) : undefined;
      if (!sessionNode) continue;
      const was = nullability(originalChecker.getTypeAtLocation(sessionNode));
      if (was === 'unknown' || was.null || (was.undefined && !now.null)) continue;
      const readText = node.getText(after);
      const line = after.getLineAndCharacterOfPosition(read.after[0]).line + 1;
      if (!this.guaranteed.has(read.key)) {
        const type = (c: ts.TypeChecker, n: ts.Node) => c.typeToString(c.getTypeAtLocation(n));
        hints.push(
          `${readText} (line ${line}) is \`${type(checker, node)}\` where ${sessionNode.getText(before)} was \`${type(originalChecker, sessionNode)}\`; ` +
            `if the required context always carries "${read.key}", add it to contextAccessor.guarantees`,
        );
        continue;
      }
      const next = rewrite.after[read.after[1]];
      if (!was.undefined) {
        // `ctx.userId!===x` would read as `!==`.
        const assertion = next === '=' ? '! ' : '!';
        insertions.push({ at: read.after[1], text: assertion });
        kept.push({ file: rewrite.file, line, read: readText, wrote: `${readText}!` });
      } else {
        insertions.push({ at: read.after[0], text: '(' }, { at: read.after[1], text: ' ?? undefined)' });
        kept.push({ file: rewrite.file, line, read: readText, wrote: `(${readText} ?? undefined)` });
      }
    }
    return { text: insert(rewrite.after, insertions), kept, hints };
  }
}

function keepTypes(
  project: OverlaidProject,
  program: ts.Program,
  routes: ReadonlyMap<string, RewriteToCheck>,
  guaranteed: ReadonlySet<string>,
): { keptTypes: KeptType[]; widened: Map<string, string[]> } {
  const typing = new ContextReadTyping(project, program, guaranteed);
  const keptTypes: KeptType[] = [];
  const widened = new Map<string, string[]>();
  for (const [file, r] of routes) {
    const { text, kept, hints } = typing.keepTypes(file, r);
    if (text !== r.after) project.setText(file, r.before, text);
    keptTypes.push(...kept);
    if (hints.length > 0) widened.set(file, hints);
  }
  return { keptTypes, widened };
}

type Nullability = { null: boolean; undefined: boolean } | 'unknown';

function nullability(type: ts.Type): Nullability {
  if (type.flags & ts.TypeFlags.Any) return { null: false, undefined: false };
  if (type.flags & ts.TypeFlags.Unknown) return 'unknown';
  const parts = type.isUnion() ? type.types : [type];
  return {
    null: parts.some((t) => (t.flags & ts.TypeFlags.Null) !== 0),
    undefined: parts.some((t) => (t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)) !== 0),
  };
}

/** The outermost expression that spans exactly `[start, end)`. */
function expressionAt(source: ts.SourceFile, [start, end]: readonly [number, number]): ts.Expression | undefined {
  let found: ts.Expression | undefined;
  const visit = (node: ts.Node): void => {
    if (found || node.pos > start || node.end < end) return;
    if (node.getStart(source) === start && node.end === end && isExpressionNode(node)) {
      found = node;
      return;
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(source, visit);
  return found;
}

function isExpressionNode(node: ts.Node): node is ts.Expression {
  return ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node) || ts.isParenthesizedExpression(node) ||
    ts.isNonNullExpression(node) || ts.isAsExpression(node) || ts.isCallExpression(node) || ts.isIdentifier(node);
}

function insert(text: string, insertions: ReadonlyArray<{ at: number; text: string }>): string {
  let out = text;
  // From the end, so that earlier offsets stay valid; at one offset, in the order given.
  const ordered = insertions.map((insertion, order) => ({ ...insertion, order })).sort((a, b) => b.at - a.at || b.order - a.order);
  for (const { at, text: inserted } of ordered) out = out.slice(0, at) + inserted + out.slice(at);
  return out;
}

interface PendingCallerEdit extends CallerEdit {
  /** The rewritten route file the call leads to. */
  route: string;
  at: number;
  inserted: string;
}

/**
 * Calls of a wrapped App Router handler that pass only the request (`await GET(req)` in a test), where the
 * wrapper's function also takes the route context: each gets the configured route-context argument, in memory,
 * and is checked with the rest.
 */
class CallerEdits {
  private readonly byFile = new Map<string, { original: string; edits: PendingCallerEdit[] }>();

  constructor(
    private readonly root: string,
    private readonly project: OverlaidProject,
    private readonly settings: TypecheckSettings,
  ) {}

  get size(): number {
    return this.byFile.size;
  }

  private wrappedExports: ReadonlyMap<string, readonly string[]> = new Map();

  find(program: ts.Program, routes: ReadonlyMap<string, RewriteToCheck>): void {
    this.wrappedExports = new Map([...routes].map(([file, rewrite]) => [file, rewrite.wrappedExports]));
    const checker = program.getTypeChecker();
    const wrapped = this.wrappedSymbols(program);
    if (wrapped.size === 0) return;
    const routeFiles = new Set([...wrapped.values()].map((w) => w.route));
    for (const source of program.getSourceFiles()) {
      const file = path.resolve(source.fileName);
      if (source.isDeclarationFile || routes.has(file) || program.isSourceFileFromExternalLibrary(source)) continue;
      if (!importsAny(source, checker, routeFiles)) continue;
      const relative = toRootRelative(this.root, file);
      if (!this.settings.mayEditCaller(relative)) continue;
      const edits = this.callsIn(source, checker, wrapped);
      if (edits.length === 0) continue;
      this.byFile.set(file, { original: source.text, edits });
      this.apply(file);
    }
  }

  private symbolsOf: { program: ts.Program; restored: number; symbols: Map<ts.Symbol, { route: string; name: string }> } | null = null;
  private restoredRoutes = 0;

  /** The wrapped exports of the route files still rewritten, by the symbol they resolve to. */
  private wrappedSymbols(program: ts.Program): Map<ts.Symbol, { route: string; name: string }> {
    const cached = this.symbolsOf;
    if (cached && cached.program === program && cached.restored === this.restoredRoutes) return cached.symbols;
    const symbols = this.collectWrappedSymbols(program);
    this.symbolsOf = { program, restored: this.restoredRoutes, symbols };
    return symbols;
  }

  private collectWrappedSymbols(program: ts.Program): Map<ts.Symbol, { route: string; name: string }> {
    const checker = program.getTypeChecker();
    const wrapped = new Map<ts.Symbol, { route: string; name: string }>();
    for (const [file, names] of this.wrappedExports) {
      if (!this.project.isOverlaid(file)) continue;
      const source = program.getSourceFile(file);
      const moduleSymbol = source && checker.getSymbolAtLocation(source);
      if (!moduleSymbol) continue;
      for (const exported of checker.getExportsOfModule(moduleSymbol)) {
        if (names.includes(exported.name)) wrapped.set(resolved(checker, exported), { route: file, name: exported.name });
      }
    }
    return wrapped;
  }

  /**
   * The route files an error at `position` is about: the one whose wrapped export the innermost call around it
   * calls, else those whose wrapped exports the statement around it names (`const f: (req) => … = GET`). Empty
   * when it names none.
   */
  routesAt(program: ts.Program, file: string, position: number): string[] {
    return [...new Set(this.usesAt(program, file, position).map((use) => use.route))];
  }

  /** The wrapped exports of `route` that the error at `position` is about, as `routesAt` finds them. */
  exportsUsedAt(program: ts.Program, file: string, position: number, route: string): string[] {
    return this.usesAt(program, file, position).filter((use) => use.route === route).map((use) => use.name);
  }

  private usesAt(program: ts.Program, file: string, position: number): Array<{ route: string; name: string }> {
    const source = program.getSourceFile(file);
    if (!source || this.wrappedExports.size === 0) return [];
    const checker = program.getTypeChecker();
    const wrapped = this.wrappedSymbols(program);
    const routeOf = (expression: ts.Expression): { route: string; name: string } | undefined => {
      const symbol = calleeSymbol(expression, checker);
      return symbol && wrapped.get(resolved(checker, symbol));
    };
    let call: ts.CallExpression | undefined;
    let statement: ts.Node | undefined;
    const enclosing = (node: ts.Node): void => {
      if (position < node.getStart(source) || position >= node.end) return;
      if (ts.isCallExpression(node) && routeOf(node.expression)) call = node;
      if (isStatementLike(node)) statement = node;
      ts.forEachChild(node, enclosing);
    };
    enclosing(source);
    if (call) return [routeOf(call.expression)!];
    const uses: Array<{ route: string; name: string }> = [];
    const named = (node: ts.Node): void => {
      if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) {
        const use = routeOf(node);
        if (use && !uses.some((u) => u.route === use.route && u.name === use.name)) uses.push(use);
      }
      ts.forEachChild(node, named);
    };
    if (statement) named(statement);
    return uses;
  }

  /** The exports of `route` that are wrapped now (after a narrowed rewrite left some). */
  wrap(route: string, names: readonly string[]): void {
    this.wrappedExports = new Map([...this.wrappedExports, [route, names]]);
    this.restoredRoutes++;
  }

  private callsIn(source: ts.SourceFile, checker: ts.TypeChecker, wrapped: ReadonlyMap<ts.Symbol, { route: string; name: string }>): PendingCallerEdit[] {
    const edits: PendingCallerEdit[] = [];
    const visit = (node: ts.Node): void => {
      ts.forEachChild(node, visit);
      if (!ts.isCallExpression(node) || node.arguments.some((a) => ts.isSpreadElement(a))) return;
      const symbol = calleeSymbol(node.expression, checker);
      const target = symbol && wrapped.get(resolved(checker, symbol));
      if (!target) return;
      const [signature, ...others] = checker.getTypeAtLocation(node.expression).getCallSignatures();
      if (!signature || others.length > 0) return;
      const parameters = signature.getParameters();
      const required = (p: ts.Symbol | undefined) => {
        const declaration = p?.valueDeclaration;
        return !!declaration && ts.isParameter(declaration) && !checker.isOptionalParameter(declaration) && !declaration.dotDotDotToken;
      };
      // The wrapper's function takes (request, routeContext) and requires the route context.
      if (parameters.length !== 2 || !required(parameters[1])) return;
      let argument: string;
      if (node.arguments.length === 1) {
        argument = this.settings.routeContextArgument;
      } else if (node.arguments.length === 0) {
        // `GET()` of a handler that took nothing: the wrapper needs a request too.
        const request = this.requestFor(source, checker, node, parameters[0]!, target.route);
        if (!request) return;
        argument = `${request}, ${this.settings.routeContextArgument}`;
      } else {
        return;
      }
      const last = node.arguments.at(-1);
      const at = last ? last.end : node.arguments.pos;
      edits.push({
        file: toRootRelative(this.root, path.resolve(source.fileName)),
        line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1,
        call: node.getText(source).replace(/\s+/g, ' '),
        handler: `${toRootRelative(this.root, target.route)} ${target.name}`,
        argument,
        route: target.route,
        at,
        inserted: last ? `, ${argument}` : argument,
      });
    };
    visit(source);
    return edits;
  }

  /**
   * A request for a call that passed none: `new NextRequest('http://localhost/api/…')` (or `new Request(…)`, as the
   * parameter is typed) for the route's own URL, where that class is in scope in the caller under its own name.
   */
  private requestFor(source: ts.SourceFile, checker: ts.TypeChecker, call: ts.CallExpression, parameter: ts.Symbol, route: string): string | null {
    const className = checker.getTypeOfSymbolAtLocation(parameter, call).getSymbol()?.getName();
    if (className !== 'NextRequest' && className !== 'Request') return null;
    // An import is an alias, not a value, until resolved.
    const inScope = checker.getSymbolsInScope(call, ts.SymbolFlags.Value | ts.SymbolFlags.Alias).find((symbol) => symbol.getName() === className);
    const target = inScope && resolved(checker, inScope);
    const declared = target && target.getName() === className && (target.flags & ts.SymbolFlags.Value) !== 0;
    if (!declared) return null;
    const url = `http://localhost${routeUrlPath(toRootRelative(this.root, route))}`;
    return `new ${className}(${JSON.stringify(url).replace(/^"|"$/g, "'")})`;
  }

  /** Drops the edits of calls of a restored route, or of the handlers named; returns the files whose text changed. */
  dropCallsOf(route: string, handlers?: readonly string[]): string[] {
    this.restoredRoutes++;
    const changed: string[] = [];
    const relativeRoute = toRootRelative(this.root, route);
    const dropped = (e: PendingCallerEdit) => e.route === route && (!handlers || handlers.some((h) => e.handler === `${relativeRoute} ${h}`));
    for (const [file, entry] of this.byFile) {
      const kept = entry.edits.filter((e) => !dropped(e));
      if (kept.length === entry.edits.length) continue;
      entry.edits = kept;
      this.apply(file);
      changed.push(file);
    }
    return changed;
  }

  /** Drops every edit in `file`; false when it had none. */
  dropFile(file: string): boolean {
    if (!this.byFile.has(file)) return false;
    this.byFile.delete(file);
    this.project.restore(file);
    return true;
  }

  files(): string[] {
    return [...this.byFile.keys()];
  }

  texts(): Map<string, { before: string; after: string }> {
    const texts = new Map<string, { before: string; after: string }>();
    for (const [file, entry] of this.byFile) if (entry.edits.length > 0) texts.set(toRootRelative(this.root, file), { before: entry.original, after: this.project.textOf(file)! });
    return texts;
  }

  /** Whether the check edited calls in `file`. */
  hasEdits(file: string): boolean {
    return (this.byFile.get(file)?.edits.length ?? 0) > 0;
  }

  edits(): CallerEdit[] {
    return [...this.byFile.values()].flatMap((entry) => entry.edits.map(({ file, line, call, handler, argument }) => ({ file, line, call, handler, argument })));
  }

  private apply(file: string): void {
    const entry = this.byFile.get(file)!;
    if (entry.edits.length === 0) {
      this.project.restore(file);
      return;
    }
    this.project.setText(file, entry.original, insert(entry.original, entry.edits.map((e) => ({ at: e.at, text: e.inserted }))));
  }
}

function isStatementLike(node: ts.Node): boolean {
  return ts.isVariableStatement(node) || ts.isExpressionStatement(node) || ts.isReturnStatement(node) || ts.isPropertyDeclaration(node) ||
    ts.isPropertyAssignment(node) || ts.isExportAssignment(node);
}

function resolved(checker: ts.TypeChecker, symbol: ts.Symbol): ts.Symbol {
  return symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

/**
 * The symbol a callee names: `GET`, `route.GET`, or a name destructured from `await import('…/route')`, which is a
 * local of its own and leads to the export through the property it was bound from.
 */
function calleeSymbol(callee: ts.Expression, checker: ts.TypeChecker): ts.Symbol | undefined {
  const symbol = checker.getSymbolAtLocation(callee);
  const declaration = symbol?.valueDeclaration;
  if (declaration && ts.isBindingElement(declaration) && ts.isObjectBindingPattern(declaration.parent)) {
    const pattern = declaration.parent.parent;
    const key = declaration.propertyName ?? declaration.name;
    if (ts.isVariableDeclaration(pattern) && ts.isIdentifier(key)) {
      return checker.getTypeAtLocation(pattern.name).getProperty(key.text) ?? symbol;
    }
  }
  return symbol;
}

function importsAny(source: ts.SourceFile, checker: ts.TypeChecker, files: ReadonlySet<string>): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isStringLiteralLike(node) && isModuleSpecifier(node)) {
      const declaration = checker.getSymbolAtLocation(node)?.valueDeclaration;
      if (declaration && ts.isSourceFile(declaration) && files.has(path.resolve(declaration.fileName))) found = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function isModuleSpecifier(node: ts.StringLiteralLike): boolean {
  const parent = node.parent;
  if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent)) return parent.moduleSpecifier === node;
  if (ts.isCallExpression(parent) && parent.arguments[0] === node) {
    return parent.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(parent.expression) && parent.expression.text === 'require') ||
      (ts.isPropertyAccessExpression(parent.expression) && parent.expression.name.text === 'requireActual');
  }
  return false;
}

/**
 * Which files caused the new errors: the replaced file an error is in, else the replaced files the erroring file
 * imports (directly first, then transitively). An error that cannot be traced is pinned on every replaced file.
 */
function attribute(
  added: ts.Diagnostic[],
  project: OverlaidProject,
  program: ts.Program,
  callers: CallerEdits,
  imports: ReadonlyMap<string, readonly string[]>,
): Map<string, ts.Diagnostic[]> {
  const culprits = new Map<string, ts.Diagnostic[]>();
  const blame = (file: string, d: ts.Diagnostic) => culprits.set(file, [...(culprits.get(file) ?? []), d]);
  let everyReplaced: string[] | undefined;
  for (const d of added) {
    const file = d.file ? path.resolve(d.file.fileName) : null;
    // An error at a use of a wrapped handler is that handler's: its route, or the argument given to the call.
    const used = file && d.start !== undefined ? callers.routesAt(program, file, d.start) : [];
    if (used.length > 0) {
      for (const route of used) blame(route, d);
      continue;
    }
    // A caller's other errors are the routes' it imports, as in any file the check did not edit.
    if (file && project.isOverlaid(file) && !callers.hasEdits(file)) {
      blame(file, d);
      continue;
    }
    const suspects = file ? replacedDependencies(file, project, imports) : [];
    everyReplaced ??= program.getSourceFiles().map((s) => path.resolve(s.fileName)).filter((f) => project.isOverlaid(f));
    for (const suspect of suspects.length > 0 ? suspects : everyReplaced) blame(suspect, d);
  }
  return culprits;
}

function replacedDependencies(file: string, project: OverlaidProject, imports: ReadonlyMap<string, readonly string[]>): string[] {
  const seen = new Set<string>([file]);
  let frontier = [file];
  while (frontier.length > 0) {
    const found: string[] = [];
    const next: string[] = [];
    for (const current of frontier) {
      for (const imported of imports.get(current) ?? []) {
        if (seen.has(imported)) continue;
        seen.add(imported);
        if (project.isOverlaid(imported)) found.push(imported);
        else next.push(imported);
      }
    }
    if (found.length > 0) return found;
    frontier = next;
  }
  return [];
}

const toRootRelative = (root: string, file: string): string => path.relative(root, file).split(path.sep).join('/');

function formatDiagnostic(root: string, d: ts.Diagnostic): string {
  const message = ts.flattenDiagnosticMessageText(d.messageText, ' ');
  if (!d.file || d.start === undefined) return `TS${d.code}: ${message}`;
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  return `${toRootRelative(root, d.file.fileName)}:${line + 1}:${character + 1} TS${d.code}: ${message}`;
}
