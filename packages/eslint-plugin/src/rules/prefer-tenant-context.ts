import {
  accessorCallee,
  accessorName,
  anonymousPaths,
  configSchema,
  optionalContextChange,
  otherAuthOptions,
  contains,
  contextReadEdits,
  detectCodeStyle,
  freshContextName,
  isFunctionLike,
  isTransparentWrapper,
  mentionsAny,
  planImportRemovals,
  sessionReadNode,
  sessionValueOf,
  skipTransparent,
  staticPropertyName,
  type CodeStyle,
  type HandlerAnalysis,
  type Range,
  type SessionCallSite,
  type SessionRead,
  type TenantIsolationConfig,
  type TextEdit,
  type WrapperCall,
} from '@tenant-isolation/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { z } from 'zod';
import { createRule } from '../utils/create-rule';
import { asOneFix, placeNamedImport, type ImportPlacement } from '../utils/fixes';
import { describeHandlers } from '../utils/handler-names';
import { mentionsAnyGetter, routeModuleOf } from '../utils/route-module';
import { analysisOptionsSchema, ruleConfig, ruleOptionsJsonSchema } from '../utils/settings';

type Node = TSESTree.Node;

/** The analysis keys every rule takes, and the two the rewrite reads: which accessor may be null, and the mapping. */
const optionsSchema = analysisOptionsSchema.extend(
  configSchema.pick({ optionalContextAccessor: true, sessionMapping: true }).partial().shape,
);

export type Options = [z.input<typeof optionsSchema>];
export type MessageIds = 'sessionReadInContext' | 'readContext' | 'reuseContext' | 'dropSessionRead';

/** A session call site reached from inside tenant context, with every handler that reaches it. */
interface Finding {
  site: SessionCallSite;
  reached: Array<{ handler: HandlerAnalysis; via: string[] }>;
}

export default createRule<Options, MessageIds>({
  name: 'prefer-tenant-context',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Prefer the verified tenant context to reading the session again inside the tenant context wrapper',
    },
    hasSuggestions: true,
    schema: [ruleOptionsJsonSchema(optionsSchema) as never],
    messages: {
      sessionReadInContext:
        '{{callee}}() reads the session in {{handlers}} inside {{wrapper}}(), which has already verified it. Read the tenant from {{accessor}}() instead.',
      readContext: 'Read the tenant context from {{accessor}}() instead of {{callee}}()',
      reuseContext: 'Read the tenant context from `{{name}}`, which the handler already has, instead of {{callee}}()',
      dropSessionRead: 'Remove {{callee}}() and the checks that {{wrapper}}() already makes',
    },
  },
  defaultOptions: [{}],
  create(context, [options]) {
    const config = ruleConfig(context.settings, options);
    return {
      Program(program) {
        const { sourceCode } = context;
        if (!mentionsAnyGetter(sourceCode.text, config) || !mentionsAnyWrapper(sourceCode.text, config)) return;
        const routeModule = routeModuleOf(context, program, config);
        if (!routeModule) return;
        const found = findings(routeModule.analysis.handlers);
        if (found.length === 0) return;
        const suggestions = new ContextSuggestions(sourceCode, config, program, routeModule.importerPath, routeModule.analysis.handlers);
        for (const finding of found) {
          const requiresSignIn = finding.reached.every(({ handler }) => suggestions.requiresSignIn(handler));
          const accessor = requiresSignIn ? config.contextAccessor : (config.optionalContextAccessor ?? config.contextAccessor);
          const [first] = finding.reached;
          const names = [...new Set(finding.reached.map(({ handler }) => handler.name))];
          if (names.length > 1) names.sort();
          context.report({
            loc: finding.site.loc,
            messageId: 'sessionReadInContext',
            data: {
              callee: finding.site.callee,
              handlers: describeHandlers(names, first!.via, finding.reached.map(({ handler }) => handler)),
              wrapper: wrapperText(first!.handler),
              accessor: accessor.name,
            },
            suggest: suggestions.for(finding, requiresSignIn),
          });
        }
      },
    };
  },
});

