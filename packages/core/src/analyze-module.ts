import type { TSESTree } from '@typescript-eslint/types';
import { boundIdentifiers, contains, isFunctionLike, isTransparentParent, skipTransparent, staticPropertyName, walk, walkWhile, type Node } from './ast';
import type { ImportSpec, TenantIsolationConfig } from './config-schema';
import { REQUIRE_TENANT_CONTEXT_RULE, suppressedLines } from './directives';
import { accessorName } from './imports';
import { importedName, ModuleBindings, reassignments, type ModuleValue } from './module-bindings';
import { moduleMatches, publicEntryFor, publicRoutesCovering, routeKindOfPath, routeUrlPath } from './routes';
import type { ReferenceLike, ScopeLike, ScopeManagerLike, VariableLike } from './scope';
import {
  HTTP_METHODS,
  type FunctionLike,
  type HandlerAnalysis,
  type HandlerSource,
  type HandlerStatus,
  type ImportedReference,
  type Located,
  type ModuleAnalysis,
  type Range,
  type ReachedSessionCall,
  type RouteKind,
  type SessionCallSite,
  type SessionGetterKind,
  type WrapperCall,
} from './types';

export interface AnalyzeOptions {
  /** The module's path, absolute or project-relative: relative imports are resolved against it. */
  filePath?: string;
  /**
   * The module's path relative to the project root (defaults to `filePath`). It decides the route kind
   * (`pages/api/…`) and the URL path that `publicRoutes` match.
   */
  routePath?: string;
  /** Overrides the route kind the path and `'use server'` directive imply. */
  routeKind?: RouteKind;
  /** The module's text, when the caller has it: lets the analysis skip work the text shows is not needed. */
  sourceText?: string;
  /** The rule whose `eslint-disable` comments make a handler `suppressed`. */
  suppressionRuleId?: string;
  /**
   * Also list, per handler, the imported names it reaches (`importedReferences`), for an analysis across modules.
   * The configured wrappers and accessors are not listed: they are the audited entry point.
   */
  followImports?: boolean;
  /**
   * Analyze every export of the module as if it were a handler, whatever its name, and match no `publicRoutes`: how
   * the report reads a module that a route re-exports from or imports a helper from.
   */
  allExports?: boolean;
  /**
   * Only the module's inline server actions are handlers, not its exports: how a component file with
   * `async function save() { 'use server'; … }` is read. Needs `serverActions` in the config.
   */
  inlineServerActionsOnly?: boolean;
  /**
   * Also list, per handler, the code it runs (`reachedBodies`): its function and every same-module function it
   * reaches, as the session calls are searched. What the query-scoping analysis checks.
   */
  reachedBodies?: boolean;
}

/** The candidate exports of a module before we know which are handlers. */
interface ExportCandidate {
  name: string;
  exportNode: Node;
  value: Node | null;
  /** The declarator of `export const|let NAME = …`: the binding whose later assignments decide what runs. */
  declarator?: TSESTree.VariableDeclarator;
  /** A value the handler comes out of when the analysis cannot tell which part it is (`export const { GET } = h`). */
  from?: Node | null;
  reexport?: { from: string; importedName: string };
  opaqueReason?: string;
}

interface ResolvedHandler {
  chain: WrapperCall[];
  fn: FunctionLike | null;
  source: HandlerSource;
  /** The nodes the handler's value passed through (wrapper calls, variable initialisers, the function). */
  seeds: Node[];
}

/** The configured getter a module member is, and whether it reads the session itself or through a helper. */
interface Getter {
  spec: ImportSpec;
  kind: SessionGetterKind;
}

/** A same-module name a node refers to, with the bodies a search for session calls enters from there. */
interface Edge {
  variable: VariableLike;
  bodies: readonly Node[];
}

/** An imported name a node refers to: where a search for session calls would go on in another module. */
interface ImportEdge {
  identifier: Node;
  module: string;
  name: string;
}

interface Reach {
  calls: ReachedSessionCall[];
  imported: ImportedReference[];
  /** With `reachedBodies`: the seeds and every same-module body entered, in the order of the search. */
  bodies?: Range[];
}

const NOTHING_REACHED: Reach = { calls: [], imported: [] };

const STATUS_URGENCY: HandlerStatus[] = ['error', 'unmigrated', 'suppressed', 'partial', 'unwrapped', 'migrated', 'public'];

function mostUrgent(handlers: readonly HandlerAnalysis[]): HandlerStatus | null {
  let most = STATUS_URGENCY.length;
  for (const { status } of handlers) most = Math.min(most, STATUS_URGENCY.indexOf(status));
  return STATUS_URGENCY[most] ?? null;
}

const NO_BODIES: readonly Node[] = [];

/**
 * Puts items in the source order of their session call sites. They mostly come in that order already (the uses of
 * one binding, the calls in one function), and then are left as they are.
 */
function sortBySite<T>(items: T[], siteOf: (item: T) => SessionCallSite): void {
  for (let i = 1; i < items.length; i++) {
    if (siteOf(items[i - 1]!).range[0] > siteOf(items[i]!).range[0]) {
      items.sort((a, b) => siteOf(a).range[0] - siteOf(b).range[0]);
      return;
    }
  }
}

const located = (node: Node): Located => ({
  range: [node.range[0], node.range[1]],
  loc: { start: { ...node.loc.start }, end: { ...node.loc.end } },
});

