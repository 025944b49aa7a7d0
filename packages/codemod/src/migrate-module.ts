import {
  accessorCallee,
  accessorName,
  analyzeModule,
  anonymousPaths,
  answersLikeWrapper,
  commentsIn,
  contains,
  continuesExpressionAt,
  indexOfCode,
  describeOutcome,
  optionalContextChange,
  turnsEveryCallerAway,
  contextReadEdits,
  detectCodeStyle,
  findImport,
  freshContextName,
  newImportAnchor,
  isFunctionLike,
  isTransparentWrapper,
  ModuleParseError,
  otherAuthOptions,
  parseModule,
  sessionValueOf,
  walk,
  wrappersFor,
  type AnalyzeOptions,
  type FunctionLike,
  type HandlerAnalysis,
  type HandlerStatus,
  type ImportSpec,
  type ModuleAnalysis,
  type Node,
  type ParsedModule,
  type CodeStyle,
  type Range,
  type SessionCallSite,
  type SessionRead,
  type SessionValue,
  type TenantIsolationConfig,
  type TextEdit,
} from '@tenant-isolation/core';
import type { TSESTree } from '@typescript-eslint/types';
import { rewriteWithoutUnusedImports } from './unused-imports';

import type { ContextReadPlacement, HandlerOutcome, MigrateOptions, ModuleMigration, RouteSource, UnmappedRead } from './types';

type Parented = Node & { parent?: Node };

/** A session read the codemod can rewrite: the variable it is stored in (or the inline read) and all its uses. */
interface SessionBinding extends SessionValue {
  site: SessionCallSite;
  insideHandler: boolean;
}

interface HandlerPlan {
  handler: HandlerAnalysis;
  fn: FunctionLike;
  /** The node the wrapper call goes around, or the declaration that becomes a wrapped const. */
  wrapTarget:
    | { kind: 'expression'; node: Node }
    | { kind: 'declaration'; node: TSESTree.FunctionDeclaration }
    | { kind: 'default-declaration'; node: TSESTree.FunctionDeclaration };
  bindings: SessionBinding[];
  /** Why the session reads cannot be rewritten (the handler may still be wrapped with --on-unsafe wrap-only). */
  unsafe: string | null;
  requireAuth: boolean;
  /** What callers without a session got before, when `--anonymous-response wrapper` lets the wrapper answer instead. */
  anonymousBefore: string[] | null;
  /** The session paths the handler reads that the mapping lacks: what a team would add to its context. */
  unmapped: UnmappedRead[];
}

type PlanResult = { ok: true; plan: HandlerPlan } | { ok: false; reason: string };

/**
 * Rewrites the unmigrated handlers of one module that can be rewritten without changing who may call them, and
 * says for every other one why it was left alone. Pure: text in, text out. With `routeSource`, the module is one a
 * route file takes its handlers from: the exports it names are migrated as that route's handlers, and nothing else.
 */
