import * as path from 'node:path';
import {
  analyzeModule,
  hasUseServerDirective,
  matchRoutePath,
  mentionsAny,
  mentionsPrismaClient,
  type ImportSpec,
  type ModuleAnalysis,
  type TenantIsolationConfig,
} from '@tenant-isolation/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

export interface RouteModule {
  analysis: ModuleAnalysis;
  /**
   * The path relative imports resolve against: the project-relative route path, as the report resolves them, so the
   * rules and the report agree on which module `../../lib/api-wrapper` names whether ESLint passed an absolute path
   * or not.
   */
  importerPath: string;
}

/**
 * Every rule of the plugin asks for the analysis of the same tree under the same config (the settings, unless a rule's
 * options override them), so it is worked out once per file and config rather than once per rule.
 */
const analyzed = new WeakMap<TSESTree.Program, Map<TenantIsolationConfig, RouteModule | null>>();

/**
 * Files whose analysis must list the code each handler runs (`reachedBodies`), because the query rule is on for
 * them. A rule's `create` runs for every rule before ESLint walks the file, so the query rule marks the file there and
 * the one shared analysis, whichever rule asks first, includes them; without the rule on, no file pays for them.
 */
const reachedBodiesWanted = new WeakSet<object>();

export function wantReachedBodies(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): void {
  reachedBodiesWanted.add(context.sourceCode);
}

/** The analysis of the file being linted when it is a route module (or a `'use server'` file with `serverActions` on), else null. */
export function routeModuleOf(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  program: TSESTree.Program,
  config: TenantIsolationConfig,
): RouteModule | null {
  let byConfig = analyzed.get(program);
  if (!byConfig) {
    byConfig = new Map();
    analyzed.set(program, byConfig);
  }
  let routeModule = byConfig.get(config);
  if (routeModule === undefined) {
    routeModule = analyzeRouteModule(context, program, config);
    byConfig.set(config, routeModule);
  }
  return routeModule;
}

function analyzeRouteModule(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  program: TSESTree.Program,
  config: TenantIsolationConfig,
): RouteModule | null {
  const { sourceCode, filename } = context;
  const relativePath = relativeToCwd(filename, context.cwd);
  const routePath = matchRoutePath(relativePath, config);
  const serverAction = config.serverActions && hasUseServerDirective(program);
  // Any file may hold inline server actions (`async function save() { 'use server'; … }`), most often a page.
  const inlineActions = config.serverActions && !routePath && !serverAction && sourceCode.text.includes('use server');
  if (!routePath && !serverAction && !inlineActions) return null;
  const importerPath = routePath ?? filename;
  const analysis = analyzeModule(program, sourceCode.scopeManager!, config, {
    filePath: importerPath,
    routePath: routePath ?? relativePath,
    sourceText: sourceCode.text,
    routeKind: serverAction ? 'server-action' : undefined,
    inlineServerActionsOnly: inlineActions,
    reachedBodies: reachedBodiesWanted.has(sourceCode) && mentionsPrismaClient(sourceCode.text, config),
  });
  return { analysis, importerPath };
}

/** Every way of reaching a getter spells its name somewhere in the file (an aliased import names it too). */
export function mentionsAnyGetter(text: string, config: TenantIsolationConfig): boolean {
  return mentionsAny(text, config.sessionGetters) || mentionsAny(text, config.indirectSessionGetters);
}

/** The linted file's path relative to where ESLint runs, `/`-separated: what `routes` globs and messages use. */
export function projectRelativePath(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): string {
  return relativeToCwd(context.filename, context.cwd).split(path.sep).join('/');
}

const PARENT_SEGMENT = `${path.sep}..`;

/** `path.relative` for the common case of a file below the working directory, which is most of what ESLint lints. */
function relativeToCwd(filename: string, cwd: string): string {
  if (!path.isAbsolute(filename)) return filename;
  const cwdEndsWithSeparator = cwd.endsWith(path.sep);
  const below = filename.startsWith(cwd) && (cwdEndsWithSeparator || filename.startsWith(path.sep, cwd.length));
  if (!below || filename.includes(PARENT_SEGMENT)) return path.relative(cwd, filename);
  return filename.slice(cwdEndsWithSeparator ? cwd.length : cwd.length + 1);
}
