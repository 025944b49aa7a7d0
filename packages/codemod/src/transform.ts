import * as path from 'node:path';
import { loadConfigSync, type TenantIsolationConfig } from '@tenant-isolation/core';
import { migrateModule } from './migrate-module';
import { fileFailure } from './migrate-file';
import { anonymousChangeText } from './report';
import type { AnonymousResponse, ModuleMigration, OnUnsafe } from './types';

interface FileInfo {
  path: string;
  source: string;
}

interface TransformApi {
  report?: (message: string) => void;
}

export interface TransformOptions {
  /** The project root: where tenant-isolation.config.* lives and what route paths are relative to. */
  root?: string;
  onUnsafe?: OnUnsafe;
  /** `wrapper` lets the wrapper answer callers without a session where the handler turned them all away itself. */
  anonymousResponse?: AnonymousResponse;
  /** Set by the batch runner, which has loaded and validated the config already. */
  config?: TenantIsolationConfig;
}

const configs = new Map<string, TenantIsolationConfig>();

/**
 * The codemod as a jscodeshift transform: `jscodeshift -t node_modules/@tenant-isolation/codemod/dist/transform.js
 * --root=. app/api`. Returns the new source, or undefined when the file is left as it was; each handler left
 * alone is reported through `api.report` with its reason, and so is a module the codemod fails on.
 */
export default function transform(file: FileInfo, api: TransformApi, options: TransformOptions = {}): string | undefined {
  const root = path.resolve(options.root ?? process.cwd());
  let config = options.config ?? configs.get(root);
  if (!config) {
    config = loadConfigSync(root).config;
    configs.set(root, config);
  }
  const relative = path.relative(root, path.resolve(file.path)).split(path.sep).join('/');
  const onUnsafe = options.onUnsafe === 'wrap-only' ? 'wrap-only' : 'skip';
  let result: ModuleMigration;
  try {
    const anonymousResponse = options.anonymousResponse === 'wrapper' ? 'wrapper' : 'keep';
    result = migrateModule(file.source, relative, config, { onUnsafe, anonymousResponse });
  } catch (error) {
    // The runner counts a throw as a failed file and prints its stack; this says what to do instead, and goes on.
    const { message, stack } = fileFailure('analyze', error);
    api.report?.(`${relative}: internal error, left as it was: ${message}${stack ? ` (${stack})` : ''}; please report this module`);
    return undefined;
  }
  if (result.error) {
    api.report?.(`${relative}:${result.error.line}:${result.error.column}: does not parse, left as it was: ${result.error.message}`);
    return undefined;
  }
  for (const outcome of result.handlers) {
    if (outcome.outcome !== 'migrated') api.report?.(`${relative}:${outcome.line} ${outcome.handler}: ${outcome.outcome}: ${outcome.reason}`);
    else if (outcome.anonymous) api.report?.(`${relative}:${outcome.line} ${outcome.handler}: anonymous: ${anonymousChangeText(outcome.anonymous)}`);
  }
  return result.output ?? undefined;
}

/** jscodeshift picks the parser from this export; the transform parses on its own, so any will do. */
export const parser = 'tsx';