/** `withTenantContext`, `api.withTenantContext`, `withAuth(opts)`: how a callee reads in a message. */
export function calleeText(node: Node): string {
  const callee = skipTransparent(node);
  switch (callee.type) {
    case 'Identifier':
      return callee.name;
    case 'ThisExpression':
      return 'this';
    case 'MemberExpression': {
      const property =
        !callee.computed && callee.property.type === 'Identifier'
          ? `.${callee.property.name}`
          : callee.property.type === 'Literal'
            ? `[${callee.property.raw}]`
            : '[…]';
      return `${calleeText(callee.object)}${property}`;
    }
    case 'CallExpression':
      return `${calleeText(callee.callee)}(…)`;
    case 'AwaitExpression':
      return `(await ${calleeText(callee.argument)})`;
    case 'ImportExpression':
      return 'import(…)';
    default:
      return '(expression)';
  }
}

export function hasUseServerDirective(program: TSESTree.Program): boolean {
  return hasDirective(program.body, 'use server');
}

/** Whether a directive prologue (the string statements that open a file or a function body) holds `directive`. */
function hasDirective(statements: readonly TSESTree.Node[], directive: string): boolean {
  for (const statement of statements) {
    if (statement.type !== 'ExpressionStatement' || !('directive' in statement) || !statement.directive) return false;
    if (statement.directive === directive) return true;
  }
  return false;
}

/** The wrappers that count for a handler of this kind: pages/api handlers have their own when `pagesWrappers` is set. */
export function wrappersFor(kind: RouteKind | null, config: TenantIsolationConfig): readonly ImportSpec[] {
  return kind === 'pages-api' && config.pagesWrappers.length > 0 ? config.pagesWrappers : config.wrappers;
}

/** What people call an inline action: its function's name, the variable or property it is assigned to, or where it is. */
function inlineActionName(fn: FunctionLike, outer: Node): string {
  if (fn.id) return fn.id.name;
  const parent = parentOf(outer);
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  if ((parent?.type === 'Property' || parent?.type === 'MethodDefinition' || parent?.type === 'PropertyDefinition') && !parent.computed) {
    if (parent.key.type === 'Identifier') return parent.key.name;
    if (parent.key.type === 'Literal') return String(parent.key.value);
  }
  if (parent?.type === 'JSXExpressionContainer') {
    const attribute = parentOf(parent);
    if (attribute?.type === 'JSXAttribute' && attribute.name.type === 'JSXIdentifier') return `<inline ${attribute.name.name} at line ${fn.loc.start.line}>`;
  }
  return `<inline action at line ${fn.loc.start.line}>`;
}

class ModuleAnalyzer {
  private readonly bindings: ModuleBindings;
  private readonly sites: SessionCallSite[] = [];
  private readonly bodiesByVariable = new Map<VariableLike, readonly Node[]>();
  private readonly edges = new Map<Node, Edge[]>();
  private readonly importEdges = new Map<Node, ImportEdge[]>();
  private localModuleReads: ReferenceLike[] | null = null;
  /** The wrappers and accessors: the audited entry point, never followed into another module. */
  private entryPoints: ImportSpec[] | null = null;

  /** The wrappers that establish tenant context for this module's handlers. */
  private readonly wrapperSpecs: readonly ImportSpec[];
  private readonly kind: RouteKind;

  constructor(
    private readonly program: TSESTree.Program,
    private readonly scopeManager: ScopeManagerLike,
    private readonly config: TenantIsolationConfig,
    private readonly options: AnalyzeOptions,
  ) {
    ensureParents(program);
    this.bindings = new ModuleBindings(scopeManager);
    // A module other routes lead to may hold handlers of either router: either kind of wrapper counts there.
    this.kind = this.routeKind();
    this.wrapperSpecs = options.allExports ? [...config.wrappers, ...config.pagesWrappers] : wrappersFor(this.kind, config);
    this.collectSessionCallSites();
  }

  analyze(): ModuleAnalysis {
    const routePath = this.options.routePath ?? this.options.filePath;
    const routeKind = this.kind;
    const urlPath = routePath ? routeUrlPath(routePath) : null;
    const exportAllFrom: string[] = [];
    const candidates = this.exportCandidates(exportAllFrom);
    const isSuppressed = suppressedLines(
      this.program.comments ?? [],
      this.options.suppressionRuleId ?? REQUIRE_TENANT_CONTEXT_RULE,
    );
    const handlers: HandlerAnalysis[] = [];
    // Whether an entry covers the URL does not depend on the handler: match the path once, the methods per handler.
    const publicEntries = urlPath && !this.options.allExports ? publicRoutesCovering(urlPath, this.config) : [];
    const handlerOf = (
      name: string,
      kind: RouteKind,
      exportNode: Node,
      resolved: ResolvedHandler,
      inlineFunction: boolean,
    ): HandlerAnalysis => {
      const wrapped = resolved.chain.some((call) => call.wrapper !== null);
      const { calls: sessionCalls, imported, bodies } = this.reach(resolved.seeds);
      const publicRoute = publicEntries.length > 0 ? publicEntryFor(publicEntries, name) : undefined;
      let status: HandlerStatus;
      if (publicRoute) status = 'public';
      else if (wrapped) status = sessionCalls.length > 0 ? 'partial' : 'migrated';
      else if (sessionCalls.length === 0) status = 'unwrapped';
      else status = sessionCalls.every((c) => isSuppressed(c.site.loc.start.line)) ? 'suppressed' : 'unmigrated';
      const handler: HandlerAnalysis = {
        name,
        routeKind: kind,
        exportNode: located(exportNode),
        functionRange: resolved.fn ? [resolved.fn.range[0], resolved.fn.range[1]] : null,
        inlineFunction,
        source: resolved.source,
        wrapperChain: resolved.chain,
        wrapped,
        sessionCalls,
        status,
      };
      if (publicRoute) handler.publicReason = publicRoute.reason;
      if (bodies) handler.reachedBodies = bodies;
      if (this.options.followImports) handler.importedReferences = imported;
      return handler;
    };
    for (const candidate of this.options.inlineServerActionsOnly ? [] : candidates) {
      if (!this.options.allExports && !isHandlerName(routeKind, candidate.name)) continue;
      const resolved = this.resolveHandler(candidate);
      if (routeKind === 'server-action' && !resolved.fn && resolved.chain.length === 0 && resolved.source.kind === 'opaque') {
        continue;
      }
      const inline = resolved.fn !== null && resolved.chain.length === 0 && isInlineIn(candidate, resolved.fn);
      handlers.push(handlerOf(candidate.name, routeKind, candidate.exportNode, resolved, inline));
    }
    // In a 'use server' file every export already is an action; elsewhere an action is marked where it is written.
    if (this.config.serverActions && routeKind !== 'server-action' && !this.options.allExports) {
      for (const action of this.inlineServerActions()) {
        handlers.push(handlerOf(action.name, 'server-action', action.fn, action.resolved, true));
      }
    }
    return {
      routeKind,
      urlPath,
      handlers,
      sessionCallSites: this.sites,
      exportAllFrom,
      status: mostUrgent(handlers),
    };
  }