export function migrateModule(
  source: string,
  filePath: string,
  config: TenantIsolationConfig,
  options: MigrateOptions = {},
  routeSource?: RouteSource,
): ModuleMigration {
  const bom = source.startsWith('\uFEFF') ? '\uFEFF' : '';
  const text = bom ? source.slice(1) : source;
  let parsed: ParsedModule;
  try {
    parsed = parseModule(text, filePath);
  } catch (error) {
    if (!(error instanceof ModuleParseError)) throw error;
    return {
      output: null,
      handlers: [],
      statusesBefore: [],
      statusesAfter: [],
      error: { line: error.line, column: error.column, message: error.message },
    };
  }
  options.onParsed?.(parsed, text);
  const analyzeOptions = routeSourceAnalysis(routeSource);
  const analysis = analyzeModule(parsed.program, parsed.scopeManager, config, { filePath, sourceText: text, ...analyzeOptions });
  // A handler defined in another module looks unwrapped here whatever it does; it gets an outcome that says where
  // to migrate it rather than being passed over in silence.
  const pending = analysis.handlers.filter(
    (h) => (h.status === 'unmigrated' || isDefinedElsewhere(h)) && (!routeSource || routeSource.exports.includes(h.name)),
  );
  const statusesBefore = analysis.handlers.map((h) => h.status);
  const elsewhere = pending.filter(isDefinedElsewhere).map((h) => h.name);
  const definedElsewhere = elsewhere.length > 0 ? { definedElsewhere: elsewhere } : {};
  const unchanged = (handlers: HandlerOutcome[]): ModuleMigration => ({
    output: null,
    handlers,
    statusesBefore,
    statusesAfter: statusesBefore,
    ...definedElsewhere,
  });
  if (pending.length === 0) return unchanged([]);

  const migration = new ModuleMigrator(text, filePath, parsed, analysis, config, options);
  const { edits, outcomes } = migration.run(pending);
  if (edits.length === 0) return unchanged(outcomes);
  let cleaned: string;
  let after: ParsedModule;
  let contextReads: ContextReadPlacement[];
  try {
    // The result is parsed before use; that parse also confirms which imports the rewrite made unused.
    ({ text: cleaned, parsed: after, contextReads } = rewriteWithoutUnusedImports(parsed, text, edits, filePath));
  } catch (error) {
    // Never write what does not parse: report every handler of the module as left alone.
    const reason = `the rewrite did not parse (${(error as Error).message}); please report this module`;
    return unchanged(pending.map((h) => skipped(h, reason)));
  }
  const handlersAfter = analyzeModule(after.program, after.scopeManager, config, { filePath, sourceText: cleaned, ...analyzeOptions }).handlers;
  // A handler said to be migrated that still reads the session would make the report lie: keep the module as it was.
  const expected = new Map<string, HandlerStatus>(outcomes.filter((o) => o.outcome !== 'skipped').map((o) => [o.handler, o.outcome === 'migrated' ? 'migrated' : 'partial']));
  const wrong = handlersAfter.find((h) => expected.has(h.name) && h.status !== expected.get(h.name));
  if (wrong) {
    const reason = `internal error: the rewrite left ${wrong.name} ${wrong.status} instead of ${expected.get(wrong.name)}; please report this module`;
    return unchanged(pending.map((h) => skipped(h, reason)));
  }
  options.onParsed?.(after, cleaned);
  const shifted = (range: Range): Range => [range[0] + bom.length, range[1] + bom.length];
  return {
    output: bom + cleaned,
    handlers: outcomes,
    statusesBefore,
    statusesAfter: handlersAfter.map((h) => h.status),
    contextReads: contextReads.map((read) => ({ ...read, before: shifted(read.before), after: shifted(read.after) })),
    ...definedElsewhere,
  };
}

/**
 * How a module a route takes handlers from is read: every export is a candidate (a route may rename one, `export {
 * handler as default } from …`), as handlers of the route's kind, and no `publicRoutes` entry applies (the route
 * file's own analysis already matched them).
 */
export function routeSourceAnalysis(routeSource: RouteSource | undefined): Pick<AnalyzeOptions, 'routeKind' | 'allExports'> {
  return routeSource ? { routeKind: routeSource.routeKind, allExports: true } : {};
}

const isDefinedElsewhere = (h: HandlerAnalysis): boolean =>
  h.status === 'unwrapped' && (h.source.kind === 're-export' || h.source.kind === 'imported');

const lineOf = (h: HandlerAnalysis): number => h.exportNode.loc.start.line;
const skipped = (h: HandlerAnalysis, reason: string): HandlerOutcome => ({ handler: h.name, line: lineOf(h), outcome: 'skipped', reason });

class ModuleMigrator {
  private readonly nodeByRange = new Map<string, Node>();
  private readonly style: CodeStyle;
  /** Module-level and global names: a context variable must not shadow one the function reads. */
  private readonly usedNames = new Set<string>();
  private readonly contextNamesGiven = new Map<FunctionLike, Set<string>>();
  private readonly program: TSESTree.Program;

  /** The wrapper this module's handlers go into: a pages wrapper for a pages/api module when one is configured. */
  private readonly wrapper: ImportSpec;

  constructor(
    private readonly text: string,
    private readonly filePath: string,
    private readonly parsed: ParsedModule,
    private readonly analysis: ModuleAnalysis,
    private readonly config: TenantIsolationConfig,
    private readonly options: MigrateOptions,
  ) {
    this.program = parsed.program;
    this.wrapper = wrappersFor(analysis.routeKind, config)[0]!;
    walk(parsed.program, (node, parent) => {
      if (parent) (node as Parented).parent = parent;
      const key = `${node.range[0]}:${node.range[1]}`;
      if (!this.nodeByRange.has(key) || isFunctionLike(node) || node.type === 'CallExpression') this.nodeByRange.set(key, node);
    });
    const moduleScope = parsed.scopeManager.globalScope?.childScopes[0];
    for (const variable of moduleScope?.variables ?? []) this.usedNames.add(variable.name);
    for (const reference of parsed.scopeManager.globalScope?.through ?? []) this.usedNames.add(reference.identifier.name);
    this.style = detectCodeStyle(text, parsed.program);
  }