/** A wrapped handler spells its wrapper's name, as a getter's: a file that names none has nothing to report. */
function mentionsAnyWrapper(text: string, config: TenantIsolationConfig): boolean {
  return mentionsAny(text, config.wrappers) || mentionsAny(text, config.pagesWrappers);
}

/**
 * One finding per session call site that handlers running inside tenant context reach. A site that a handler
 * outside it also reaches (unwrapped, or public) is left alone: the read is still needed there, and an unwrapped
 * handler is require-tenant-context's to report.
 */
function findings(handlers: readonly HandlerAnalysis[]): Finding[] {
  const bySite = new Map<number, Finding>();
  const outsideContext = new Set<number>();
  for (const handler of handlers) {
    const inContext = handler.wrapped && handler.status !== 'public';
    for (const { site, via } of handler.sessionCalls) {
      if (!inContext) {
        outsideContext.add(site.range[0]);
        continue;
      }
      const finding = bySite.get(site.range[0]);
      if (finding) finding.reached.push({ handler, via });
      else bySite.set(site.range[0], { site, reached: [{ handler, via }] });
    }
  }
  const found: Finding[] = [];
  for (const [start, finding] of bySite) if (!outsideContext.has(start)) found.push(finding);
  return found;
}

/** The tenant wrapper as the handler's code calls it (`withTenantContext`, an alias, `api.withTenantContext`). */
function wrapperText(handler: HandlerAnalysis): string {
  const call = tenantWrapperCalls(handler)[0]!;
  // A curried wrapper's callee reads `withAuth(…)`: the configured name reads better in a message.
  return call.callee.includes('(') ? call.wrapper! : call.callee;
}

function tenantWrapperCalls(handler: HandlerAnalysis): WrapperCall[] {
  return handler.wrapperChain.filter((call) => call.wrapper !== null);
}

/**
 * The suggestions of one file. They share the file's style, its module-level names and what each handler's wrapper
 * requires, so those are worked out once, and only for a file with something to report.
 */
