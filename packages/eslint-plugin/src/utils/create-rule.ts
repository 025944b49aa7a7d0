import { REPOSITORY_URL } from '@tenant-isolation/core';
import type { TSESLint } from '@typescript-eslint/utils';
import { withConfigFile } from './config-file';

export const ruleDocsUrl = (name: string): string =>
  `${REPOSITORY_URL}/blob/main/packages/eslint-plugin/docs/rules/${name}.md`;

interface RuleDefinition<MessageIds extends string, Options extends readonly unknown[]> {
  name: string;
  meta: Omit<TSESLint.RuleMetaData<MessageIds, unknown, Options>, 'docs'> & {
    docs: Omit<TSESLint.RuleMetaDataDocs, 'url'>;
  };
  defaultOptions: Readonly<Options>;
  create: (context: Readonly<TSESLint.RuleContext<MessageIds, Options>>, options: Options) => TSESLint.RuleListener;
}

/**
 * typescript-eslint's `RuleCreator`, minus its per-file `structuredClone` of the default options: ESLint calls
 * `create` once for every file it lints, and for a rule that is cheap otherwise the clone was a tenth of its time.
 * Defaults here are frozen and merged shallowly, which is all an options object of flat keys needs.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  definition: RuleDefinition<MessageIds, Options>,
): TSESLint.RuleModule<MessageIds, Options> & { name: string } {
  const { name, meta, defaultOptions, create } = definition;
  const defaults = Object.freeze([...defaultOptions]) as unknown as Options;
  return {
    name,
    meta: { ...meta, docs: { ...meta.docs, url: ruleDocsUrl(name) } },
    defaultOptions: defaults,
    create: (context) => create(withConfigFile(context), withDefaults(defaults, context.options)),
  };
}

function withDefaults<Options extends readonly unknown[]>(defaults: Options, given: readonly unknown[]): Options {
  if (given.length === 0) return defaults;
  return defaults.map((fallback, i) => {
    const option = given[i];
    if (option === undefined) return fallback;
    const mergeable = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
    return mergeable(option) && mergeable(fallback) ? { ...(fallback as object), ...(option as object) } : option;
  }) as unknown as Options;
}
