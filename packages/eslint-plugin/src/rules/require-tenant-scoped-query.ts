import * as path from 'node:path';
import {
  configSchema,
  loadPrismaSchema,
  mentionsPrismaClient,
  REQUEST_SOURCE_TEXT,
  tenantScopedQueries,
  type PrismaSchemaInfo,
  type QueryFinding,
  type TenantIsolationConfig,
} from '@tenant-isolation/core';
import type { TSESLint } from '@typescript-eslint/utils';
import { configDirectoryOf } from '../utils/config-file';
import { createRule } from '../utils/create-rule';
import { routeModuleOf, wantReachedBodies } from '../utils/route-module';
import { ruleConfig, ruleOptionsJsonSchema, SETTINGS_KEY } from '../utils/settings';

const optionsSchema = configSchema
  .pick({ routes: true, ignore: true, contextAccessor: true, optionalContextAccessor: true, publicRoutes: true, serverActions: true, prisma: true })
  .partial();

export type Options = [Partial<TenantIsolationConfig>];
export type MessageIds = QueryFinding | 'addTenantFilter';

export default createRule<Options, MessageIds>({
  name: 'require-tenant-scoped-query',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require the Prisma queries of route handlers on tenant-scoped models to be scoped to the verified tenant',
    },
    hasSuggestions: true,
    schema: [ruleOptionsJsonSchema(optionsSchema) as never],
    messages: {
      missingTenantFilter:
        '{{model}}.{{operation}}() does not constrain `{{field}}` in its `where`, so it can reach other tenants\' rows. Add `{{field}}: {{accessor}}().tenantId`.',
      missingTenantData: '{{model}}.{{operation}}() creates {{model}} rows without setting `{{field}}` in its `data`.',
      opaqueQueryArgs:
        'The arguments of {{model}}.{{operation}}() are built where this rule cannot see whether they constrain `{{field}}`. Write the tenant filter in the call, or spread a configured tenant filter.',
      clientTenantValue:
        'The tenant of {{model}}.{{operation}}() comes from the {{source}}, which the caller controls. Use {{accessor}}().tenantId.',
      unverifiedTenantValue:
        'The tenant of {{model}}.{{operation}}() is not the verified one. Read it from {{accessor}}().tenantId.',
      rawQuery:
        '{{operation}} on {{model}} cannot be checked for a tenant filter. Use the model API, or a tenant-scoped client.',
      addTenantFilter: 'Add `{{text}}` to the where',
    },
  },
  defaultOptions: [{}],
  create(context, [options]) {
    const config = ruleConfig(context.settings, options as never);
    wantReachedBodies(context);
    return {
      Program(program) {
        const { sourceCode } = context;
        if (!mentionsPrismaClient(sourceCode.text, config)) return;
        const routeModule = routeModuleOf(context, program, config);
        if (!routeModule) return;
        const schema = schemaFor(context, config);
        if (!schema) return;
        const queries = tenantScopedQueries({
          program,
          scopeManager: sourceCode.scopeManager!,
          analysis: routeModule.analysis,
          config,
          schema,
          filePath: routeModule.importerPath,
        });
        const accessor = config.contextAccessor.name;
        for (const query of queries) {
          if (!query.finding) continue;
          const data = {
            model: query.model,
            operation: query.operation,
            field: schema.tenantField,
            accessor,
            source: query.source ? REQUEST_SOURCE_TEXT[query.source] : '',
          };
          const suggestion = query.suggestion;
          context.report({
            loc: query.at.loc,
            messageId: query.finding,
            data,
            suggest: suggestion
              ? [
                  {
                    messageId: 'addTenantFilter',
                    data: { text: suggestion.text.trim().replace(/,$/, '') },
                    fix: (fixer: TSESLint.RuleFixer) => fixer.insertTextBeforeRange([suggestion.offset, suggestion.offset], suggestion.text),
                  },
                ]
              : [],
          });
        }
      },
    };
  },
});

/** Roots already told that they have no schema (or an invalid one): the rule says so once, not per file. */
const told = new Set<string>();

/** The project's Prisma schema, found from the config file's directory (or ESLint's cwd); null, said once, when none. */
function schemaFor(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>, config: TenantIsolationConfig): PrismaSchemaInfo | null {
  const root = configDirectoryOf(context.settings[SETTINGS_KEY]) ?? context.cwd;
  const load = loadPrismaSchema(root, config.prisma);
  if (load.kind === 'found') return load.schema;
  const key = `${root}\0${config.prisma.schema ?? ''}`;
  if (!told.has(key)) {
    told.add(key);
    const why =
      load.kind === 'missing'
        ? `no Prisma schema found (looked at ${load.looked.map((file) => path.relative(root, file) || file).join(', ')})`
        : `the Prisma schema ${path.relative(root, load.file)} does not parse: ${load.message}`;
    console.warn(`tenant-isolation/require-tenant-scoped-query: ${why}; the rule reports nothing. Set "prisma.schema" in tenant-isolation.config.json.`);
  }
  return null;
}
