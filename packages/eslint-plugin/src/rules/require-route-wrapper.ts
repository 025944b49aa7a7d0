import {
  boundIdentifiers,
  disableDirectives,
  findPublicRoute,
  HTTP_METHODS,
  isFunctionLike,
  matchRoutePath,
  wrappersFor,
  type DisableDirective,
  type HandlerAnalysis,
  type ImportSpec,
  type ModuleAnalysis,
  type TenantIsolationConfig,
  type WrapperCall,
} from '@tenant-isolation/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { z } from 'zod';
import { createRule } from '../utils/create-rule';
import { projectRelativePath, routeModuleOf } from '../utils/route-module';
import { analysisOptionsSchema, ruleConfig, ruleOptionsJsonSchema } from '../utils/settings';

/** The shared config keys this rule reads (all a rule may override, but the accessor it never suggests). */
const optionsSchema = analysisOptionsSchema.omit({ contextAccessor: true });

export type Options = [z.input<typeof optionsSchema>];
export type MessageIds =
  | 'unwrappedHandler'
  | 'unprotectedHandler'
  | 'otherWrappers'
  | 'lookalikeWrapper'
  | 'handlerFromElsewhere'
  | 'opaqueHandler'
  | 'exportAll'
  | 'disableWithoutReason'
  | 'callAroundInlineAction';

const FIX_HINT = 'Wrap it, or list it in publicRoutes with the reason it runs without tenant context.';

export default createRule<Options, MessageIds>({
  name: 'require-route-wrapper',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require every route handler to be wrapped in the tenant context wrapper or listed as a public route',
    },
    schema: [ruleOptionsJsonSchema(optionsSchema) as never],
    messages: {
      unwrappedHandler: `{{handler}} is not wrapped in {{wrapper}}. ${FIX_HINT}`,
      unprotectedHandler:
        '{{handler}} is not wrapped in {{wrapper}} and reads no session here, so nothing in this file stops any caller. Wrap it, or list it in publicRoutes with the reason it is public.',
      otherWrappers: `{{handler}} is wrapped in {{chain}} in this file, but not in {{wrapper}}. ${FIX_HINT}`,
      lookalikeWrapper:
        '{{handler}} is wrapped in {{callee}}(), but not the {{wrapper}}() imported from {{from}}: a function of the same name defined here or imported from another module does not establish tenant context. Import the configured wrapper, or list the handler in publicRoutes with the reason it runs without tenant context.',
      handlerFromElsewhere:
        "{{handler}} comes from '{{module}}', so this file does not show it wrapped in {{wrapper}}. Wrap it here, or list it in publicRoutes with the reason it runs without tenant context.",
      opaqueHandler: `{{handler}} is not wrapped in {{wrapper}} as far as this file shows: {{reason}}. ${FIX_HINT}`,
      exportAll:
        "Route module {{route}} re-exports everything from '{{module}}', so this file does not show which handlers that adds or whether they are wrapped in {{wrapper}}. Export each handler here, wrapped, or list the route in publicRoutes with the reason it runs without tenant context.",
      callAroundInlineAction:
        "{{handler}} is written inline, so Next.js registers the function itself: a client's call never goes through the {{callee}}() call around it. Move the action into a 'use server' file and export it wrapped in {{wrapper}}, or list it in publicRoutes with the reason it runs without tenant context.",
      disableWithoutReason:
        "The {{directive}} comment on line {{line}} turns off {{ruleId}} without a reason, so nobody can tell why the handler runs without tenant context. Add it after ' -- ': `{{directive}} {{ruleId}} -- <reason>`.",
    },
  },
  defaultOptions: [{}],
  create(context, [options]) {
    const config = ruleConfig(context.settings, options);
    return {
      Program(program) {
        const routeModule = routeModuleOf(context, program, config);
        if (!routeModule) return;
        const { analysis } = routeModule;
        const { sourceCode } = context;
        for (const handler of analysis.handlers) {
          if (handler.wrapped || handler.status === 'public') continue;
          const loc = handlerLoc(program, sourceCode, handler);
          const subject = subjectOf(handler, analysis, context);
          const callAround = inlineActionCall(sourceCode, handler);
          if (callAround) {
            const data = { handler: subject, callee: sourceCode.getText(callAround.callee), wrapper: wrapperText(wrappersFor(handler.routeKind, config)) };
            context.report({ loc, messageId: 'callAroundInlineAction', data });
            continue;
          }
          context.report({ loc, ...finding(handler, config, subject) });
        }
        if (analysis.routeKind === 'app-route' && analysis.exportAllFrom.length > 0 && matchRoutePath(projectRelativePath(context), config)) {
          reportExportAll(context, program, analysis, config);
        }
        reportDisablesWithoutReason(context);
      },
    };
  },
});

