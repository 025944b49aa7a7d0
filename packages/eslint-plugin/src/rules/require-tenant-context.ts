import {
  detectCodeStyle,
  findImport,
  newImportAnchor,
  wrappersFor,
  type CodeStyle,
  type HandlerAnalysis,
  type RouteKind,
  type SessionCallSite,
  type TenantIsolationConfig,
} from '@tenant-isolation/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../utils/create-rule';
import { routeModuleOf } from '../utils/route-module';
import { ruleConfig, ruleOptionsJsonSchema, type AnalysisOptions } from '../utils/settings';

export type Options = [AnalysisOptions];
export type MessageIds = 'unwrappedSessionRead' | 'wrapHandler';

interface Finding {
  site: SessionCallSite;
  handlers: HandlerAnalysis[];
  via: string[];
}

/**
 * `route handler 'GET'`, `route handlers 'GET' and 'POST'`, `route handlers 'GET', 'PUT' and 'POST'`; `server action
 * 'save'` for server actions, which nobody calls route handlers.
 */
function handlerList(names: string[], kinds: ReadonlySet<RouteKind>): string {
  const actions = kinds.size === 1 && kinds.has('server-action');
  const noun = actions ? 'server action' : kinds.has('server-action') ? 'handler' : 'route handler';
  if (names.length === 1) return `${noun} '${names[0]}'`;
  const quoted = names.map((n) => `'${n}'`);
  return `${noun}s ${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
}

export default createRule<Options, MessageIds>({
  name: 'require-tenant-context',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require route handlers that read the session to be wrapped in the tenant context wrapper',
    },
    hasSuggestions: true,
    schema: [ruleOptionsJsonSchema() as never],
    messages: {
      unwrappedSessionRead:
        '{{callee}}() reads the session in {{handlers}} outside {{wrapper}}(). Wrap the handler and read the tenant from {{accessor}}() instead.',
      wrapHandler: "Wrap '{{handler}}' in {{wrapper}}()",
    },
  },
  defaultOptions: [{}],
  create(context, [options]) {
    const config = ruleConfig(context.settings, options);
    return {
      Program(program) {
        const { sourceCode } = context;
        // Every way of reaching a getter spells its name somewhere in the file (an aliased import names it too).
        if (!mentionsAnyGetter(sourceCode.text, config)) return;
        const routeModule = routeModuleOf(context, program, config);
        if (!routeModule) return;
        const { analysis, importerPath } = routeModule;
        const found = findings(analysis.handlers);
        if (found.length === 0) return;
        const suggestible = found.some((f) => f.handlers.some(canWrap));
        const suggestions = suggestible ? WrapSuggestions.in(sourceCode, config, program, importerPath) : null;
        for (const finding of found) report(context, config, suggestions, finding);
      },
    };
  },
});

function mentionsAnyGetter(text: string, config: TenantIsolationConfig): boolean {
  return config.sessionGetters.some(({ name }) => text.includes(name)) || config.indirectSessionGetters.some(({ name }) => text.includes(name));
}

/** One finding per session call site, naming every unwrapped handler that reaches it. */
function findings(handlers: HandlerAnalysis[]): Finding[] {
  const found: Finding[] = [];
  const bySite = new Map<number, Finding>();
  for (const handler of handlers) {
    if (handler.wrapped || handler.status === 'public') continue;
    for (const { site, via } of handler.sessionCalls) {
      const finding = bySite.get(site.range[0]);
      if (finding) {
        finding.handlers.push(handler);
        continue;
      }
      const created = { site, handlers: [handler], via };
      bySite.set(site.range[0], created);
      found.push(created);
    }
  }
  return found;
}

function report(
  context: Readonly<TSESLint.RuleContext<MessageIds, Options>>,
  config: TenantIsolationConfig,
  suggestions: WrapSuggestions | null,
  { site, handlers, via }: Finding,
): void {
  // Most session calls are reached by one handler; only several need their names deduplicated and ordered.
  const distinct = handlers.length === 1 ? handlers : [...new Set(handlers)];
  const names = distinct.length === 1 ? [distinct[0]!.name] : [...new Set(distinct.map((h) => h.name))].sort();
  const suggest: Array<TSESLint.SuggestionReportDescriptor<MessageIds>> = [];
  if (suggestions) {
    for (const handler of distinct) {
      const suggestion = suggestions.for(handler);
      if (suggestion) suggest.push(suggestion);
    }
  }
  context.report({
    loc: site.loc,
    messageId: 'unwrappedSessionRead',
    data: {
      callee: site.callee,
      handlers:
        handlerList(names, new Set(distinct.map((h) => h.routeKind))) +
        (via.length > 0 ? ` (through ${via.map((v) => `${v}()`).join(' → ')})` : ''),
      wrapper: wrappersFor(distinct[0]!.routeKind, config)[0]!.name,
      accessor: config.contextAccessor.name,
    },
    suggest,
  });
}

/** Only an App Router handler written as one function can be wrapped by a suggestion. */
function canWrap(handler: HandlerAnalysis): boolean {
  return handler.routeKind === 'app-route' && handler.inlineFunction && handler.functionRange !== null;
}

/** Text to insert at a source offset. */
type Insertion = [offset: number, text: string];

/**
 * The wrap suggestions of one file. They share the wrapper's local name, its import and the file's style, and a
 * handler reached from several session calls is offered the same suggestion at each, so all of it is worked out once.
 */
class WrapSuggestions {
  private readonly byHandler = new Map<HandlerAnalysis, TSESLint.SuggestionReportDescriptor<MessageIds> | null>();
  private importInsertion: Insertion | null | undefined;

  private constructor(
    private readonly program: TSESTree.Program,
    private readonly text: string,
    private readonly wrapperName: string,
    private readonly localName: string,
    /** The import to add, when the wrapper is not imported yet. */
    private readonly addImport: { module: string; declaration: TSESTree.ImportDeclaration | null } | null,
    private readonly style: CodeStyle,
  ) {}

  /** Null when the wrapper's name is taken by another binding of the module: a suggestion would not compile. */
  static in(
    sourceCode: Readonly<TSESLint.SourceCode>,
    config: TenantIsolationConfig,
    program: TSESTree.Program,
    importerPath: string,
  ): WrapSuggestions | null {
    const wrapper = config.wrappers[0]!;
    const existing = findImport(program, wrapper, importerPath);
    if (!existing.localName) {
      const taken = sourceCode.scopeManager?.globalScope?.childScopes.some((scope) => scope.set.has(wrapper.name));
      if (taken) return null;
    }
    const module = typeof wrapper.from === 'string' ? wrapper.from : wrapper.from[0]!;
    return new WrapSuggestions(
      program,
      sourceCode.text,
      wrapper.name,
      existing.localName ?? wrapper.name,
      existing.localName ? null : { module, declaration: existing.declaration },
      detectCodeStyle(sourceCode.text, program),
    );
  }

  for(handler: HandlerAnalysis): TSESLint.SuggestionReportDescriptor<MessageIds> | null {
    let suggestion = this.byHandler.get(handler);
    if (suggestion === undefined) {
      suggestion = this.wrap(handler);
      this.byHandler.set(handler, suggestion);
    }
    return suggestion;
  }

  /**
   * Wraps an App Router handler written as one function. A declaration becomes a `const` holding the same function
   * as an expression, so `this`, `arguments` and the function's name keep their meaning; the wrapper is imported
   * into an existing declaration of its module when there is one.
   */
  private wrap(handler: HandlerAnalysis): TSESLint.SuggestionReportDescriptor<MessageIds> | null {
    if (!canWrap(handler) || !handler.functionRange) return null;
    const [start, end] = handler.functionRange;
    const isDeclaration = isExportedFunctionDeclaration(this.program, start);
    // Insertions around the function, not a replacement of it: ESLint computes every suggestion as it reports.
    const insertions: Insertion[] = [
      [start, isDeclaration ? `const ${handler.name} = ${this.localName}(` : `${this.localName}(`],
      [end, isDeclaration ? `)${this.style.semicolon}` : ')'],
    ];
    const importInsertion = this.wrapperImport();
    if (importInsertion) insertions.push(importInsertion);
    const fix = asOneFix(this.text, insertions);
    return { messageId: 'wrapHandler', data: { handler: handler.name, wrapper: this.wrapperName }, fix: () => fix };
  }

  /** Adds the wrapper to the existing import of its module, or a new import after the last one, in the file's own style. */
  private wrapperImport(): Insertion | null {
    if (this.importInsertion !== undefined) return this.importInsertion;
    this.importInsertion = null;
    if (this.addImport) {
      const { quote, semicolon, eol } = this.style;
      const { module, declaration } = this.addImport;
      const lastNamed = declaration?.specifiers.filter((s) => s.type === 'ImportSpecifier').at(-1);
      const statement = `import { ${this.wrapperName} } from ${quote}${module}${quote}${semicolon}`;
      const anchor = lastNamed ? null : newImportAnchor(this.program);
      this.importInsertion = lastNamed
        ? [lastNamed.range[1], `, ${this.wrapperName}`]
        : anchor
          ? [anchor.range[1], `${eol}${statement}`]
          : [0, `${statement}${eol}`];
    }
    return this.importInsertion;
  }
}

/**
 * The insertions as the one fix ESLint would merge them into: from the first offset to the last, the text between
 * them kept. A suggestion hands ESLint this fix rather than the list, which it would sort and merge on every report.
 * Insertions at the same offset keep their order.
 */
function asOneFix(source: string, insertions: Insertion[]): TSESLint.RuleFix {
  const ordered: Insertion[] = [];
  for (const insertion of insertions) {
    let at = ordered.length;
    while (at > 0 && ordered[at - 1]![0] > insertion[0]) at--;
    ordered.splice(at, 0, insertion);
  }
  const first = ordered[0]![0];
  let text = '';
  let at = first;
  for (const [offset, inserted] of ordered) {
    text += source.slice(at, offset) + inserted;
    at = offset;
  }
  return { range: [first, at], text };
}

function isExportedFunctionDeclaration(program: TSESTree.Program, functionStart: number): boolean {
  return program.body.some(
    (s) => s.type === 'ExportNamedDeclaration' && s.declaration?.type === 'FunctionDeclaration' && s.declaration.range[0] === functionStart,
  );
}