  /**
   * Functions with an inline `'use server'` directive: Next.js makes each a server action, callable by any client
   * with the page, so each is a handler. Next.js registers the function itself, lifted out of where it is written:
   * a call around it (`withTenantContext(async () => { 'use server'; … })`) never runs when a client calls the
   * action, so an inline action has no wrapper chain. Its name is the one people know it by: its function's, or the
   * variable, property or JSX attribute it is written into.
   */
  private inlineServerActions(): Array<{ name: string; fn: FunctionLike; resolved: ResolvedHandler }> {
    const text = this.options.sourceText;
    if (text !== undefined && !text.includes('use server')) return [];
    const actions: Array<{ name: string; fn: FunctionLike; resolved: ResolvedHandler }> = [];
    walk(this.program, (node) => {
      if (!isFunctionLike(node) || node.body.type !== 'BlockStatement' || !hasDirective(node.body.body, 'use server')) return;
      let outer: Node = node;
      for (let parent = parentOf(outer); parent?.type === 'CallExpression' && parent.arguments.includes(outer as TSESTree.CallExpressionArgument); parent = parentOf(outer)) {
        outer = parent;
      }
      actions.push({ name: inlineActionName(node, outer), fn: node, resolved: { chain: [], fn: node, seeds: [node], source: { kind: 'local' } } });
    });
    return actions.sort((a, b) => a.fn.range[0] - b.fn.range[0]);
  }

  private routeKind(): RouteKind {
    if (this.options.routeKind) return this.options.routeKind;
    if (this.config.serverActions && hasUseServerDirective(this.program)) return 'server-action';
    const routePath = this.options.routePath ?? this.options.filePath;
    return routePath ? routeKindOfPath(routePath) : 'app-route';
  }

  private matchSpec(value: ModuleValue | null, specs: readonly ImportSpec[]): ImportSpec | null {
    if (value?.kind !== 'member') return null;
    for (const spec of specs) {
      if (spec.name === value.name && this.fromModule(spec, value.module)) return spec;
    }
    return null;
  }

  /** Whether `module`, as this file imports it, is one the spec's name is configured from. */
  private fromModule(spec: ImportSpec, module: string): boolean {
    if (typeof spec.from === 'string') return moduleMatches(spec.from, module, this.options.filePath);
    for (const configured of spec.from) {
      if (moduleMatches(configured, module, this.options.filePath)) return true;
    }
    return false;
  }

  private getterFor(value: ModuleValue & { kind: 'member' }): Getter | null {
    const direct = this.matchSpec(value, this.config.sessionGetters);
    if (direct) return { spec: direct, kind: 'direct' };
    const indirect = this.matchSpec(value, this.config.indirectSessionGetters);
    return indirect ? { spec: indirect, kind: 'indirect' } : null;
  }

  /**
   * Finds the session call sites from the bindings that can denote a getter, not from a walk of the whole tree:
   * references of import, require and dynamic-import bindings (and their const aliases), inline `require()` and
   * `import()`. Each use is a site: a call of the getter, or the getter used as a value (`cache(getServerSession)`,
   * `{ read: getServerSession }`, `.call`), which reads the session wherever that value runs. A const alias is not
   * a site of its own: its calls are.
   */
  private collectSessionCallSites(): void {
    const followed = new Set<VariableLike>();
    const globalScope = this.scopeManager.scopes[0];
    const moduleScope = this.scopeManager.scopes.find((s) => s.type === 'module') ?? globalScope;
    for (const variable of moduleScope?.variables ?? []) {
      const def = variable.defs[0];
      if (def?.type !== 'ImportBinding') continue;
      // Most imports of a route are of other names (`NextResponse`, `db`): no value to work out for those.
      if (def.node.type === 'ImportSpecifier' && !this.isGetterName(importedName(def.node))) continue;
      const value = this.bindings.valueOfVariable(variable);
      if (value && this.mayLeadToGetter(value)) this.followVariable(variable, value, followed);
    }
    // `require` is unresolved, or a definition-less global when ESLint is told about Node's globals.
    // The global scope holds every name of the standard library: look `require` up by name, not by scanning it.
    const requireVariable = globalScope?.set.get('require');
    const requireGlobal = requireVariable && requireVariable.defs.length === 0 ? requireVariable : undefined;
    for (const references of [globalScope?.through ?? [], requireGlobal?.references ?? []]) {
      for (const reference of references) {
        const id = reference.identifier;
        if (id.type !== 'Identifier' || id.name !== 'require') continue;
        const call = parentOf(id);
        if (call?.type !== 'CallExpression' || call.callee !== id) continue;
        const value = this.bindings.valueOf(call);
        if (value && this.mayLeadToGetter(value)) this.followValue(call, value, followed);
      }
    }
    for (const importExpression of dynamicImports(this.program, this.options.sourceText)) {
      const value = this.bindings.valueOf(importExpression);
      if (!value || !this.mayLeadToGetter(value)) continue;
      const awaited = parentOf(importExpression);
      this.followValue(awaited?.type === 'AwaitExpression' ? awaited : importExpression, value, followed);
    }
    sortBySite(this.sites, (site) => site);
  }