  run(pending: HandlerAnalysis[]): { edits: TextEdit[]; outcomes: HandlerOutcome[] } {
    const leave = this.options.leaveAlone ?? {};
    const results = new Map<HandlerAnalysis, PlanResult>(
      pending.map((h) => [h, Object.hasOwn(leave, h.name) ? { ok: false, reason: leave[h.name]! } : this.plan(h)]),
    );
    this.settleSharedHelpers(results);
    const edits: TextEdit[] = [];
    const outcomes: HandlerOutcome[] = [];
    const wrapped = new Set<Node>();
    const needs = { wrapper: false, accessor: false, optionalAccessor: false };
    const rewrittenSites = new Set<SessionCallSite>();
    const wrapOnly = this.options.onUnsafe === 'wrap-only';
    for (const handler of pending) {
      const result = results.get(handler)!;
      if (!result.ok) {
        outcomes.push(skipped(handler, result.reason));
        continue;
      }
      const { plan } = result;
      const unmapped = plan.unmapped.length > 0 ? { unmapped: plan.unmapped } : {};
      if (plan.unsafe && !wrapOnly) {
        const reason = `${plan.unsafe}; rewrite it by hand, or run with --on-unsafe wrap-only to wrap it and keep the session read`;
        outcomes.push({ ...skipped(handler, reason), ...unmapped });
        continue;
      }
      if (!wrapped.has(plan.wrapTarget.node)) {
        wrapped.add(plan.wrapTarget.node);
        edits.push(...this.wrapEdits(plan));
        needs.wrapper = true;
      }
      if (plan.unsafe) {
        outcomes.push({ handler: handler.name, line: lineOf(handler), outcome: 'wrapped-only', requireAuth: plan.requireAuth, reason: plan.unsafe, ...unmapped });
        continue;
      }
      for (const binding of plan.bindings) {
        if (rewrittenSites.has(binding.site)) continue;
        rewrittenSites.add(binding.site);
        const optional = !binding.insideHandler || !plan.requireAuth;
        const rewrite = this.sessionEdits(binding, optional, plan.fn);
        edits.push(...rewrite.edits);
        if (!rewrite.readsContext) continue;
        if (optional) needs.optionalAccessor = true;
        else needs.accessor = true;
      }
      outcomes.push({
        handler: handler.name,
        line: lineOf(handler),
        outcome: 'migrated',
        requireAuth: plan.requireAuth,
        ...(plan.anonymousBefore ? { anonymous: { before: plan.anonymousBefore, after: this.wrapperAnswerText() } } : {}),
      });
    }
    if (edits.length > 0) edits.push(...this.importEdits(needs));
    return { edits, outcomes };
  }

  // ── planning ────────────────────────────────────────────────────────────────────────────────────────────────

