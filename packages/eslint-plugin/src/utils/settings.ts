import { configSchema, resolveConfig, type TenantIsolationConfig } from '@tenant-isolation/core';
import { z } from 'zod';

/** Where the shared config lives in ESLint settings: `settings['tenant-isolation']`. */
export const SETTINGS_KEY = 'tenant-isolation';

/** The config keys a rule may override through its options; the rest only make sense for the whole project. */
export const analysisOptionsSchema = configSchema
  .pick({
    routes: true,
    ignore: true,
    sessionGetters: true,
    indirectSessionGetters: true,
    wrappers: true,
    contextAccessor: true,
    publicRoutes: true,
    serverActions: true,
  })
  .partial();

export type AnalysisOptions = z.input<typeof analysisOptionsSchema>;

/** The options schema of a rule in the JSON Schema dialect ESLint validates with (draft-04). */
export function ruleOptionsJsonSchema(): Record<string, unknown> {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(analysisOptionsSchema, {
    target: 'draft-4',
    io: 'input',
    // ESLint fills schema defaults into the options, which would then override every key of the shared settings.
    override: (ctx) => {
      delete ctx.jsonSchema.default;
    },
  });
  return schema;
}

const cache = new WeakMap<object, Map<string, TenantIsolationConfig>>();
const NO_SETTINGS = {};

/**
 * The config a rule runs with: `settings['tenant-isolation']` (the same object as tenant-isolation.config.json),
 * with the rule's own options on top, validated once per distinct pair.
 */
export function ruleConfig(settings: Readonly<Record<string, unknown>>, options: AnalysisOptions | undefined): TenantIsolationConfig {
  const shared = settings[SETTINGS_KEY];
  const key = (shared && typeof shared === 'object' ? shared : NO_SETTINGS) as object;
  let byOptions = cache.get(key);
  if (!byOptions) {
    byOptions = new Map();
    cache.set(key, byOptions);
  }
  const optionsKey = JSON.stringify(options ?? {});
  let config = byOptions.get(optionsKey);
  if (!config) {
    const merged =
      shared === undefined ? (options ?? {}) : key === NO_SETTINGS ? shared : { ...(shared as object), ...(options ?? {}) };
    config = resolveConfig(merged, `ESLint settings['${SETTINGS_KEY}'] and rule options`);
    byOptions.set(optionsKey, config);
  }
  return config;
}
