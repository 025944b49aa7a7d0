import type { TSESTree } from '@typescript-eslint/types';
import { analyzeModule } from './analyze-module';
import type { TenantIsolationConfig } from './config-schema';
import type { ParsedModule } from './parse';
import { suppressedLines } from './directives';
import type { PrismaSchemaInfo } from './prisma-schema';
import { mentionsPrismaClient, REQUIRE_TENANT_SCOPED_QUERY_RULE, tenantScopedQueries, type TenantQuery } from './tenant-scoped-queries';
import type { ModuleAnalysis, Position } from './types';

/**
 * What the project scan reads of one route module, as plain data that can cross threads: the codemod's worker
 * threads, which parse every module anyway, hand it over so that the scan of the whole project does not parse the
 * module again.
 */
export interface RouteModuleFacts {
  /** The path the module was analyzed as, relative to its project: its URL path and `publicRoutes` follow from it. */
  analyzedAs: string;
  /** The analysis with imports followed (`followImports`), as the scan reads a route module. */
  analysis: ModuleAnalysis;
  /** Each `export * from '…'` of values: the module, and where the statement starts. */
  exportAll: Array<{ from: string; start: Position }>;
  /** The comments that may be `eslint-disable` directives, which decide which session reads are suppressed. */
  directiveComments: TSESTree.Comment[];
  /**
   * The Prisma queries on tenant-scoped models its handlers reach, each marked when an `eslint-disable` for the
   * query rule covers its finding; undefined when the module was read without a schema.
   */
  queries?: Array<TenantQuery & { suppressed: boolean }>;
}

export interface RouteModuleFactsOptions {
  /** The module's path relative to its project. */
  analyzedAs: string;
  /** Only its inline server actions are handlers (a component file with an inline `'use server'` function). */
  inlineServerActionsOnly?: boolean;
  /** The project's Prisma schema: the module's queries are checked against it (`queries`). */
  prismaSchema?: PrismaSchemaInfo;
}

/** The facts of a parsed route module: the scan's reading of it. */
export function routeModuleFacts(
  parsed: ParsedModule,
  text: string,
  config: TenantIsolationConfig,
  options: RouteModuleFactsOptions,
): RouteModuleFacts {
  const checkQueries = options.prismaSchema !== undefined && mentionsPrismaClient(text, config);
  const analysis = analyzeModule(parsed.program, parsed.scopeManager, config, {
    filePath: options.analyzedAs,
    sourceText: text,
    followImports: true,
    inlineServerActionsOnly: options.inlineServerActionsOnly ?? false,
    reachedBodies: checkQueries,
  });
  const exportAll: RouteModuleFacts['exportAll'] = [];
  for (const statement of parsed.program.body) {
    if (statement.type !== 'ExportAllDeclaration' || statement.exported || statement.exportKind === 'type') continue;
    exportAll.push({ from: statement.source.value, start: { line: statement.loc.start.line, column: statement.loc.start.column } });
  }
  const directiveComments = (parsed.program.comments ?? [])
    .filter((comment) => comment.value.includes('eslint-'))
    .map(({ type, value, range, loc }) => ({ type, value, range, loc }) as TSESTree.Comment);
  const facts: RouteModuleFacts = { analyzedAs: options.analyzedAs, analysis, exportAll, directiveComments };
  if (options.prismaSchema) {
    const isSuppressed = suppressedLines(directiveComments, REQUIRE_TENANT_SCOPED_QUERY_RULE);
    const queries = checkQueries
      ? tenantScopedQueries({ program: parsed.program, scopeManager: parsed.scopeManager, analysis, config, schema: options.prismaSchema, filePath: options.analyzedAs })
      : [];
    facts.queries = queries.map((query) => ({ ...query, suppressed: query.finding !== null && isSuppressed(query.at.loc.start.line) }));
  }
  return facts;
}