  private plan(handler: HandlerAnalysis): PlanResult {
    const source = handler.source;
    if (source.kind === 're-export') return fail(`re-exported from '${source.from}': migrate it in that module`);
    if (source.kind === 'imported') return fail(`imported from '${source.from}': migrate ${source.importedName} where it is defined`);
    if (source.kind === 'opaque') return fail(`${source.reason}, so the codemod cannot see the function to wrap`);
    if (handler.routeKind === 'server-action') return fail('a server action: wrap it where it is written; the codemod rewrites route handlers');
    if (handler.routeKind === 'pages-api' && this.config.pagesWrappers.length === 0) {
      return fail('a pages/api handler takes (req, res), which the App Router wrapper does not; configure pagesWrappers to migrate it');
    }
    const fn = handler.functionRange ? (this.nodeAt(handler.functionRange) as FunctionLike | undefined) : undefined;
    if (!fn || !isFunctionLike(fn)) return fail('the handler function could not be located');
    if (fn.generator) return fail('the handler is a generator function');

    const wrapTarget = this.wrapTargetOf(handler, fn);
    if (typeof wrapTarget === 'string') return fail(wrapTarget);

    const bindings: SessionBinding[] = [];
    let unsafe: string | null = null;
    for (const { site, via } of handler.sessionCalls) {
      const insideHandler = contains(fn.range, site.range);
      const problem = this.siteProblem(handler, site, insideHandler, via);
      if (problem) {
        unsafe ??= problem;
        continue;
      }
      const binding = this.bindingOf(site, insideHandler);
      if (typeof binding === 'string') {
        unsafe ??= binding;
        continue;
      }
      const escape = binding.reads.find((r): r is Extract<SessionRead, { kind: 'unsafe' }> => r.kind === 'unsafe');
      if (escape) unsafe ??= `the session from ${site.callee}() ${escape.description}`;
      bindings.push(binding);
    }
    let requireAuth = false;
    let anonymousBefore: string[] | null = null;
    if (!unsafe) {
      const decision = this.anonymousDecision(handler, fn, bindings);
      if (typeof decision === 'string') return fail(decision);
      ({ requireAuth, anonymousBefore } = decision);
    } else {
      requireAuth = this.anonymousDecisionForWrapOnly(handler, fn);
    }
    const imports = [this.wrapper];
    if (!unsafe && bindings.some((b) => b.insideHandler && requireAuth)) imports.push(accessorName(this.config.contextAccessor).imported);
    if (!unsafe && bindings.some((b) => !b.insideHandler || !requireAuth)) imports.push(accessorName(this.config.optionalContextAccessor!).imported);
    const clash = imports.map((spec) => this.importClash(spec)).find((reason) => reason !== null);
    if (clash) return fail(clash);
    return { ok: true, plan: { handler, fn, wrapTarget, bindings, unsafe, requireAuth, anonymousBefore, unmapped: unmappedReads(bindings) } };
  }

  /**
   * Whether the wrapper may turn away callers without a session in the handler's place (`requireAuth` stays on):
   * only where every such caller got exactly the wrapper's answer from the handler, with nothing done first, or
   * where `--anonymous-response wrapper` accepts the wrapper's answer for a handler that turned every one away.
   * Otherwise the handler keeps answering them itself, behind `{ requireAuth: false }` and the optional accessor.
   */
  private anonymousDecision(
    handler: HandlerAnalysis,
    fn: FunctionLike,
    bindings: readonly SessionBinding[],
  ): { requireAuth: boolean; anonymousBefore: string[] | null } | string {
    const paths = this.anonymousPathsOf(handler, fn, bindings.filter((b) => b.insideHandler).map((b) => b.site));
    const readsOnlyInHandler = bindings.length === handler.sessionCalls.length && bindings.every((b) => b.insideHandler);
    if (readsOnlyInHandler && answersLikeWrapper(paths, this.config.anonymousResponse)) return { requireAuth: true, anonymousBefore: null };
    if (readsOnlyInHandler && this.options.anonymousResponse === 'wrapper' && turnsEveryCallerAway(paths)) {
      return { requireAuth: true, anonymousBefore: paths.outcomes.map(describeOutcome) };
    }
    const change = optionalContextChange(paths);
    if (change?.kind === 'undecided') return `what a caller without a session gets could not be decided: ${change.reason}`;
    if (change?.kind === 'null-read') {
      return (
        `callers without a session get a 500: it reads a property of the missing session (line ${change.line}); ` +
        'add a guard, or run with --anonymous-response wrapper to let the wrapper answer them'
      );
    }
    if (change?.kind === 'caught-null-read') {
      // The catch's answer may carry the error, whose message names the property read.
      return `for callers without a session it reads a property of the missing session (line ${change.line}) and its catch answers instead; add a guard first`;
    }
    const answers = [...new Set(paths.outcomes.map(describeOutcome))].join('; ');
    if (!this.config.optionalContextAccessor) {
      const { status } = this.config.anonymousResponse;
      return (
        `callers without a session get ${answers}, not the wrapper's ${status}, and no optionalContextAccessor is configured ` +
        `to keep that answer; configure one, or run with --anonymous-response wrapper to let the wrapper answer ${status}`
      );
    }
    return { requireAuth: false, anonymousBefore: null };
  }

  /** With `--on-unsafe wrap-only` the session read stays, so the wrapper must not answer anyone it did not answer. */
  private anonymousDecisionForWrapOnly(handler: HandlerAnalysis, fn: FunctionLike): boolean {
    const inside = handler.sessionCalls.filter(({ site }) => contains(fn.range, site.range));
    if (inside.length !== handler.sessionCalls.length) return false;
    return answersLikeWrapper(this.anonymousPathsOf(handler, fn, inside.map(({ site }) => site)), this.config.anonymousResponse);
  }