class ContextSuggestions {
  private readonly text: string;
  private style: CodeStyle | undefined;
  private moduleNames: Set<string> | undefined;
  private readonly signInByHandler = new Map<HandlerAnalysis, boolean>();
  private wrapperCalls: Range[] | undefined;

  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly config: TenantIsolationConfig,
    private readonly program: TSESTree.Program,
    private readonly importerPath: string,
    private readonly handlers: readonly HandlerAnalysis[],
  ) {
    this.text = sourceCode.text;
  }

  /**
   * Whether the handler's tenant wrapper turns away callers without a session, so that its context is always there:
   * a wrapper called with the handler alone, or with options that leave `requireAuth` at its default or set it to
   * `true`. Options the rule cannot read (`{ requireAuth: false }`, a variable, a spread) may let anonymous callers in.
   */
  requiresSignIn(handler: HandlerAnalysis): boolean {
    let required = this.signInByHandler.get(handler);
    if (required === undefined) {
      required = tenantWrapperCalls(handler).some((call) => !call.hasOptions || this.optionsRequireSignIn(call));
      this.signInByHandler.set(handler, required);
    }
    return required;
  }

  private optionsRequireSignIn(wrapperCall: WrapperCall): boolean {
    const call = this.callAt(wrapperCall.range);
    if (!call) return false;
    const callee = skipTransparent(call.callee);
    // `withTenantContext(handler, options)`, or curried: `withTenantContext(options)(handler)`.
    const options = callee.type === 'CallExpression' ? callee.arguments : call.arguments.slice(1);
    return options.every(keepsSignInRequired);
  }

  /**
   * The suggestion for a session read whose declaration is in the handler itself (not a helper other code may
   * call), when every read of the session maps to the context; none when anything else reads it.
   */
  for(finding: Finding, requiresSignIn: boolean): Array<TSESLint.SuggestionReportDescriptor<MessageIds>> {
    const { site, reached } = finding;
    if (site.kind !== 'direct' || !site.called || !isEsModule(this.program)) return [];
    const inHandler = ({ handler, via }: Finding['reached'][number]) =>
      via.length === 0 && handler.functionRange !== null && contains(handler.functionRange, site.range);
    if (!reached.every(inHandler) || !reached.every(({ handler }) => this.runsOnlyWrapped(handler))) return [];
    const accessorSpec = requiresSignIn ? this.config.contextAccessor : this.config.optionalContextAccessor;
    if (!accessorSpec) return [];
    if (!requiresSignIn && !reached.every(({ handler }) => this.answersAnonymousCallersExactly(handler))) return [];
    const call = this.callAt(site.range);
    if (!call) return [];
    const scopeManager = this.sourceCode.scopeManager!;
    // Other NextAuth options read another session than the wrapper's context holds.
    if (otherAuthOptions(call, site, scopeManager, this.config, this.text, this.importerPath) !== null) return [];
    const value = sessionValueOf(call, site.callee, scopeManager, this.config);
    if (typeof value === 'string' || value.reads.some((read) => read.kind === 'unsafe')) return [];
    // A read in place is rewritten only when it is one mapped property: `(await getServerSession(…))?.user.id`.
    if (!value.declarator && value.reads[0]?.kind !== 'mapped') return [];

    const style = (this.style ??= detectCodeStyle(this.text, this.program));
    const accessorParts = accessorName(accessorSpec);
    const accessor = placeNamedImport(this.program, accessorParts.imported, this.importerPath, style);
    const accessorCall = accessorCallee(accessorParts, accessor.localName);
    const handlerRange = reached[0]!.handler.functionRange!;
    const { edits, readsContext, contextVariable } = contextReadEdits(this.text, value, {
      accessor: accessorCall,
      optional: !requiresSignIn,
      contextName: () => freshContextName(scopeManager, handlerRange, (name) => this.moduleLevelNames().has(name) || name === accessor.localName),
      existingContext: accessor.edit || !value.declarator ? undefined : this.contextVariableBefore(value.declarator, value.reads, accessor.localName, accessorParts.method, handlerRange),
      guaranteedKeys: new Set(this.config.contextAccessor.guarantees),
    });
    if (readsContext && !this.resolvesToImport(accessor, call)) return [];
    const fix = asOneFix(this.text, this.withImports(edits, readsContext ? accessor : null));
    const { callee } = site;
    const suggestion: TSESLint.SuggestionReportDescriptor<MessageIds> = readsContext
      ? { messageId: 'readContext', data: { accessor: accessorCall, callee }, fix: () => fix }
      : contextVariable
        ? { messageId: 'reuseContext', data: { name: contextVariable, callee }, fix: () => fix }
        : { messageId: 'dropSessionRead', data: { callee, wrapper: wrapperText(reached[0]!.handler) }, fix: () => fix };
    return [suggestion];
  }

  /**
   * Where the wrapper lets callers without a session in, the handler answers them itself, and the rewrite must keep
   * that answer: the codemod's own analysis of their paths has to be decided, and no path may end by reading a
   * property of the missing session (a rewrite of that read would answer differently).
   */
  private answersAnonymousCallersExactly(handler: HandlerAnalysis): boolean {
    const fn = this.nodeAt(handler.functionRange!, isFunctionLike);
    if (!fn) return false;
    const sessionCalls = handler.sessionCalls.filter(({ site }) => contains(fn.range, site.range)).map(({ site }) => site);
    const paths = anonymousPaths({ fn, scopeManager: this.sourceCode.scopeManager!, sessionCalls, pagesApi: handler.routeKind === 'pages-api' });
    return optionalContextChange(paths) === null;
  }

  /**
   * The variable of a `const ctx = requireTenantContext()` that the handler declares before the session, in a block
   * around it, with the imported accessor, when every read of the session sees that variable under its name: the
   * reads go through it rather than through a second context variable.
   */
  private contextVariableBefore(
    session: TSESTree.VariableDeclarator,
    reads: readonly SessionRead[],
    accessorLocal: string,
    accessorMethod: string | null,
    handlerRange: Range,
  ): string | undefined {
    let inner: Node = session.parent!;
    for (let outer: Node | undefined = inner.parent; outer && contains(handlerRange, outer.range); outer = outer.parent) {
      if (outer.type === 'BlockStatement') {
        for (const statement of outer.body) {
          if (statement === inner) break;
          const declarator = accessorDeclarator(statement, accessorLocal, accessorMethod);
          if (!declarator || this.variableAt(accessorLocal, declarator.init)?.defs[0]?.type !== 'ImportBinding') continue;
          const [variable] = this.sourceCode.getDeclaredVariables(declarator);
          if (variable && reads.every((read) => this.variableAt(variable.name, sessionReadNode(read)) === variable)) return variable.name;
        }
      }
      inner = outer;
    }
    return undefined;
  }

  /** The variable a name means at a node. */
  private variableAt(name: string, node: Node): TSESLint.Scope.Variable | undefined {
    for (let scope: TSESLint.Scope.Scope | null = this.sourceCode.getScope(node); scope; scope = scope.upper) {
      const variable = scope.set.get(name);
      if (variable) return variable;
    }
    return undefined;
  }

  /**
   * The edits with the accessor's import added and the imports they leave unread removed (the getter, `authOptions`,
   * a `Session` type), by the plan the codemod makes. Where the plan cannot be made from this module alone (it loads
   * modules with `import()` or `require`, or an edit is next to an import), imports stay as they are.
   */
  private withImports(edits: TextEdit[], accessor: ImportPlacement | null): TextEdit[] {
    const all = [...edits];
    const plan = planImportRemovals({ program: this.program, scopeManager: this.sourceCode.scopeManager! }, this.text, edits);
    let removals = plan?.removals ?? [];
    if (accessor?.edit) {
      const after = accessor.statement?.after;
      const removedAnchor = after ? removals.find((r) => r.start <= after.range[0] && after.range[1] <= r.end) : undefined;
      if (after && removedAnchor) {
        // The import the new one would follow goes: the new one takes its place, as the codemod's result has it.
        removals = removals.filter((r) => r !== removedAnchor);
        all.push({ start: after.range[0], end: after.range[1], text: accessor.statement!.text });
      } else {
        const at = accessor.edit.start;
        if (removals.some((r) => r.start <= at && at <= r.end)) removals = [];
        all.push(accessor.edit);
      }
    }
    return [...all, ...removals];
  }

  /**
   * Whether the accessor's name, at the session call, will mean the accessor: not bound to something else in the
   * module when the suggestion imports it, and not shadowed by a local of the same name in between.
   */
  private resolvesToImport(accessor: ImportPlacement, at: Node): boolean {
    const name = accessor.localName;
    if (accessor.edit && this.moduleLevelNames().has(name)) return false;
    for (let scope: TSESLint.Scope.Scope | null = this.sourceCode.getScope(at); scope; scope = scope.upper) {
      if (scope.type === 'module' || scope.type === 'global') break;
      if (scope.set.has(name)) return false;
    }
    return true;
  }

  /** Names declared at module level or read as globals: a new import or context variable must not take one. */
  private moduleLevelNames(): Set<string> {
    if (this.moduleNames) return this.moduleNames;
    const names = new Set<string>();
    const globalScope = this.sourceCode.scopeManager?.globalScope;
    for (const scope of [globalScope, ...(globalScope?.childScopes.filter((s) => s.type === 'module') ?? [])]) {
      for (const variable of scope?.variables ?? []) names.add(variable.name);
    }
    for (const reference of globalScope?.through ?? []) names.add(reference.identifier.name);
    this.moduleNames = names;
    return names;
  }

  /**
   * Whether the handler's function runs only inside its wrapper: it is written in the wrapper call, or its name is
   * read nowhere but in wrapper calls (`async function handler…` then `export default withTenantContext(handler)`).
   * A function that is also exported or called on its own may run where there is no tenant context to read.
   */
  private runsOnlyWrapped(handler: HandlerAnalysis): boolean {
    const fn = this.nodeAt(handler.functionRange!, isFunctionLike);
    if (!fn) return false;
    const wrapperCalls = this.wrapperCallRanges();
    if (wrapperCalls.some((range) => contains(range, fn.range))) return true;
    const named = namedDeclarationOf(fn);
    if (!named || isExported(named)) return false;
    const name = named.id.name;
    // A function declaration also declares its parameters: the function's own name is the one to follow.
    const variable = this.sourceCode.getDeclaredVariables(named).find((v) => v.name === name);
    if (!variable) return false;
    return variable.references.every(
      (reference) => reference.init === true || wrapperCalls.some((range) => contains(range, reference.identifier.range)),
    );
  }

  /** The wrapper calls around the handlers that run inside tenant context. */
  private wrapperCallRanges(): Range[] {
    if (this.wrapperCalls) return this.wrapperCalls;
    this.wrapperCalls = [];
    for (const handler of this.handlers) {
      if (!handler.wrapped || handler.status === 'public') continue;
      for (const call of handler.wrapperChain) this.wrapperCalls.push(call.range);
    }
    return this.wrapperCalls;
  }

  /** The call at exactly `range`: what the analysis's offsets point at in ESLint's own tree. */
  private callAt(range: Range): TSESTree.CallExpression | null {
    return this.nodeAt(range, (node): node is TSESTree.CallExpression => node.type === 'CallExpression');
  }

  private nodeAt<Found extends Node>(range: Range, accept: (node: Node) => node is Found): Found | null {
    let node: Node | undefined = this.sourceCode.getNodeByRangeIndex(range[0]) ?? undefined;
    while (node && node.range[0] === range[0]) {
      if (node.range[1] === range[1] && accept(node)) return node;
      node = node.parent;
    }
    return null;
  }
}