  private isGetterName(name: string): boolean {
    return (
      this.config.sessionGetters.some((spec) => spec.name === name) ||
      this.config.indirectSessionGetters.some((spec) => spec.name === name)
    );
  }

  /** A module object that a configured getter comes from, or a member that is a configured getter. */
  private mayLeadToGetter(value: ModuleValue): boolean {
    if (value.kind === 'member') return this.getterFor(value) !== null;
    for (const specs of [this.config.sessionGetters, this.config.indirectSessionGetters]) {
      for (const spec of specs) {
        if (this.fromModule(spec, value.module)) return true;
      }
    }
    return false;
  }

  private followVariable(variable: VariableLike, value: ModuleValue, followed: Set<VariableLike>): void {
    if (followed.has(variable)) return;
    followed.add(variable);
    for (const reference of variable.references) {
      if (reference.isRead()) this.followValue(reference.identifier, value, followed);
    }
  }

  /**
   * Follows an expression that evaluates to a getter or to its module: a call or any other use of the getter is a
   * site; a member read of the module, a const alias or a destructuring of either is followed further.
   */
  private followValue(expression: Node, value: ModuleValue, followed: Set<VariableLike>): void {
    let outer: Node = expression;
    for (let parent = parentOf(outer); parent && isTransparentParent(parent, outer); parent = parentOf(outer)) outer = parent;
    const parent = parentOf(outer);
    if (parent?.type === 'VariableDeclarator' && parent.init === outer) {
      for (const declared of this.scopeManager.getDeclaredVariables(parent)) {
        const aliased = value.kind === 'namespace' && parent.id.type === 'ObjectPattern' ? destructuredMember(parent.id, declared, value.module) : value;
        if (aliased && this.mayLeadToGetter(aliased)) this.followVariable(declared, aliased, followed);
      }
      if (parent.id.type === 'Identifier') return;
    }
    if (value.kind === 'namespace') {
      const name = parent?.type === 'MemberExpression' && parent.object === outer ? staticPropertyName(parent) : null;
      const member: ModuleValue | null = name ? { kind: 'member', module: value.module, name } : null;
      if (member && this.mayLeadToGetter(member)) this.followValue(parent!, member, followed);
      return;
    }
    if (parent?.type === 'VariableDeclarator' && parent.init === outer) return;
    this.addSite(expression, outer, value);
  }

  private addSite(use: Node, outer: Node, value: ModuleValue & { kind: 'member' }): void {
    const getter = this.getterFor(value);
    if (!getter || namesGetterWithoutUse(use, outer)) return;
    const parent = parentOf(outer);
    const called = parent?.type === 'CallExpression' && parent.callee === outer;
    const { range, loc } = located(called ? parent : use);
    this.sites.push({
      range,
      loc,
      getter: getter.spec.name,
      module: value.module,
      kind: getter.kind,
      callee: calleeText(use),
      called,
    });
  }

  private exportCandidates(exportAllFrom: string[]): ExportCandidate[] {
    const candidates: ExportCandidate[] = [];
    for (const statement of this.program.body) {
      switch (statement.type) {
        case 'ExportNamedDeclaration':
          if (statement.exportKind === 'type') break;
          if (statement.declaration) addDeclarationCandidates(candidates, statement, statement.declaration);
          for (const specifier of statement.specifiers) {
            if (specifier.exportKind === 'type') continue;
            const name = moduleExportName(specifier.exported);
            const local = moduleExportName(specifier.local);
            if (statement.source) {
              candidates.push({
                name,
                exportNode: specifier,
                value: null,
                reexport: { from: statement.source.value, importedName: local },
              });
            } else {
              candidates.push({ name, exportNode: specifier, value: specifier.local });
            }
          }
          break;
        case 'ExportDefaultDeclaration':
          candidates.push({ name: 'default', exportNode: statement, value: statement.declaration });
          break;
        case 'ExportAllDeclaration':
          if (!statement.exported && statement.exportKind !== 'type') exportAllFrom.push(statement.source.value);
          break;
        case 'ExpressionStatement': {
          const commonJs = commonJsExport(statement.expression);
          if (commonJs) candidates.push({ name: commonJs.name, exportNode: statement, value: commonJs.value });
          break;
        }
        default:
          break;
      }
    }
    return candidates;
  }