/** The call an inline server action is written into (`withTenantContext(async () => { 'use server'; … })`), if any. */
function inlineActionCall(sourceCode: Readonly<TSESLint.SourceCode>, handler: HandlerAnalysis): TSESTree.CallExpression | null {
  // An exported action keeps the calls around it as its chain; only an inline one is analyzed without them.
  if (handler.routeKind !== 'server-action' || handler.wrapperChain.length > 0 || !handler.functionRange || handler.source.kind !== 'local') return null;
  const fn = sourceCode.getNodeByRangeIndex(handler.functionRange[0]);
  const parent = fn && isFunctionLike(fn) ? fn.parent : undefined;
  return parent?.type === 'CallExpression' && parent.callee !== fn ? parent : null;
}

type Finding = Pick<TSESLint.ReportDescriptor<MessageIds>, 'messageId' | 'data'> & { messageId: MessageIds };

/**
 * What the file shows about an unwrapped handler, most telling first: a wrapper look-alike explains why a visible
 * `withTenantContext(…)` does not count; other wrappers (an auth wrapper, NextAuth itself) may protect the handler, so
 * only an empty chain lets the message say that nothing does.
 */
function finding(handler: HandlerAnalysis, config: TenantIsolationConfig, subject: string): Finding {
  const wrappers = wrappersFor(handler.routeKind, config);
  const wrapper = wrapperText(wrappers);
  const lookalike = lookalikeOf(handler.wrapperChain, wrappers);
  if (lookalike) {
    const { call, spec } = lookalike;
    return {
      messageId: 'lookalikeWrapper',
      data: { handler: subject, callee: call.callee, wrapper: spec.name, from: modulesText(spec.from) },
    };
  }
  if (handler.wrapperChain.length > 0) {
    return { messageId: 'otherWrappers', data: { handler: subject, chain: chainText(handler.wrapperChain), wrapper } };
  }
  const { source } = handler;
  switch (source.kind) {
    case 're-export':
    case 'imported':
      return { messageId: 'handlerFromElsewhere', data: { handler: subject, module: source.from, wrapper } };
    case 'opaque':
      return { messageId: 'opaqueHandler', data: { handler: subject, reason: source.reason, wrapper } };
    case 'local':
      return handler.sessionCalls.length > 0
        ? { messageId: 'unwrappedHandler', data: { handler: subject, wrapper } }
        : { messageId: 'unprotectedHandler', data: { handler: subject, wrapper } };
  }
}

/** `Route handler 'GET' of /api/invoices`, `API route /api/legacy (default export)`, `Server action 'rename' in app/actions.ts`. */
function subjectOf(
  handler: HandlerAnalysis,
  analysis: ModuleAnalysis,
  context: Readonly<TSESLint.RuleContext<MessageIds, Options>>,
): string {
  switch (handler.routeKind) {
    case 'app-route':
      return `Route handler '${handler.name}' of ${analysis.urlPath}`;
    case 'pages-api':
      return `API route ${analysis.urlPath} (default export)`;
    case 'server-action':
      return `Server action '${handler.name}' in ${projectRelativePath(context)}`;
  }
}

/** The linted file relative to the working directory, `/`-separated, as routes globs and messages name it. */

