import type { TSESLint } from '@typescript-eslint/utils';
import noClientTenantId from './rules/no-client-tenant-id';
import requireTenantContext from './rules/require-tenant-context';

const { name, version } = require('../package.json') as { name: string; version: string };

const rules = {
  'no-client-tenant-id': noClientTenantId,
  'require-tenant-context': requireTenantContext,
} satisfies Record<string, TSESLint.RuleModule<string, unknown[]>>;

const recommendedRules = {
  'tenant-isolation/no-client-tenant-id': 'error',
  'tenant-isolation/require-tenant-context': 'error',
} satisfies TSESLint.FlatConfig.Rules;

interface TenantIsolationPlugin {
  meta: { name: string; version: string };
  rules: typeof rules;
  configs: {
    recommended: TSESLint.FlatConfig.Config;
    'legacy-recommended': TSESLint.ClassicConfig.Config;
  };
}

const plugin: TenantIsolationPlugin = {
  meta: { name, version },
  rules,
  configs: {} as TenantIsolationPlugin['configs'],
};

plugin.configs.recommended = {
  name: 'tenant-isolation/recommended',
  plugins: { 'tenant-isolation': plugin as unknown as TSESLint.FlatConfig.Plugin },
  rules: recommendedRules,
};

plugin.configs['legacy-recommended'] = {
  plugins: ['tenant-isolation'],
  rules: recommendedRules,
};

export = plugin;