  private resolveHandler(candidate: ExportCandidate): ResolvedHandler {
    const chain: WrapperCall[] = [];
    const seeds: Node[] = [];
    if (candidate.reexport) {
      return { chain, fn: null, seeds, source: { kind: 're-export', ...candidate.reexport } };
    }
    const seen: VariableLike[] = [];
    let node: Node | null = candidate.value;
    const opaque = (reason: string): ResolvedHandler => ({ chain, fn: null, seeds, source: { kind: 'opaque', reason } });
    // What cannot be told apart is searched whole, so that a session read in any part of it still counts.
    if (candidate.opaqueReason) {
      if (candidate.from) seeds.push(candidate.from);
      return opaque(candidate.opaqueReason);
    }
    const exported = candidate.declarator ? this.scopeManager.getDeclaredVariables(candidate.declarator)[0] : undefined;
    if (exported && reassignments(exported).length > 0) return this.reassigned(exported, chain, seeds);
    for (;;) {
      if (!node) return opaque('the export has no value');
      node = skipTransparent(node);
      if (isFunctionLike(node)) {
        seeds.push(node);
        return { chain, fn: node, seeds, source: { kind: 'local' } };
      }
      if (node.type === 'CallExpression') {
        seeds.push(node);
        chain.push(this.wrapperCall(node));
        const next = wrappedArgument(node);
        if (!next) return opaque(`the function passed to ${calleeText(node.callee)}() is not visible in this module`);
        node = next;
        continue;
      }
      if (node.type === 'MemberExpression') {
        const member = this.objectLiteralMember(node);
        if (member) {
          node = member;
          continue;
        }
      }
      if (node.type !== 'Identifier') {
        // A handler taken from an object or class, or chosen at run time (`a ?? b`), may be any part of the value:
        // the whole of it is searched, and an exported object of helpers reads the session for whoever uses it.
        seeds.push(node);
        return opaque(`the handler is ${describeNode(node)}`);
      }
      const variable = this.bindings.variableOf(node);
      if (!variable || seen.includes(variable)) return opaque(`\`${node.name}\` is not defined in this module`);
      seen.push(variable);
      if (variable.defs[0]?.type !== 'ImportBinding' && reassignments(variable).length > 0) return this.reassigned(variable, chain, seeds);
      const def = definitionWithValue(variable);
      if (!def) return opaque(`\`${node.name}\` has no value visible in this module`);
      if (def.type === 'ImportBinding') {
        const value = this.bindings.valueOfVariable(variable);
        if (value?.kind === 'member') {
          return { chain, fn: null, seeds, source: { kind: 'imported', from: value.module, importedName: value.name } };
        }
        return opaque(`\`${node.name}\` is imported`);
      }
      if (def.type === 'FunctionName' && isFunctionLike(def.node)) {
        node = def.node;
        continue;
      }
      if (def.type === 'Variable' && def.node.type === 'VariableDeclarator' && def.node.id.type === 'Identifier') {
        node = def.node.init;
        continue;
      }
      return opaque(`\`${node.name}\` is not a function or call`);
    }
  }

  /**
   * A binding assigned again (`export let GET = …; GET = …`) holds whichever value ran last: every value it is given
   * is searched, and it counts as wrapped only if the analysis could tell, which it cannot.
   */
  private reassigned(variable: VariableLike, chain: WrapperCall[], seeds: Node[]): ResolvedHandler {
    for (const body of this.bodiesOf(variable)) seeds.push(body);
    const again = reassignments(variable)[0]!;
    return {
      chain,
      fn: null,
      seeds,
      source: { kind: 'opaque', reason: `\`${variable.name}\` is assigned again on line ${again.identifier.loc.start.line}, so which function runs is decided at run time` },
    };
  }

  /** `handlers.GET` where `const handlers = { GET() {…}, … }` is never assigned again: the property's value. */
  private objectLiteralMember(member: TSESTree.MemberExpression): Node | null {
    const name = staticPropertyName(member);
    const object = skipTransparent(member.object);
    if (!name || object.type !== 'Identifier') return null;
    const variable = this.bindings.variableOf(object);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (!variable || def?.type !== 'Variable' || def.node.type !== 'VariableDeclarator' || reassignments(variable).length > 0) return null;
    const init = def.node.init ? skipTransparent(def.node.init) : null;
    if (init?.type !== 'ObjectExpression') return null;
    for (let i = init.properties.length - 1; i >= 0; i--) {
      const property = init.properties[i]!;
      // A spread after the property may replace it: only the last word counts, and a spread is not one we can read.
      if (property.type === 'SpreadElement') return null;
      if (property.computed || property.kind !== 'init') continue;
      const key = property.key.type === 'Identifier' ? property.key.name : property.key.type === 'Literal' ? String(property.key.value) : null;
      if (key === name) return property.value;
    }
    return null;
  }

  private wrapperCall(call: TSESTree.CallExpression): WrapperCall {
    const callee = skipTransparent(call.callee);
    const wrapper = this.wrapperOf(call);
    const { range, loc } = located(call);
    return {
      range,
      loc,
      callee: calleeText(call.callee),
      wrapper: wrapper ? wrapper.name : null,
      hasOptions: call.arguments.length > 1 || callee.type === 'CallExpression',
    };
  }

  /** The configured wrapper a call is, if any. */
  private wrapperOf(call: TSESTree.CallExpression): ImportSpec | null {
    const callee = skipTransparent(call.callee);
    // Curried wrappers, `withAuth(options)(handler)`, are named by their inner callee.
    const named = callee.type === 'CallExpression' ? callee.callee : callee;
    return this.matchSpec(this.bindings.valueOf(named), this.wrapperSpecs);
  }

  private bodiesOf(variable: VariableLike): readonly Node[] {
    let bodies = this.bodiesByVariable.get(variable);
    if (bodies) return bodies;
    // Most names a handler uses (imports, globals, parameters of outer functions) have no body: they share one list.
    let found: Node[] | undefined;
    for (const def of variable.defs) {
      if (def.type === 'FunctionName' || def.type === 'ClassName') (found ??= []).push(def.node);
      else if (def.type === 'Variable' && def.node.type === 'VariableDeclarator' && def.node.init) (found ??= []).push(def.node.init);
    }
    for (const reference of variable.references) {
      if (reference.writeExpr && !found?.includes(reference.writeExpr)) (found ??= []).push(reference.writeExpr);
    }
    // A function that is itself wrapped runs inside tenant context, whoever calls it.
    bodies = found ? found.filter((body) => !this.isWrappedCall(body)) : NO_BODIES;
    this.bodiesByVariable.set(variable, bodies);
    return bodies;
  }

