import {
  configSchema,
  resolveConfig,
  type TenantIsolationConfig,
  type TenantIsolationConfigInput,
} from '@tenant-isolation/core';
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
    pagesWrappers: true,
    contextAccessor: true,
    publicRoutes: true,
    serverActions: true,
  })
  .partial();

export type AnalysisOptions = z.input<typeof analysisOptionsSchema>;

/** Config keys a rule's options may set on top of the shared settings. */
type ConfigOverrides = Partial<TenantIsolationConfigInput>;

/** The options schema of a rule in the JSON Schema dialect ESLint validates with (draft-04). */
export function ruleOptionsJsonSchema(optionsSchema: z.ZodType = analysisOptionsSchema): Record<string, unknown> {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(optionsSchema, {
    target: 'draft-4',
    io: 'input',
    // ESLint fills schema defaults into the options, which would then override every key of the shared settings.
    override: (ctx) => {
      delete ctx.jsonSchema.default;
    },
  });
  return schema;
}

/**
 * Validated configs by the text of their settings and options. ESLint hands each file its own copy of the
 * settings, so identity would miss every time and the config would be validated (and its globs compiled) per file.
 */
const cache = new Map<string, TenantIsolationConfig>();
const CACHE_LIMIT = 64;
interface ResolvedSettings {
  options: ConfigOverrides | undefined;
  optionsKey: string;
  config: TenantIsolationConfig;
}

/**
 * Files that share a config object share the settings object too, and the same options object (the rule's frozen
 * defaults when it has none): the text keys are only needed on a miss. Consecutive files nearly always share
 * both, so the last pair is checked before the map.
 */
const lastByIdentity = new WeakMap<object, ResolvedSettings>();
let last: (ResolvedSettings & { shared: object }) | undefined;

/** Where a config object read from a file came from, for the message when a rule's options make it invalid. */
const sourceByConfigObject = new WeakMap<object, string>();

export function recordConfigSource(configObject: object, source: string): void {
  sourceByConfigObject.set(configObject, source);
}

/**
 * The config a rule runs with: `settings['tenant-isolation']` (the same object as tenant-isolation.config.json, or
 * that file's own object when the settings lack it: see `withConfigFile`), with the rule's own options on top,
 * validated once per distinct pair.
 */
export function ruleConfig(settings: Readonly<Record<string, unknown>>, options: ConfigOverrides | undefined): TenantIsolationConfig {
  const shared = settings[SETTINGS_KEY];
  if (last && last.shared === shared && last.options === options) return last.config;
  const byIdentity = shared !== null && typeof shared === 'object' ? lastByIdentity.get(shared) : undefined;
  if (byIdentity && byIdentity.options === options) {
    last = { shared: shared as object, ...byIdentity };
    return byIdentity.config;
  }
  const optionsKey = JSON.stringify(options ?? {});
  if (byIdentity?.optionsKey === optionsKey) return byIdentity.config;
  const key = `${JSON.stringify(shared) ?? ''}\0${optionsKey}`;
  let config = cache.get(key);
  if (!config) {
    const isObject = shared !== null && typeof shared === 'object' && !Array.isArray(shared);
    const merged = shared === undefined ? (options ?? {}) : isObject ? { ...shared, ...(options ?? {}) } : shared;
    const source = (isObject && sourceByConfigObject.get(shared)) || `ESLint settings['${SETTINGS_KEY}']`;
    config = resolveConfig(merged, `${source} and rule options`);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(key, config);
  }
  if (shared !== null && typeof shared === 'object') {
    lastByIdentity.set(shared, { options, optionsKey, config });
    last = { shared, options, optionsKey, config };
  }
  return config;
}

const overridesByOptions = new WeakMap<object, ConfigOverrides | undefined>();

/**
 * The config keys among a rule's options, for a rule whose options also hold keys of its own; undefined when it sets
 * none. The same options object always gives the same overrides object, so `ruleConfig` finds its config by identity.
 */
export function configOverrides(options: object, keys: readonly (keyof TenantIsolationConfigInput)[]): ConfigOverrides | undefined {
  if (overridesByOptions.has(options)) return overridesByOptions.get(options);
  let overrides: Record<string, unknown> | undefined;
  for (const key of keys) {
    const value = (options as Record<string, unknown>)[key];
    if (value !== undefined) (overrides ??= {})[key] = value;
  }
  overridesByOptions.set(options, overrides);
  return overrides;
}
