import {
  detectCodeStyle,
  wrappersFor,
  type CodeStyle,
  type HandlerAnalysis,
  type SessionCallSite,
  type TenantIsolationConfig,
  type TextEdit,
} from '@tenant-isolation/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../utils/create-rule';
import { asOneFix, placeNamedImport, type ImportPlacement } from '../utils/fixes';
import { describeHandlers } from '../utils/handler-names';
import { mentionsAnyGetter, routeModuleOf } from '../utils/route-module';
import { ruleConfig, ruleOptionsJsonSchema, type AnalysisOptions } from '../utils/settings';

export type Options = [AnalysisOptions];
export type MessageIds = 'unwrappedSessionRead' | 'wrapHandler';

interface Finding {
  site: SessionCallSite;
  handlers: HandlerAnalysis[];
  via: string[];
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
      handlers: describeHandlers(names, via, distinct),
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

/**
 * The wrap suggestions of one file. They share the wrapper's local name, its import and the file's style, and a
 * handler reached from several session calls is offered the same suggestion at each, so all of it is worked out once.
 */
class WrapSuggestions {
  private readonly byHandler = new Map<HandlerAnalysis, TSESLint.SuggestionReportDescriptor<MessageIds> | null>();

  private constructor(
    private readonly program: TSESTree.Program,
    private readonly text: string,
    private readonly wrapperName: string,
    private readonly wrapperImport: ImportPlacement,
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
    const style = detectCodeStyle(sourceCode.text, program);
    const wrapperImport = placeNamedImport(program, wrapper, importerPath, style);
    if (wrapperImport.edit) {
      const taken = sourceCode.scopeManager?.globalScope?.childScopes.some((scope) => scope.set.has(wrapper.name));
      if (taken) return null;
    }
    return new WrapSuggestions(program, sourceCode.text, wrapper.name, wrapperImport, style);
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
    const { localName, edit: importEdit } = this.wrapperImport;
    // Insertions around the function, not a replacement of it: ESLint computes every suggestion as it reports.
    const edits: TextEdit[] = [
      { start, end: start, text: isDeclaration ? `const ${handler.name} = ${localName}(` : `${localName}(` },
      { start: end, end, text: isDeclaration ? `)${this.style.semicolon}` : ')' },
    ];
    if (importEdit) edits.push(importEdit);
    const fix = asOneFix(this.text, edits);
    return { messageId: 'wrapHandler', data: { handler: handler.name, wrapper: this.wrapperName }, fix: () => fix };
  }
}

function isExportedFunctionDeclaration(program: TSESTree.Program, functionStart: number): boolean {
  return program.body.some(
    (s) => s.type === 'ExportNamedDeclaration' && s.declaration?.type === 'FunctionDeclaration' && s.declaration.range[0] === functionStart,
  );
}