  private isWrappedCall(node: Node): boolean {
    let current = skipTransparent(node);
    while (current.type === 'CallExpression') {
      if (this.wrapperOf(current)) return true;
      const next = wrappedArgument(current);
      if (!next) return false;
      current = skipTransparent(next);
    }
    return false;
  }

  /**
   * The session call sites reachable from the seed nodes: inside them (nested callbacks included) or inside any
   * same-module function, class or value they reference, transitively; each with the shortest chain of names.
   */
  private reach(seeds: Node[]): Reach {
    const total = this.sites.length;
    const followImports = this.options.followImports === true;
    const bodies = this.options.reachedBodies ? ([] as Range[]) : null;
    if (total === 0 && !followImports && !bodies) return NOTHING_REACHED;
    const reached: ReachedSessionCall[] = [];
    const imported: ImportedReference[] = [];
    const visited: VariableLike[] = [];
    const nodes = seeds.slice();
    const start: string[] = [];
    const vias: string[][] = seeds.map(() => start);
    for (let i = 0; i < nodes.length; i++) {
      const via = vias[i]!;
      bodies?.push([nodes[i]!.range[0], nodes[i]!.range[1]]);
      for (const site of this.sitesWithin(nodes[i]!.range)) {
        if (!reached.some((call) => call.site === site)) reached.push({ site, via });
      }
      if (followImports) {
        for (const edge of this.importEdgesFrom(nodes[i]!)) {
          if (imported.some((r) => r.range[0] === edge.identifier.range[0])) continue;
          imported.push({ ...located(edge.identifier), module: edge.module, name: edge.name, via });
        }
      } else if (reached.length === total && !bodies) {
        // Once every session call of the module is reached, the rest of the search cannot change the result.
        break;
      }
      for (const { variable, bodies } of this.edgesFrom(nodes[i]!)) {
        if (visited.includes(variable)) continue;
        visited.push(variable);
        const through = [...via, variable.name];
        for (const body of bodies) {
          nodes.push(body);
          vias.push(through);
        }
      }
    }
    sortBySite(reached, (call) => call.site);
    imported.sort((a, b) => a.range[0] - b.range[0]);
    return bodies ? { calls: reached, imported, bodies } : { calls: reached, imported };
  }

  /** The imported names a node refers to, other than session getters (sites already) and the audited entry points. */
  private importEdgesFrom(node: Node): ImportEdge[] {
    const cached = this.importEdges.get(node);
    if (cached) return cached;
    const edges: ImportEdge[] = [];
    const add = (reference: ReferenceLike): void => {
      const variable = reference.resolved;
      if (!variable || !reference.isRead() || inTypeQuery(reference.identifier)) return;
      // Imports, and bindings of require() and await import() (whole, destructured, or a const alias of any).
      const value = this.bindings.valueOfVariable(variable);
      if (!value) return;
      const use = reference.identifier;
      let member: ModuleValue | null = value;
      let identifier: Node = use;
      if (value.kind === 'namespace') {
        const read = memberOf(use);
        const name = read?.type === 'MemberExpression' ? staticPropertyName(read) : null;
        if (!read || !name) return;
        member = { kind: 'member', module: value.module, name };
        identifier = read;
      }
      if (member.kind !== 'member' || this.isEntryPointOrGetter(member)) return;
      edges.push({ identifier, module: member.module, name: member.name });
    };
    for (const reference of this.outerReferencesIn(node)) add(reference);
    // A module loaded inside a function (`const m = await import('…')`) is bound there, not outside it.
    for (const reference of this.localModuleReferences()) {
      if (contains(node.range, reference.identifier.range)) add(reference);
    }
    this.importEdges.set(node, edges);
    return edges;
  }

  /** The reads of variables declared inside functions that hold a module or its member: `require()`, `await import()`. */
  private localModuleReferences(): readonly ReferenceLike[] {
    if (this.localModuleReads) return this.localModuleReads;
    const reads: ReferenceLike[] = [];
    const text = this.options.sourceText;
    if (text === undefined || text.includes('require') || text.includes('import(')) {
      for (const scope of this.scopeManager.scopes) {
        if (scope.type === 'global' || scope.type === 'module') continue;
        for (const variable of scope.variables) {
          if (variable.defs[0]?.type !== 'Variable' || !this.bindings.valueOfVariable(variable)) continue;
          for (const reference of variable.references) if (reference.isRead()) reads.push(reference);
        }
      }
    }
    this.localModuleReads = reads;
    return reads;
  }

  private isEntryPointOrGetter(value: ModuleValue & { kind: 'member' }): boolean {
    if (this.getterFor(value)) return true;
    if (!this.entryPoints) {
      // An accessor that is a method (`tenantContext.getContextOrNull`) is reached through its object's import.
      const accessors = [this.config.contextAccessor, ...(this.config.optionalContextAccessor ? [this.config.optionalContextAccessor] : [])];
      this.entryPoints = [...this.config.wrappers, ...this.config.pagesWrappers, ...accessors.map((spec) => accessorName(spec).imported)];
    }
    return this.matchSpec(value, this.entryPoints) !== null;
  }

