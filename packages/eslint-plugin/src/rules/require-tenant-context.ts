import * as path from 'node:path';
import {
  analyzeModule,
  detectCodeStyle,
  findImport,
  newImportAnchor,
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
        '{{callee}}() reads the session in {{handlers}} outside {{wrapper}}(). Wrap the handler and read the tenant from {{accessor}}() instead.',
      wrapHandler: "Wrap '{{handler}}' in {{wrapper}}()",
    },
  },
  defaultOptions: [{}],
  create(context, [options]) {
    const config = ruleConfig(context.settings, options);
    const relativePath = relativeToCwd(context.filename, context.cwd);
    const routePath = matchRoutePath(relativePath, config);
    // Relative imports resolve against the project-relative path, as the report resolves them, so the rule and the
    // report agree on which module `../../lib/api-wrapper` names whether ESLint passed an absolute path or not.
    const importerPath = routePath ?? context.filename;
    return {
      Program(program) {
        const serverAction = config.serverActions && hasUseServerDirective(program);
        if (!routePath && !serverAction) return;
        // Every way of reaching a getter spells its name somewhere in the file (an aliased import names it too).
        if (!mentionsAnyGetter(context.sourceCode.text, config)) return;
        const analysis = analyzeModule(program, context.sourceCode.scopeManager!, config, {
          filePath: importerPath,
          routePath: routePath ?? relativePath,
          sourceText: context.sourceCode.text,
          ...(serverAction ? { routeKind: 'server-action' as const } : {}),
        });
        const found = findings(analysis.handlers);
        if (found.length === 0) return;
        const suggestible = found.some((f) => f.handlers.some(canWrap));
        const wrapping = suggestible ? wrappingIn(context, config, program, importerPath) : null;
        for (const finding of found) report(context, config, wrapping, finding);
      },
    };
  },
});

/** `path.relative` for the common case of a file below the working directory, which is most of what ESLint lints. */
function relativeToCwd(filename: string, cwd: string): string {
  if (!path.isAbsolute(filename)) return filename;
  const prefix = cwd.endsWith(path.sep) ? cwd : cwd + path.sep;
  return filename.startsWith(prefix) && !filename.includes(`${path.sep}..`) ? filename.slice(prefix.length) : path.relative(cwd, filename);
}

function mentionsAnyGetter(text: string, config: TenantIsolationConfig): boolean {
  return [...config.sessionGetters, ...config.indirectSessionGetters].some((getter) => text.includes(getter.name));
}

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
  wrapping: Wrapping | null,
  { site, handlers, via }: Finding,
): void {
  const wrapper = config.wrappers[0]!;
  const names = [...new Set(handlers.map((h) => h.name))].sort();
  const suggest = wrapping
    ? handlers
        .filter((h, i) => handlers.indexOf(h) === i)
        .flatMap((handler) => {
          const fix = wrapFix(wrapping, handler);
          return fix ? [{ messageId: 'wrapHandler' as const, data: { handler: handler.name, wrapper: wrapper.name }, fix }] : [];
        })
    : [];
  context.report({
    loc: site.loc,
    messageId: 'unwrappedSessionRead',
    data: {
      callee: site.callee,
      handlers: handlerList(names) + (via.length > 0 ? ` (through ${via.map((v) => `${v}()`).join(' → ')})` : ''),
      wrapper: wrapper.name,
      accessor: config.contextAccessor.name,
    },
    suggest,
  });
}

/** What every wrap suggestion in a file shares: the wrapper's local name, its import and the file's style. */
interface Wrapping {
  program: TSESTree.Program;
  localName: string;
  /** The import to add, when the wrapper is not imported yet. */
  addImport: { name: string; module: string; declaration: TSESTree.ImportDeclaration | null } | null;
  style: CodeStyle;
}

/** Null when the wrapper's name is taken by another binding of the module: a suggestion would not compile. */
function wrappingIn(
  context: Readonly<TSESLint.RuleContext<MessageIds, Options>>,
  config: TenantIsolationConfig,
  program: TSESTree.Program,
  importerPath: string,
): Wrapping | null {
  const wrapper = config.wrappers[0]!;
  const existing = findImport(program, wrapper, importerPath);
  if (!existing.localName) {
    const taken = context.sourceCode.scopeManager?.globalScope?.childScopes.some((scope) =>
      scope.variables.some((v) => v.name === wrapper.name),
    );
    if (taken) return null;
  }
  const text = context.sourceCode.text;
  const module = typeof wrapper.from === 'string' ? wrapper.from : wrapper.from[0]!;
  return {
    program,
    localName: existing.localName ?? wrapper.name,
    addImport: existing.localName ? null : { name: wrapper.name, module, declaration: existing.declaration },
    style: detectCodeStyle(text, program),
  };
}

/**
 * Wraps an App Router handler written as one function. A declaration becomes a `const` holding the same function
 * as an expression, so `this`, `arguments` and the function's name keep their meaning; the wrapper is imported
 * into an existing declaration of its module when there is one.
 */
/** Only an App Router handler written as one function can be wrapped by a suggestion. */
function canWrap(handler: HandlerAnalysis): boolean {
  return handler.routeKind === 'app-route' && handler.inlineFunction && handler.functionRange !== null;
}

function wrapFix(wrapping: Wrapping, handler: HandlerAnalysis): TSESLint.ReportFixFunction | null {
  if (!canWrap(handler) || !handler.functionRange) return null;
  const { program, localName, addImport, style } = wrapping;
  const [start, end] = handler.functionRange;
  const isDeclaration = isExportedFunctionDeclaration(program, start);
  return (fixer) => {
    // Insertions around the function, not a replacement of it: ESLint computes every suggestion as it reports.
    const fixes: TSESLint.RuleFix[] = [
      fixer.insertTextBeforeRange([start, end], isDeclaration ? `const ${handler.name} = ${localName}(` : `${localName}(`),
      fixer.insertTextAfterRange([start, end], isDeclaration ? `)${style.semicolon}` : ')'),
    ];
    if (addImport) fixes.push(addImportFix(fixer, program, style, addImport.name, addImport.module, addImport.declaration));
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
  const statement = `import { ${name} } from ${quote}${module}${quote}${semicolon}`;
  const anchor = newImportAnchor(program);
  return anchor ? fixer.insertTextAfter(anchor, `${eol}${statement}`) : fixer.insertTextBeforeRange([0, 0], `${statement}${eol}`);
}


function isExportedFunctionDeclaration(program: TSESTree.Program, functionStart: number): boolean {
  return program.body.some(
    (s) => s.type === 'ExportNamedDeclaration' && s.declaration?.type === 'FunctionDeclaration' && s.declaration.range[0] === functionStart,
  );
}
