import * as path from 'node:path';
import {
  analyzeModule,
  detectCodeStyle,
  findImport,
  hasUseServerDirective,
  matchRoutePath,
  type CodeStyle,
  type HandlerAnalysis,
  type SessionCallSite,
  type TenantIsolationConfig,
} from '@tenant-isolation/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../utils/create-rule';
import { ruleConfig, ruleOptionsJsonSchema, type AnalysisOptions } from '../utils/settings';

export type Options = [AnalysisOptions];
export type MessageIds = 'unwrappedSessionRead' | 'wrapHandler';

interface Finding {
  site: SessionCallSite;
  handlers: HandlerAnalysis[];
  via: string[];
}

/** `route handler 'GET'`, `route handlers 'GET' and 'POST'`, `route handlers 'GET', 'PUT' and 'POST'`. */
function handlerList(names: string[]): string {
  const quoted = names.map((n) => `'${n}'`);
  if (quoted.length === 1) return `route handler ${quoted[0]}`;
  return `route handlers ${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
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
        "{{callee}}() reads the session in {{handlers}}{{via}}, which {{verb}} not wrapped in {{wrapper}}(). Wrap the handler in {{wrapper}}() and read the tenant from {{accessor}}() instead.",
      wrapHandler: "Wrap '{{handler}}' in {{wrapper}}()",
    },
  },
  defaultOptions: [{}],
  create(context, [options]) {
    const config = ruleConfig(context.settings, options);
    const relativePath = path.isAbsolute(context.filename)
      ? path.relative(context.cwd, context.filename)
      : context.filename;
    const routePath = matchRoutePath(relativePath, config);
    // Relative imports resolve against the project-relative path, as the report resolves them, so the rule and the
    // report agree on which module `../../lib/api-wrapper` names whether ESLint passed an absolute path or not.
    const importerPath = routePath ?? context.filename;
    return {
      Program(program) {
        const serverAction = config.serverActions && hasUseServerDirective(program);
        if (!routePath && !serverAction) return;
        const analysis = analyzeModule(program, context.sourceCode.scopeManager!, config, {
          filePath: importerPath,
          routePath: routePath ?? relativePath,
          ...(serverAction ? { routeKind: 'server-action' as const } : {}),
        });
        for (const finding of findings(analysis.handlers)) report(context, config, program, importerPath, finding);
      },
    };
  },
});

/** One finding per session call site, naming every unwrapped handler that reaches it. */
function findings(handlers: HandlerAnalysis[]): Finding[] {
  const bySite = new Map<number, Finding>();
  for (const handler of handlers) {
    if (handler.wrapped || handler.status === 'public') continue;
    for (const { site, via } of handler.sessionCalls) {
      const finding = bySite.get(site.range[0]);
      if (finding) finding.handlers.push(handler);
      else bySite.set(site.range[0], { site, handlers: [handler], via });
    }
  }
  return [...bySite.values()];
}

function report(
  context: Readonly<TSESLint.RuleContext<MessageIds, Options>>,
  config: TenantIsolationConfig,
  program: TSESTree.Program,
  importerPath: string,
  { site, handlers, via }: Finding,
): void {
  const wrapper = config.wrappers[0]!;
  const names = [...new Set(handlers.map((h) => h.name))].sort();
  const suggest = handlers
    .filter((h, i) => handlers.indexOf(h) === i)
    .flatMap((handler) => {
      const fix = wrapFix(context, config, program, importerPath, handler);
      return fix ? [{ messageId: 'wrapHandler' as const, data: { handler: handler.name, wrapper: wrapper.name }, fix }] : [];
    });
  context.report({
    loc: site.loc,
    messageId: 'unwrappedSessionRead',
    data: {
      callee: site.callee,
      handlers: handlerList(names),
      verb: names.length === 1 ? 'is' : 'are',
      via: via.length > 0 ? ` (through ${via.map((v) => `${v}()`).join(' → ')})` : '',
      wrapper: wrapper.name,
      accessor: config.contextAccessor.name,
    },
    suggest,
  });
}

/**
 * Wraps an App Router handler written as one function. A declaration becomes a `const` holding the same function
 * as an expression, so `this`, `arguments` and the function's name keep their meaning; the wrapper is imported
 * into an existing declaration of its module when there is one.
 */
function wrapFix(
  context: Readonly<TSESLint.RuleContext<MessageIds, Options>>,
  config: TenantIsolationConfig,
  program: TSESTree.Program,
  importerPath: string,
  handler: HandlerAnalysis,
): TSESLint.ReportFixFunction | null {
  if (handler.routeKind !== 'app-route' || !handler.inlineFunction || !handler.functionRange) return null;
  const wrapper = config.wrappers[0]!;
  const modules = typeof wrapper.from === 'string' ? [wrapper.from] : wrapper.from;
  const existing = findImport(program, wrapper, importerPath);
  let localName = existing.localName;
  if (!localName) {
    const taken = context.sourceCode.scopeManager?.globalScope?.childScopes
      .flatMap((scope) => scope.variables.map((v) => v.name))
      .includes(wrapper.name);
    if (taken) return null;
    localName = wrapper.name;
  }
  const text = context.sourceCode.text;
  const [start, end] = handler.functionRange;
  const fnText = text.slice(start, end);
  const isDeclaration = isExportedFunctionDeclaration(program, start);
  const style = detectCodeStyle(text, program);
  return (fixer) => {
    const fixes: TSESLint.RuleFix[] = [
      isDeclaration
        ? fixer.replaceTextRange([start, end], `const ${handler.name} = ${localName}(${fnText})${style.semicolon}`)
        : fixer.replaceTextRange([start, end], `${localName}(${fnText})`),
    ];
    if (!existing.localName) {
      fixes.push(addImportFix(fixer, program, style, wrapper.name, modules[0]!, existing.declaration));
    }
    return fixes;
  };
}

/** Adds `name` to the existing import of its module, or a new import after the last one, in the file's own style. */
function addImportFix(
  fixer: TSESLint.RuleFixer,
  program: TSESTree.Program,
  { quote, semicolon, eol }: CodeStyle,
  name: string,
  module: string,
  declaration: TSESTree.ImportDeclaration | null,
): TSESLint.RuleFix {
  const lastNamed = declaration?.specifiers.filter((s) => s.type === 'ImportSpecifier').at(-1);
  if (lastNamed) return fixer.insertTextAfter(lastNamed, `, ${name}`);
  const imports = program.body.filter((s): s is TSESTree.ImportDeclaration => s.type === 'ImportDeclaration');
  const statement = `import { ${name} } from ${quote}${module}${quote}${semicolon}`;
  const anchor = imports.at(-1) ?? lastDirective(program);
  return anchor ? fixer.insertTextAfter(anchor, `${eol}${statement}`) : fixer.insertTextBeforeRange([0, 0], `${statement}${eol}`);
}

function lastDirective(program: TSESTree.Program): TSESTree.Node | undefined {
  let last: TSESTree.Node | undefined;
  for (const statement of program.body) {
    if (statement.type !== 'ExpressionStatement' || !statement.directive) break;
    last = statement;
  }
  return last;
}

function isExportedFunctionDeclaration(program: TSESTree.Program, functionStart: number): boolean {
  return program.body.some(
    (s) => s.type === 'ExportNamedDeclaration' && s.declaration?.type === 'FunctionDeclaration' && s.declaration.range[0] === functionStart,
  );
}