  /**
   * The same-module names a node refers to, in order of first reference, each with the bodies a search enters.
   * Handlers of one module share helpers, so it is worked out once per node.
   */
  private edgesFrom(node: Node): Edge[] {
    const cached = this.edges.get(node);
    if (cached) return cached;
    const edges: Edge[] = [];
    for (const reference of this.outerReferencesIn(node)) {
      const variable = reference.resolved;
      if (!variable || !reference.isRead() || leadsInto(edges, variable)) continue;
      const bodies = this.bodiesOf(variable);
      if (bodies.length === 0 || inTypeQuery(reference.identifier)) continue;
      // A function calling itself does not lead into its own body again; another body of the same name still counts.
      const entered = bodiesOutside(bodies, reference.identifier.range);
      if (entered.length > 0) edges.push({ variable, bodies: entered });
    }
    this.edges.set(node, edges);
    return edges;
  }

  /**
   * The references inside `node` to names declared outside it; unresolved ones and writes are left to the caller
   * to skip. A function's or class's scope lists them (`through`); in any other expression each name is looked up,
   * and nested functions again answer for themselves.
   */
  private outerReferencesIn(node: Node): readonly ReferenceLike[] {
    const ownScope = this.scopeOfFunctionOrClass(node);
    if (ownScope) return ownScope.through;
    const out: ReferenceLike[] = [];
    walkWhile(node, (current) => {
      const scope = this.scopeOfFunctionOrClass(current);
      if (scope) {
        out.push(...scope.through);
        return false;
      }
      if (current.type === 'Identifier' && isReferencePosition(current)) {
        const reference = this.bindings.reference(current);
        const variable = reference?.isRead() ? reference.resolved : null;
        const declared = variable?.defs[0]?.name;
        if (reference && variable && (!declared || !contains(node.range, declared.range))) out.push(reference);
      }
      return true;
    });
    return out;
  }

  private scopeOfFunctionOrClass(node: Node): ScopeLike | null {
    return isFunctionLike(node) || node.type === 'ClassDeclaration' || node.type === 'ClassExpression'
      ? this.scopeManager.acquire(node)
      : null;
  }

  private sitesWithin(range: Range): SessionCallSite[] {
    const sites = this.sites;
    let low = 0;
    let high = sites.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (sites[mid]!.range[0] < range[0]) low = mid + 1;
      else high = mid;
    }
    const out: SessionCallSite[] = [];
    for (let i = low; i < sites.length && sites[i]!.range[0] < range[1]; i++) {
      if (sites[i]!.range[1] <= range[1]) out.push(sites[i]!);
    }
    return out;
  }


}

const parentOf = (node: Node): Node | undefined => (node as { parent?: Node }).parent;

/** ESLint sets parent pointers; a tree parsed some other way gets them here. */
function ensureParents(program: TSESTree.Program): void {
  const first = program.body[0];
  if (!first || parentOf(first)) return;
  walk(program, (node, parent) => {
    if (parent) (node as { parent?: Node }).parent = parent;
  });
}

/** The member a destructured binding takes from a module object: `{ getServerSession: gss } = nextAuth`. */
function destructuredMember(pattern: TSESTree.ObjectPattern, variable: VariableLike, module: string): ModuleValue | null {
  for (const property of pattern.properties) {
    if (property.type !== 'Property') continue;
    const target = property.value.type === 'AssignmentPattern' ? property.value.left : property.value;
    if (target.type !== 'Identifier' || target.name !== variable.name) continue;
    const key = !property.computed && property.key.type === 'Identifier' ? property.key.name : property.key.type === 'Literal' ? String(property.key.value) : null;
    return key ? { kind: 'member', module, name: key } : null;
  }
  return null;
}

/** `x.name` or `x['name']` read from `object` (through casts and parentheses), or null. */
function memberOf(object: Node): Node | null {
  let outer = object;
  for (let parent = parentOf(outer); parent && isTransparentParent(parent, outer); parent = parentOf(outer)) outer = parent;
  const parent = parentOf(outer);
  return parent?.type === 'MemberExpression' && parent.object === outer ? parent : null;
}

function leadsInto(edges: readonly Edge[], variable: VariableLike): boolean {
  for (const edge of edges) if (edge.variable === variable) return true;
  return false;
}

/** The bodies that do not contain `range`, or all of them (the same list) when none does. */
function bodiesOutside(bodies: readonly Node[], range: Range): readonly Node[] {
  for (const body of bodies) {
    if (contains(body.range, range)) return bodies.filter((b) => !contains(b.range, range));
  }
  return bodies;
}

/** False for names that are not references: property keys, member names, labels. */
function isReferencePosition(identifier: TSESTree.Identifier): boolean {
  const parent = parentOf(identifier);
  if (!parent) return false;
  switch (parent.type) {
    case 'MemberExpression':
      return parent.object === identifier || parent.computed;
    case 'Property':
    case 'PropertyDefinition':
    case 'MethodDefinition':
      return parent.key !== identifier || parent.computed || (parent.type === 'Property' && parent.shorthand);
    case 'LabeledStatement':
    case 'BreakStatement':
    case 'ContinueStatement':
      return false;
    default:
      return true;
  }
}

/**
 * `typeof getServerSession`, in a type or as a value (`typeof getServerSession === 'function'`), names the getter
 * without calling it or handing it on: nothing reads the session there.
 */
function namesGetterWithoutUse(use: Node, outer: Node): boolean {
  const parent = parentOf(outer);
  return inTypeQuery(use) || (parent?.type === 'UnaryExpression' && parent.operator === 'typeof');
}

/** `typeof x` in a type names a value without running it. */
function inTypeQuery(node: Node): boolean {
  let parent = parentOf(node);
  while (parent && (parent.type === 'TSQualifiedName' || parent.type === 'MemberExpression')) parent = parentOf(parent);
  return parent?.type === 'TSTypeQuery';
}