/**
 * `export * from './handlers'` in an App Router module can add any method, which the analysis cannot name from here.
 * Unless every method of the route is public, the statement itself is reported: default deny.
 */
function reportExportAll(
  context: Readonly<TSESLint.RuleContext<MessageIds, Options>>,
  program: TSESTree.Program,
  analysis: ModuleAnalysis,
  config: TenantIsolationConfig,
): void {
  const urlPath = analysis.urlPath!;
  if (HTTP_METHODS.every((method) => findPublicRoute(urlPath, method, config))) return;
  for (const statement of program.body) {
    if (statement.type !== 'ExportAllDeclaration' || statement.exported || statement.exportKind === 'type') continue;
    context.report({
      node: statement,
      messageId: 'exportAll',
      data: { route: urlPath, module: statement.source.value, wrapper: wrapperText(config.wrappers) },
    });
  }
}

/** `withTenantContext()`, or `withTenantContext() or withPlatformAdmin()` when several wrappers are configured. */
function wrapperText(wrappers: readonly ImportSpec[]): string {
  const names = [...new Set(wrappers.map((w) => `${w.name}()`))];
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

function modulesText(from: ImportSpec['from']): string {
  const modules = (typeof from === 'string' ? [from] : from).map((m) => `'${m}'`);
  return modules.length === 1 ? modules[0]! : `${modules.slice(0, -1).join(', ')} or ${modules.at(-1)}`;
}

/** `withRateLimit()`, `withRateLimit() → withAuth(…)()`: the chain outermost first, as the handler is built. */
function chainText(chain: readonly WrapperCall[]): string {
  return chain.map((call) => `${call.callee}()`).join(' → ');
}

/**
 * A call in the chain named like a configured wrapper that does not resolve to it: a local function of the same
 * name, or the name imported from another module (`api.withTenantContext` from the wrong module counts too).
 */
function lookalikeOf(chain: readonly WrapperCall[], wrappers: readonly ImportSpec[]): { call: WrapperCall; spec: ImportSpec } | null {
  for (const call of chain) {
    if (call.wrapper !== null) continue;
    // A curried wrapper, `withAuth(options)(handler)`, is named by its inner callee: `withAuth(…)`.
    const named = call.callee.endsWith('(…)') ? call.callee.slice(0, -'(…)'.length) : call.callee;
    const name = named.slice(named.lastIndexOf('.') + 1);
    const spec = wrappers.find((w) => w.name === name);
    if (spec) return { call, spec };
  }
  return null;
}

/**
 * Where a handler's report goes: the exported name (`GET` of `export async function GET`, of `export const GET = …`,
 * of `handler as GET`), `export default`, or the `module.exports` it is assigned to; for an inline server action, the
 * name it is known by. A report there is what an `eslint-disable-next-line` above the export covers, however long
 * the handler is.
 */
function handlerLoc(program: TSESTree.Program, sourceCode: Readonly<TSESLint.SourceCode>, handler: HandlerAnalysis): TSESTree.SourceLocation {
  const [start, end] = handler.exportNode.range;
  const statement = program.body.find((s) => s.range[0] <= start && end <= s.range[1]);
  const isStatement = statement?.range[0] === start && statement.range[1] === end;
  switch (statement?.type) {
    case 'ExportNamedDeclaration': {
      const specifier = statement.specifiers.find((s) => s.range[0] === start && s.range[1] === end);
      if (specifier) return specifier.exported.loc;
      const declaration = isStatement ? statement.declaration : null;
      if ((declaration?.type === 'FunctionDeclaration' || declaration?.type === 'ClassDeclaration') && declaration.id) {
        return declaration.id.loc;
      }
      if (declaration?.type === 'VariableDeclaration') {
        for (const declarator of declaration.declarations) {
          const id = boundIdentifiers(declarator.id).find((bound) => bound.name === handler.name) ?? null;
          if (id) return id.loc;
        }
      }
      break;
    }
    case 'ExportDefaultDeclaration':
      if (isStatement) {
        const [exportKeyword, defaultKeyword] = sourceCode.getFirstTokens(statement, 2);
        if (exportKeyword && defaultKeyword) return { start: exportKeyword.loc.start, end: defaultKeyword.loc.end };
      }
      break;
    case 'ExpressionStatement':
      if (isStatement && statement.expression.type === 'AssignmentExpression') return statement.expression.left.loc;
      break;
    default:
      break;
  }
  return inlineActionLoc(sourceCode, handler) ?? handler.exportNode.loc;
}

/**
 * An inline server action (`async function save() { 'use server'; … }` in a component) is marked where it is
 * written, not exported: its name, the variable or property that holds it through any calls around it, the JSX
 * attribute it is written in, or else its head up to the body.
 */
function inlineActionLoc(sourceCode: Readonly<TSESLint.SourceCode>, handler: HandlerAnalysis): TSESTree.SourceLocation | null {
  const [start, end] = handler.exportNode.range;
  let fn: TSESTree.Node | null = sourceCode.getNodeByRangeIndex(start);
  while (fn && !(fn.range[0] === start && fn.range[1] === end)) fn = fn.parent ?? null;
  if (!fn || !isFunctionLike(fn)) return null;
  if (fn.id) return fn.id.loc;
  let outer: TSESTree.Node = fn;
  while (outer.parent?.type === 'CallExpression' && outer.parent.arguments.includes(outer as TSESTree.CallExpressionArgument)) {
    outer = outer.parent;
  }
  const holder = outer.parent;
  if (holder?.type === 'VariableDeclarator' && holder.init === outer) return holder.id.loc;
  if ((holder?.type === 'Property' || holder?.type === 'PropertyDefinition') && holder.value === outer) return holder.key.loc;
  if (holder?.type === 'JSXExpressionContainer' && holder.parent?.type === 'JSXAttribute') return holder.parent.name.loc;
  return { start: fn.loc.start, end: fn.body.loc.start };
}


/**
 * An `eslint-disable` of this rule without a description drops the report it covers with no trace of why, so the rule
 * reports the comment itself, at a position the same comment does not cover (ESLint drops a report by where it
 * starts): an `eslint-disable-next-line` covers only the line after it, so the comment itself; an
 * `eslint-disable-line` covers its whole line, so from the end of the line before; a block `eslint-disable` covers
 * everything after its start, so from the character before it. A block at the very start of a file, or an
 * `eslint-disable-line` on its first line, leaves no such position: there `require-description` of
 * @eslint-community/eslint-plugin-eslint-comments is the check that works.
 */
function reportDisablesWithoutReason(context: Readonly<TSESLint.RuleContext<MessageIds, Options>>): void {
  const { sourceCode } = context;
  const comments = sourceCode.getAllComments();
  if (!comments.some((c) => c.value.includes('eslint-disable'))) return;
  for (const directive of disableDirectives(comments)) {
    if (directive.kind === 'enable' || directive.reason !== '' || !directive.rules.includes(context.id)) continue;
    const loc = uncoveredLoc(directive, sourceCode.lines);
    if (!loc) continue;
    context.report({
      loc,
      messageId: 'disableWithoutReason',
      data: { directive: `eslint-${directive.kind}`, line: directive.comment.loc.start.line, ruleId: context.id },
    });
  }
}

function uncoveredLoc({ kind, comment }: DisableDirective, lines: readonly string[]): TSESTree.SourceLocation | null {
  const { start, end } = comment.loc;
  const endOfLineBefore = (line: number): TSESTree.Position | null =>
    line > 1 ? { line: line - 1, column: lines[line - 2]!.length } : null;
  let from: TSESTree.Position | null;
  switch (kind) {
    case 'disable-next-line':
      from = start;
      break;
    case 'disable-line':
      from = endOfLineBefore(start.line);
      break;
    default:
      from = start.column > 0 ? { line: start.line, column: start.column - 1 } : endOfLineBefore(start.line);
      break;
  }
  return from ? { start: { ...from }, end: { ...end } } : null;
}