/** `const ctx = requireTenantContext()`: a declaration of one constant holding the context. */
function accessorDeclarator(
  statement: Node,
  local: string,
  method: string | null,
): (TSESTree.VariableDeclarator & { init: TSESTree.CallExpression }) | null {
  if (statement.type !== 'VariableDeclaration' || statement.kind !== 'const' || statement.declarations.length !== 1) return null;
  const declarator = statement.declarations[0]!;
  const init = declarator.init;
  if (declarator.id.type !== 'Identifier' || init?.type !== 'CallExpression' || init.arguments.length > 0) return null;
  const callee = init.callee;
  const calls =
    method === null
      ? callee.type === 'Identifier' && callee.name === local
      : callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && callee.object.name === local && staticPropertyName(callee) === method;
  return calls ? (declarator as TSESTree.VariableDeclarator & { init: TSESTree.CallExpression }) : null;
}

/** A module that imports or exports with ES syntax, where the accessor can be imported: not a CommonJS file. */
function isEsModule(program: TSESTree.Program): boolean {
  if (program.sourceType !== 'module') return false;
  return program.body.some((statement) => statement.type === 'ImportDeclaration' || statement.type.startsWith('Export'));
}

type NamedDeclaration = (TSESTree.FunctionDeclaration | TSESTree.VariableDeclarator) & { id: TSESTree.Identifier };