/**
 * `import()` expressions: the source text (or else the tokens) says whether there are any — the common case is
 * none — and only then is the tree walked to find them.
 */
function dynamicImports(program: TSESTree.Program, sourceText: string | undefined): TSESTree.ImportExpression[] {
  const tokens = program.tokens;
  if (sourceText !== undefined) {
    if (!mentionsImportCall(sourceText)) return [];
  } else if (tokens) {
    const hasDynamicImport = tokens.some((t, i) => t.type === 'Keyword' && t.value === 'import' && tokens[i + 1]?.value === '(');
    if (!hasDynamicImport) return [];
  }
  const found: TSESTree.ImportExpression[] = [];
  walk(program, (node) => {
    if (node.type === 'ImportExpression') found.push(node);
  });
  return found;
}

/**
 * Whether the text has `import` as a word followed by `(` (after any white space), as every `import()` expression
 * does. The few `import` words of a module are found with `indexOf`: no pattern runs over the whole text.
 */
function mentionsImportCall(text: string): boolean {
  for (let at = text.indexOf('import'); at !== -1; at = text.indexOf('import', at + 1)) {
    if (at > 0 && isWordCharacter(text.charCodeAt(at - 1))) continue;
    let next = at + 'import'.length;
    while (next < text.length && isWhiteSpace(text.charCodeAt(next))) next++;
    if (text.charCodeAt(next) === 0x28 /* ( */) return true;
  }
  return false;
}

/** `\s` of a regular expression: white space and line terminators. */
function isWhiteSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** `\w` of a regular expression without the `u` flag: ASCII letters, digits and `_`. */
function isWordCharacter(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

function isHandlerName(kind: RouteKind, name: string): boolean {
  if (kind === 'app-route') return (HTTP_METHODS as readonly string[]).includes(name);
  if (kind === 'pages-api') return name === 'default';
  return true;
}

function moduleExportName(node: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return node.type === 'Identifier' ? node.name : node.value;
}

function addDeclarationCandidates(
  candidates: ExportCandidate[],
  statement: Node,
  declaration: TSESTree.NamedExportDeclarations,
): void {
  if ((declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration') && declaration.id) {
    candidates.push({ name: declaration.id.name, exportNode: statement, value: declaration });
    return;
  }
  if (declaration.type !== 'VariableDeclaration') return;
  for (const declarator of declaration.declarations) {
    if (declarator.id.type === 'Identifier') {
      candidates.push({ name: declarator.id.name, exportNode: statement, value: declarator.init, declarator });
      continue;
    }
    for (const name of boundIdentifiers(declarator.id).map((id) => id.name)) {
      candidates.push({ name, exportNode: statement, value: null, from: declarator.init, opaqueReason: 'the handler is destructured from another value' });
    }
  }
}


/** `module.exports = handler` and `exports.default = handler` in CommonJS API routes. */
function commonJsExport(expression: Node): { name: string; value: Node } | null {
  if (expression.type !== 'AssignmentExpression' || expression.operator !== '=') return null;
  const target = expression.left;
  if (target.type !== 'MemberExpression' || target.computed || target.property.type !== 'Identifier') return null;
  const isModuleExports = (n: Node) =>
    n.type === 'MemberExpression' &&
    !n.computed &&
    n.object.type === 'Identifier' &&
    n.object.name === 'module' &&
    n.property.type === 'Identifier' &&
    n.property.name === 'exports';
  if (isModuleExports(target)) return { name: 'default', value: expression.right };
  const owner = target.object;
  if ((owner.type === 'Identifier' && owner.name === 'exports') || isModuleExports(owner)) {
    return { name: target.property.name, value: expression.right };
  }
  return null;
}

/** The argument of a wrapper call that carries the handler: the first function, else the first name or call. */
function wrappedArgument(call: TSESTree.CallExpression): Node | null {
  const args = call.arguments.map((a) => (a.type === 'SpreadElement' ? null : skipTransparent(a)));
  return (
    args.find((a) => isFunctionLike(a)) ??
    args.find((a) => a?.type === 'Identifier' || a?.type === 'CallExpression') ??
    null
  );
}

/** The definition that gives a name its value (TypeScript overloads add bodiless definitions first). */
function definitionWithValue(variable: VariableLike) {
  const defs = variable.defs;
  for (let i = defs.length - 1; i >= 0; i--) {
    const def = defs[i]!;
    if (def.type === 'FunctionName' && def.node.type === 'TSDeclareFunction') continue;
    return def;
  }
  return undefined;
}

function isInlineIn(candidate: ExportCandidate, fn: FunctionLike): boolean {
  return contains(candidate.exportNode.range, fn.range);
}

function describeNode(node: Node): string {
  switch (node.type) {
    case 'MemberExpression':
      return `a property of another value (\`${calleeText(node)}\`)`;
    case 'ObjectExpression':
      return 'an object';
    case 'ClassExpression':
    case 'ClassDeclaration':
      return 'a class';
    case 'ConditionalExpression':
    case 'LogicalExpression':
      return 'chosen at run time';
    default:
      return `a ${node.type}`;
  }
}

/** Analyzes one parsed module: its handlers, their wrapper chains, the session calls they reach, and their status. */
export function analyzeModule(
  program: TSESTree.Program,
  scopeManager: ScopeManagerLike,
  config: TenantIsolationConfig,
  options: AnalyzeOptions = {},
): ModuleAnalysis {
  return new ModuleAnalyzer(program, scopeManager, config, options).analyze();
}