  /** The paths of a caller without a session through the handler, where `sessionCalls` answer null. */
  private anonymousPathsOf(handler: HandlerAnalysis, fn: FunctionLike, sessionCalls: readonly SessionCallSite[]) {
    return anonymousPaths({ fn, scopeManager: this.parsed.scopeManager, sessionCalls, pagesApi: handler.routeKind === 'pages-api' });
  }

  private siteProblem(handler: HandlerAnalysis, site: SessionCallSite, insideHandler: boolean, via: readonly string[]): string | null {
    if (site.kind === 'indirect') return `it reads the session through ${site.callee}(), a helper whose result the codemod cannot map`;
    if (!site.called) return `it passes ${site.callee} to another function`;
    const call = this.nodeAt(site.range);
    const otherOptions = call?.type === 'CallExpression' ? otherAuthOptions(call, site, this.parsed.scopeManager, this.config, this.text, this.filePath) : null;
    if (otherOptions) {
      return `${site.callee}() reads the session with ${otherOptions} (line ${site.loc.start.line}), while the wrapper reads it with ${this.config.authOptions.name}`;
    }
    if (insideHandler) return null;
    const otherHandler = this.analysis.handlers.find((h) => h !== handler && h.name === via[0]);
    if (otherHandler) {
      return `it reads the session through ${otherHandler.name}, another handler of this module, which stays as it is`;
    }
    // NextAuth v5's `auth(handler)` hands the session to the handler as `req.auth`, which has no context counterpart.
    const getterAsWrapper = handler.wrapperChain.find((call) => call.range[0] === site.range[0] && call.range[1] === site.range[1]);
    if (getterAsWrapper) {
      return `it is wrapped in ${getterAsWrapper.callee}(), which reads the session around the handler (NextAuth's req.auth)`;
    }
    const chainCall = handler.wrapperChain[0];
    if (chainCall && contains(chainCall.range, site.range)) {
      return `it reads the session in the arguments of ${chainCall.callee}(), outside the handler function`;
    }
    const statement = this.topLevelStatementOf(site.range[0]);
    if (statement && (statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration')) {
      return `${site.callee}() is in an exported helper that other modules may call outside tenant context`;
    }
    if (!this.config.optionalContextAccessor) {
      return `it reads the session in a helper, which needs optionalContextAccessor configured to read the context there`;
    }
    return null;
  }

  private wrapTargetOf(handler: HandlerAnalysis, fn: FunctionLike): HandlerPlan['wrapTarget'] | string {
    const innermost = handler.wrapperChain.at(-1);
    if (innermost) {
      // Other wrappers keep their place outside; the tenant wrapper goes right around the function.
      const call = this.nodeAt(innermost.range) as TSESTree.CallExpression | undefined;
      const argument = call?.arguments.find((a) => contains(a.range, fn.range) || (a.type === 'Identifier' && this.refersTo(a, fn)));
      if (!argument) return 'the handler function is not an argument of its wrapper call';
      return { kind: 'expression', node: argument };
    }
    const declaredName = fn.type === 'FunctionDeclaration' ? fn.id : this.declaratorIdOf(fn);
    if (!handler.inlineFunction && !declaredName) return 'the handler function is not bound to a name this module exports';
    if (declaredName) {
      // Exporting the binding (`export { handler as GET }`, `export default handler`) is what the wrapping is for;
      // a call such as `HEAD` answering with `GET(req)` would go through the wrapper a second time.
      const others = this.referencesOf(declaredName).filter((ref) => {
        const parentType = (ref.parent as Node | undefined)?.type;
        // A default-exported function keeps its own name inside itself: a recursive call still means the same.
        const selfReference = (fn as Parented).parent?.type === 'ExportDefaultDeclaration' && contains(fn.range, ref.range);
        return parentType !== 'ExportSpecifier' && parentType !== 'ExportDefaultDeclaration' && !selfReference;
      });
      const [first] = others;
      if (first) {
        const line = first.loc.start.line;
        if (fn.type === 'FunctionDeclaration' && first.range[0] < fn.range[0]) {
          return `\`${declaredName.name}\` is referenced before its declaration (line ${line}); as a const it would not be initialised yet`;
        }
        if (fn.type === 'FunctionDeclaration' && (fn as Parented).parent?.type === 'ExportDefaultDeclaration') {
          return `\`${declaredName.name}\` is also used elsewhere in this module (line ${line}), and wrapping the default export would unbind it`;
        }
        return `\`${declaredName.name}\` is also used elsewhere in this module (line ${line}), which wrapping would change`;
      }
    }
    if (fn.type === 'FunctionDeclaration' && fn.id) {
      const overload = this.program.body
        .map((statement) => (statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration' ? statement.declaration : statement))
        .find((declaration) => declaration?.type === 'TSDeclareFunction' && declaration.id?.name === fn.id!.name);
      if (overload) {
        return `it has overload signatures (line ${overload.loc.start.line}), which a wrapped const cannot keep`;
      }
    }
    // `export default function handler() {}` becomes `export default wrapper(async function handler() {})`: the name
    // then lives only inside the function, which is why no other use of it may be left (checked above).
    if (fn.type === 'FunctionDeclaration' && (fn as Parented).parent?.type === 'ExportDefaultDeclaration') return { kind: 'default-declaration', node: fn };
    if (fn.type === 'FunctionDeclaration') return { kind: 'declaration', node: fn };
    const annotated = declaredName?.typeAnnotation ? declaredName : null;
    if (annotated) {
      const type = this.text.slice(annotated.typeAnnotation!.typeAnnotation.range[0], annotated.typeAnnotation!.range[1]);
      return `\`${annotated.name}\` is declared with the type \`${type}\`, which the wrapped handler does not have; write \`satisfies ${type}\` on the function instead, then run the codemod again`;
    }
    // `(async (req) => {…}) satisfies Handler`: the check stays on the function, inside the wrapper.
    let target: Node = fn;
    while ((target as Parented).parent && isTransparentWrapper((target as Parented).parent!, target)) target = (target as Parented).parent!;
    return { kind: 'expression', node: target };
  }

  /** Finds how the value of a session call is used: stored in a variable, or read in place. */
  private bindingOf(site: SessionCallSite, insideHandler: boolean): SessionBinding | string {
    const call = this.nodeAt(site.range)!;
    const value = sessionValueOf(call, site.callee, this.parsed.scopeManager, this.config);
    if (typeof value === 'string') return value;
    return { site, ...value, insideHandler };
  }

  /** Drops handlers whose session read sits in a helper that a handler staying unwrapped also reaches. */
  private settleSharedHelpers(results: Map<HandlerAnalysis, PlanResult>): void {
    const willBeWrapped = (h: HandlerAnalysis): boolean => {
      if (h.wrapped) return true;
      const result = results.get(h);
      return !!result?.ok && (!result.plan.unsafe || this.options.onUnsafe === 'wrap-only');
    };
    for (let changed = true; changed; ) {
      changed = false;
      for (const [handler, result] of results) {
        if (!result.ok || result.plan.unsafe) continue;
        for (const binding of result.plan.bindings) {
          if (binding.insideHandler) continue;
          const blocker = this.analysis.handlers.find(
            (other) => !willBeWrapped(other) && other.sessionCalls.some((c) => c.site === binding.site),
          );
          if (!blocker) continue;
          const via = handler.sessionCalls.find((c) => c.site === binding.site)?.via[0] ?? 'a helper';
          results.set(handler, {
            ok: false,
            reason: `it shares ${via}() with ${blocker.name}, which stays unwrapped; migrating one would break the other`,
          });
          changed = true;
          break;
        }
      }
    }
  }

  // ── edits ───────────────────────────────────────────────────────────────────────────────────────────────────

  private wrapEdits(plan: HandlerPlan): TextEdit[] {
    const wrapper = this.localName(this.wrapper);
    const options = plan.requireAuth ? '' : ', { requireAuth: false }';
    const target = plan.wrapTarget;
    if (target.kind === 'expression') {
      return [
        { start: target.node.range[0], end: target.node.range[0], text: `${wrapper}(` },
        { start: target.node.range[1], end: target.node.range[1], text: `${options})` },
      ];
    }
    // A declaration becomes an expression statement: in a file without semicolons, one that the next line would
    // continue (`[…].forEach`, `(async () => …)()`) still needs its own.
    const end = `${options})${this.style.semicolon || (continuesExpressionAt(this.text, target.node.range[1]) ? ';' : '')}`;
    if (target.kind === 'default-declaration') {
      return [
        { start: target.node.range[0], end: target.node.range[0], text: `${wrapper}(` },
        { start: target.node.range[1], end: target.node.range[1], text: end },
      ];
    }
    const fn = target.node;
    const name = fn.id!.name;
    const head = `const ${name} = ${wrapper}(`;
    const thisParameter = fn.params[0]?.type === 'Identifier' && fn.params[0].name === 'this';
    if (usesOwnThisOrArguments(fn) || fn.typeParameters || thisParameter) {
      // Keep a function expression: `this` (and a `this` parameter), `arguments` and type parameters mean the same there.
      return [
        { start: fn.range[0], end: fn.range[0], text: head },
        { start: fn.range[1], end: fn.range[1], text: end },
      ];
    }
    // The parentheses of the parameters, not one in a comment beside them.
    const paramsStart = indexOfCode(this.text, fn.id!.range[1], '(');
    const lastParam = fn.params.at(-1);
    const signatureEnd = fn.returnType ? fn.returnType.range[1] : indexOfCode(this.text, lastParam ? lastParam.range[1] : paramsStart + 1, ')') + 1;
    // Comments between `function`, the name and the parameters, or before the body, stay where they were.
    const headComments = commentsIn(this.text, fn.range[0], paramsStart).map((c) => `${c} `).join('');
    const bodyComments = commentsIn(this.text, signatureEnd, fn.body.range[0]).map((c) => ` ${c}`).join('');
    return [
      { start: fn.range[0], end: paramsStart, text: `${head}${fn.async ? 'async ' : ''}${headComments}` },
      { start: signatureEnd, end: fn.body.range[0], text: `${bodyComments} => ` },
      { start: fn.range[1], end: fn.range[1], text: end },
    ];
  }

  /** The edits that read the context instead of the session; `readsContext` is false when nothing is left to read. */
  private sessionEdits(binding: SessionBinding, optional: boolean, fn: FunctionLike): { edits: TextEdit[]; readsContext: boolean } {
    const accessor = accessorName(optional ? this.config.optionalContextAccessor! : this.config.contextAccessor);
    return contextReadEdits(this.text, binding, {
      accessor: accessorCallee(accessor, this.localName(accessor.imported)),
      optional,
      // The name must be free where the declaration is, which for a helper is not the handler.
      contextName: () => this.freshContextName(binding.insideHandler ? fn : (enclosingFunction(binding.declarator!) ?? fn)),
      guaranteedKeys: new Set(this.config.contextAccessor.guarantees),
    });
  }

  private importEdits(needs: { wrapper: boolean; accessor: boolean; optionalAccessor: boolean }): TextEdit[] {
    const wanted: ImportSpec[] = [];
    if (needs.wrapper) wanted.push(this.wrapper);
    if (needs.accessor) wanted.push(accessorName(this.config.contextAccessor).imported);
    if (needs.optionalAccessor) wanted.push(accessorName(this.config.optionalContextAccessor!).imported);
    const byModule = new Map<string, { names: string[]; declaration: TSESTree.ImportDeclaration | null }>();
    for (const spec of wanted) {
      const found = findImport(this.program, spec, this.filePath);
      if (found.localName) continue;
      const module = typeof spec.from === 'string' ? spec.from : spec.from[0]!;
      const key = found.declaration ? `decl:${found.declaration.range[0]}` : `new:${module}`;
      const entry = byModule.get(key) ?? { names: [], declaration: found.declaration };
      // Both accessors may be methods of one imported object.
      if (entry.names.includes(spec.name)) continue;
      entry.names.push(spec.name);
      byModule.set(key, entry);
      if (!found.declaration) (entry as { module?: string }).module = module;
    }
    const edits: TextEdit[] = [];
    const { quote, semicolon, eol } = this.style;
    for (const entry of byModule.values()) {
      const named = entry.declaration?.specifiers.filter((s) => s.type === 'ImportSpecifier').at(-1);
      if (entry.declaration && named) {
        edits.push({ start: named.range[1], end: named.range[1], text: `, ${entry.names.join(', ')}` });
        continue;
      }
      const module = (entry as { module?: string }).module ?? entry.declaration!.source.value;
      const statement = `import { ${entry.names.join(', ')} } from ${quote}${module}${quote}${semicolon}`;
      const anchor = newImportAnchor(this.program);
      edits.push(anchor ? { start: anchor.range[1], end: anchor.range[1], text: `${eol}${statement}` } : { start: 0, end: 0, text: `${statement}${eol}` });
    }
    return edits;
  }

  /** The wrapper's own answer to a caller without a session, as the report shows it. */
  private wrapperAnswerText(): string {
    const { status, json } = this.config.anonymousResponse;
    return `${status} ${JSON.stringify(json)} (the wrapper)`;
  }

  // ── helpers ─────────────────────────────────────────────────────────────────────────────────────────────────

  /** The name a configured import is bound to here: its existing local name, or its own name once imported. */
  private localName(spec: ImportSpec): string {
    return findImport(this.program, spec, this.filePath).localName ?? spec.name;
  }

  /**
   * Why `spec` cannot be imported under its own name: the module already binds that name to something else (a
   * legacy helper that happens to share it). An alias would compose two unrelated functions of one name, which
   * neither reads well nor can be shown to typecheck here, so the handler is left for a person to rename first.
   */
  private importClash(spec: ImportSpec): string | null {
    if (findImport(this.program, spec, this.filePath).localName || !this.usedNames.has(spec.name)) return null;
    const from = typeof spec.from === 'string' ? spec.from : spec.from[0]!;
    const declared = this.parsed.scopeManager.globalScope?.childScopes[0]?.set.get(spec.name)?.defs[0]?.name;
    const where = declared ? ` (line ${declared.loc.start.line})` : '';
    return `this module already binds \`${spec.name}\` to something other than the import from '${from}'${where}; rename it, then run the codemod again`;
  }

  private freshContextName(fn: FunctionLike): string {
    const given = this.contextNamesGiven.get(fn) ?? new Set<string>();
    this.contextNamesGiven.set(fn, given);
    const name = freshContextName(this.parsed.scopeManager, fn.range, (n) => this.usedNames.has(n) || given.has(n));
    given.add(name);
    return name;
  }

  private nodeAt(range: readonly [number, number]): Node | undefined {
    return this.nodeByRange.get(`${range[0]}:${range[1]}`);
  }

  private topLevelStatementOf(offset: number): TSESTree.ProgramStatement | undefined {
    return this.program.body.find((s) => s.range[0] <= offset && offset < s.range[1]);
  }

  private declaratorIdOf(fn: FunctionLike): TSESTree.Identifier | null {
    let node = fn as Parented;
    while (node.parent && isTransparentWrapper(node.parent, node)) node = node.parent as Parented;
    const parent = node.parent;
    return parent?.type === 'VariableDeclarator' && parent.init === node && parent.id.type === 'Identifier' ? parent.id : null;
  }

  private referencesOf(id: TSESTree.Identifier): Array<Parented & TSESTree.Identifier> {
    const scope = this.parsed.scopeManager.scopes.find((s) => s.set.get(id.name)?.identifiers.includes(id));
    const variable = scope?.set.get(id.name);
    return (variable?.references ?? [])
      .filter((r) => r.identifier !== id && r.isRead())
      .map((r) => r.identifier as Parented & TSESTree.Identifier);
  }

  private refersTo(identifier: TSESTree.Identifier, fn: FunctionLike): boolean {
    const declared = fn.type === 'FunctionDeclaration' ? fn.id : this.declaratorIdOf(fn);
    return !!declared && this.referencesOf(declared).includes(identifier as Parented & TSESTree.Identifier);
  }
}

/** Every read of a session path the mapping lacks, counted by path, in the order first read. */
function unmappedReads(bindings: readonly SessionBinding[]): UnmappedRead[] {
  const counts = new Map<string, number>();
  for (const binding of bindings) {
    for (const read of binding.reads) {
      if (read.kind === 'unsafe' && read.unmappedPath !== undefined) counts.set(read.unmappedPath, (counts.get(read.unmappedPath) ?? 0) + 1);
    }
  }
  return [...counts].map(([path, reads]) => ({ path, reads }));
}

function fail(reason: string): PlanResult {
  return { ok: false, reason };
}

function usesOwnThisOrArguments(fn: FunctionLike): boolean {
  let found = false;
  walk(fn.body, (node) => {
    if (found) return;
    if (node.type === 'ThisExpression') found = !insideNestedFunction(node, fn);
    else if (node.type === 'Identifier' && node.name === 'arguments') found = !insideNestedFunction(node, fn);
  });
  return found;
}

function insideNestedFunction(node: Node, fn: FunctionLike): boolean {
  let current = (node as Parented).parent;
  while (current && current !== fn) {
    if (current.type === 'FunctionDeclaration' || current.type === 'FunctionExpression') return true;
    current = (current as Parented).parent;
  }
  return false;
}

function enclosingFunction(node: Node): FunctionLike | null {
  let current = (node as Parented).parent;
  while (current && !isFunctionLike(current)) current = (current as Parented).parent;
  return current ?? null;
}

