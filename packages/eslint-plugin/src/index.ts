import type { TSESLint } from '@typescript-eslint/utils';
import noClientTenantId from './rules/no-client-tenant-id';
import preferTenantContext from './rules/prefer-tenant-context';
import requireRouteWrapper from './rules/require-route-wrapper';
import requireTenantContext from './rules/require-tenant-context';
import requireTenantScopedQuery from './rules/require-tenant-scoped-query';

const { name, version } = require('../package.json') as { name: string; version: string };

const rules = {
  'no-client-tenant-id': noClientTenantId,
  'prefer-tenant-context': preferTenantContext,
  'require-route-wrapper': requireRouteWrapper,
  'require-tenant-context': requireTenantContext,
  'require-tenant-scoped-query': requireTenantScopedQuery,
} satisfies Record<string, TSESLint.RuleModule<string, unknown[]>>;

/** What a team turns on the day it starts migrating: no new session reads outside the wrapper, no client-chosen tenant. */
const recommendedRules = {
  'tenant-isolation/no-client-tenant-id': 'error',
  // A wrapped handler that still reads the session is isolated, only not clean: a warning, so that it does not hold
  // up a migration that already moved the handler behind the wrapper.
  'tenant-isolation/prefer-tenant-context': 'warn',
  'tenant-isolation/require-tenant-context': 'error',
  'tenant-isolation/require-tenant-scoped-query': 'error',
} satisfies TSESLint.FlatConfig.Rules;

/**
 * For a team that has finished: every handler is wrapped or a listed public route (default deny), and none reads the
 * session beside the context. Turned on before the migration ends, it would report every handler not yet migrated a
 * second time.
 */
const strictRules = {
  ...recommendedRules,
  'tenant-isolation/prefer-tenant-context': 'error',
  'tenant-isolation/require-route-wrapper': 'error',
} satisfies TSESLint.FlatConfig.Rules;

interface TenantIsolationPlugin {
  meta: { name: string; version: string };
  rules: typeof rules;
  configs: {
    recommended: TSESLint.FlatConfig.Config;
    strict: TSESLint.FlatConfig.Config;
    'legacy-recommended': TSESLint.ClassicConfig.Config;
    'legacy-strict': TSESLint.ClassicConfig.Config;
  };
}

const plugin: TenantIsolationPlugin = {
  meta: { name, version },
  rules,
  configs: {} as TenantIsolationPlugin['configs'],
};

const pluginsEntry = { 'tenant-isolation': plugin as unknown as TSESLint.FlatConfig.Plugin };

plugin.configs.recommended = { name: 'tenant-isolation/recommended', plugins: pluginsEntry, rules: recommendedRules };
plugin.configs.strict = { name: 'tenant-isolation/strict', plugins: pluginsEntry, rules: strictRules };
plugin.configs['legacy-recommended'] = { plugins: ['tenant-isolation'], rules: recommendedRules };
plugin.configs['legacy-strict'] = { plugins: ['tenant-isolation'], rules: strictRules };

export = plugin;
