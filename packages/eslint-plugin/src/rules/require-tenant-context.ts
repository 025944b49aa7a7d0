import * as path from 'node:path';
import {
  analyzeModule,
  findImport,
  hasUseServerDirective,
  matchRoutePath,
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

const quoteList = (names: string[]): string => names.map((n) => `'${n}'`).join(', ');

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
        "{{callee}}() reads the session in route handler {{handlers}}{{via}}, which is not wrapped in {{wrapper}}(). Wrap the handler in {{wrapper}}() and read the tenant from {{accessor}}() instead.",
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
    return {
      Program(program) {
        const serverAction = config.serverActions && hasUseServerDirective(program);
        if (!routePath && !serverAction) return;
        const analysis = analyzeModule(program, context.sourceCode.scopeManager!, config, {
          filePath: context.filename,
          routePath: routePath ?? relativePath,
          ...(serverAction ? { routeKind: 'server-action' as const } : {}),
        });
        for (const finding of findings(analysis.handlers)) report(context, config, program, finding);
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
  { site, handlers, via }: Finding,
): void {
  const wrapper = config.wrappers[0]!;
  const names = [...new Set(handlers.map((h) => h.name))].sort();
  const suggest = handlers
    .filter((h, i) => handlers.indexOf(h) === i)
    .flatMap((handler) => {
      const fix = wrapFix(context, config, program, handler);
      return fix ? [{ messageId: 'wrapHandler' as const, data: { handler: handler.name, wrapper: wrapper.name }, fix }] : [];
    });
  context.report({
    loc: site.loc,
    messageId: 'unwrappedSessionRead',
    data: {
      callee: site.callee,
      handlers: quoteList(names),
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
  handler: HandlerAnalysis,
): TSESLint.ReportFixFunction | null {
  if (handler.routeKind !== 'app-route' || !handler.inlineFunction || !handler.functionRange) return null;
  const wrapper = config.wrappers[0]!;
  const modules = typeof wrapper.from === 'string' ? [wrapper.from] : wrapper.from;
  const existing = findImport(program, wrapper, context.filename);
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
  return (fixer) => {
    const fixes: TSESLint.RuleFix[] = [
      isDeclaration
        ? fixer.replaceTextRange([start, end], `const ${handler.name} = ${localName}(${fnText});`)
        : fixer.replaceTextRange([start, end], `${localName}(${fnText})`),
    ];
    if (!existing.localName) fixes.push(addImportFix(fixer, program, text, wrapper.name, modules[0]!, existing.declaration));
    return fixes;
  };
}

/** Adds `name` to the existing import of its module, or a new import after the last one, in the file's own style. */
function addImportFix(
  fixer: TSESLint.RuleFixer,
  program: TSESTree.Program,
  text: string,
  name: string,
  module: string,
  declaration: TSESTree.ImportDeclaration | null,
): TSESLint.RuleFix {
  const lastNamed = declaration?.specifiers.filter((s) => s.type === 'ImportSpecifier').at(-1);
  if (lastNamed) return fixer.insertTextAfter(lastNamed, `, ${name}`);
  const imports = program.body.filter((s): s is TSESTree.ImportDeclaration => s.type === 'ImportDeclaration');
  const sample = imports[0] ? text.slice(imports[0].range[0], imports[0].range[1]) : null;
  const quote = sample && /from\s*"/.test(sample) ? '"' : "'";
  const semicolon = sample && !sample.trimEnd().endsWith(';') ? '' : ';';
  const statement = `import { ${name} } from ${quote}${module}${quote}${semicolon}`;
  const anchor = imports.at(-1) ?? lastDirective(program);
  return anchor ? fixer.insertTextAfter(anchor, `\n${statement}`) : fixer.insertTextBeforeRange([0, 0], `${statement}\n`);
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