/** `function handler() {…}` or `const handler = async () => …`: what gives the function a name, if anything does. */
function namedDeclarationOf(fn: Node): NamedDeclaration | null {
  if (fn.type === 'FunctionDeclaration') return fn.id ? (fn as NamedDeclaration) : null;
  let value: Node = fn;
  while (value.parent && isTransparentWrapper(value.parent, value)) value = value.parent;
  const declarator = value.parent;
  return declarator?.type === 'VariableDeclarator' && declarator.init === value && declarator.id.type === 'Identifier'
    ? (declarator as NamedDeclaration)
    : null;
}

function isExported(declaration: NamedDeclaration): boolean {
  const statement = declaration.type === 'FunctionDeclaration' ? declaration.parent : declaration.parent?.parent;
  return statement?.type === 'ExportNamedDeclaration' || statement?.type === 'ExportDefaultDeclaration';
}

/** An options argument that leaves sign-in required: an object literal whose `requireAuth` is absent or `true`. */
function keepsSignInRequired(argument: TSESTree.CallExpressionArgument): boolean {
  if (argument.type === 'SpreadElement') return false;
  const options = skipTransparent(argument);
  if (options.type !== 'ObjectExpression') return false;
  for (const property of options.properties) {
    // A spread or a computed key may set requireAuth to anything.
    if (property.type !== 'Property') return false;
    const name = propertyName(property);
    if (name === null) return false;
    if (name === 'requireAuth') return property.value.type === 'Literal' && property.value.value === true;
  }
  return true;
}

function propertyName(property: TSESTree.Property): string | null {
  if (property.key.type === 'Literal') return String(property.key.value);
  return !property.computed && property.key.type === 'Identifier' ? property.key.name : null;
}
