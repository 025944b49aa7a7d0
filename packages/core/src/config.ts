import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { z } from 'zod';
import { configSchema, type TenantIsolationConfig } from './config-schema';

export const CONFIG_FILE_NAMES = [
  'tenant-isolation.config.json',
  'tenant-isolation.config.js',
  'tenant-isolation.config.mjs',
  'tenant-isolation.config.cjs',
] as const;

export const PACKAGE_JSON_KEY = 'tenantIsolation';

export interface ConfigProblem {
  /** Key path inside the config, e.g. `sessionGetters[0].from`; empty for the whole file. */
  keyPath: string;
  message: string;
}

/** A configuration the user must fix. Its message names the file, each key path and what was expected. */
export class ConfigError extends Error {
  readonly source: string;
  readonly problems: ConfigProblem[];

  constructor(source: string, problems: ConfigProblem[]) {
    super(formatProblems(source, problems));
    this.name = 'ConfigError';
    this.source = source;
    this.problems = problems;
  }
}

function formatProblems(source: string, problems: ConfigProblem[]): string {
  const lines = problems.map((p) => `  ${p.keyPath || '(root)'}: ${p.message}`);
  const noun = problems.length === 1 ? 'problem' : 'problems';
  return `Invalid tenant-isolation config in ${source} (${problems.length} ${noun}):\n${lines.join('\n')}`;
}

function formatKeyPath(keyPath: readonly PropertyKey[]): string {
  let out = '';
  for (const key of keyPath) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

function problemsFromZod(error: z.ZodError): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        problems.push({
          keyPath: formatKeyPath([...issue.path, key]),
          message: 'unknown key (see docs/configuration.md for the valid keys)',
        });
      }
      continue;
    }
    problems.push({ keyPath: formatKeyPath(issue.path), message: issue.message });
  }
  return problems;
}

/**
 * Validates a config object (from a file, package.json or ESLint settings) and fills in the defaults.
 * `source` names where it came from, for the error message.
 */
export function resolveConfig(raw: unknown, source = 'config'): TenantIsolationConfig {
  const parsed = configSchema.safeParse(raw ?? {});
  if (!parsed.success) throw new ConfigError(source, problemsFromZod(parsed.error));
  return parsed.data;
}

export interface LoadedConfig {
  config: TenantIsolationConfig;
  /** The file the config came from, or null when the defaults apply. */
  file: string | null;
}

function readJsonFile(file: string): unknown {
  const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(file, [{ keyPath: '', message: jsonErrorText(text, (error as Error).message) }]);
  }
}

/**
 * Where TypeScript's JSON parser first fails, for the errors Node gives no position for (`Unexpected token '}'`).
 * It is loaded only then: reading a valid config never pays for it.
 */
function firstJsonSyntaxError(text: string): number | undefined {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require('typescript') as typeof import('typescript');
  const parsed = ts.parseJsonText('config.json', text) as import('typescript').JsonSourceFile & { parseDiagnostics?: Array<{ start?: number }> };
  return parsed.parseDiagnostics?.[0]?.start;
}

/**
 * A JSON syntax error as an editor shows it: `not valid JSON at line 3, column 3: Expected double-quoted property
 * name`. Node gives a character position, or none; then TypeScript's JSON parser is asked where it fails.
 */
export function jsonErrorText(text: string, message: string): string {
  const at = /\s*(?:in JSON )?at position (\d+)(?: \(line \d+ column \d+\))?/.exec(message);
  const offset = at ? Number(at[1]) : firstJsonSyntaxError(text);
  const reason = (at ? message.slice(0, at.index) + message.slice(at.index + at[0].length) : message).trim();
  // Where neither parser can say, no place is made up.
  if (offset === undefined) return `not valid JSON: ${reason}`;
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  return `not valid JSON at line ${before.length}, column ${before.at(-1)!.length + 1}: ${reason}`;
}

async function importModuleConfig(file: string): Promise<unknown> {
  try {
    if (!file.endsWith('.mjs')) {
      try {
        return requireModuleConfig(file);
      } catch (error) {
        // A .js config in a "type": "module" package is an ES module; import() reads it.
        if ((error as { code?: string }).code !== 'ERR_REQUIRE_ESM') throw error;
      }
    }
    const mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
    return mod.default ?? mod;
  } catch (error) {
    throw new ConfigError(file, [{ keyPath: '', message: `could not be loaded: ${(error as Error).message}` }]);
  }
}

function requireModuleConfig(file: string): unknown {
  // A long-lived process (an editor's ESLint server) reads the file again after it changed, not Node's cached copy.
  delete require.cache[file];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(file) as { default?: unknown };
  return mod.default ?? mod;
}

/** Finds the config file in `rootDir` (no search upwards: the project root is what the user points at). */
export function findConfigFile(rootDir: string): { file: string; fromPackageJson: boolean } | null {
  for (const name of CONFIG_FILE_NAMES) {
    const file = path.join(rootDir, name);
    if (fs.existsSync(file)) return { file, fromPackageJson: false };
  }
  const packageJson = path.join(rootDir, 'package.json');
  if (fs.existsSync(packageJson)) {
    const pkg = readJsonFile(packageJson);
    if (pkg && typeof pkg === 'object' && PACKAGE_JSON_KEY in pkg) return { file: packageJson, fromPackageJson: true };
  }
  return null;
}

/** Loads and validates the project's config; the defaults when there is none. */
export async function loadConfig(rootDir: string): Promise<LoadedConfig> {
  const found = findConfigFile(rootDir);
  if (found && /\.[cm]?js$/.test(found.file)) {
    return { config: resolveConfig(await importModuleConfig(found.file), found.file), file: found.file };
  }
  return loadFoundConfigSync(found);
}

/** The synchronous loader, for callers that cannot await (ESLint configs); an ES module config is an error here. */
export function loadConfigSync(rootDir: string): LoadedConfig {
  return loadFoundConfigSync(findConfigFile(rootDir));
}

function loadFoundConfigSync(found: FoundConfigFile | null): LoadedConfig {
  if (!found) return { config: resolveConfig({}, 'defaults'), file: null };
  const { raw, source } = readConfigFileSync(found);
  return { config: resolveConfig(raw, source), file: found.file };
}

export type FoundConfigFile = NonNullable<ReturnType<typeof findConfigFile>>;

/**
 * The config file nearest to `startDir`: in it, else in its parent, and so on up to the file system root, as ESLint
 * itself finds its config for a file. `visit` sees each directory searched and what it gave, so a caller can cache
 * the directories on the way.
 */
export function findNearestConfigFile(
  startDir: string,
  visit?: (dir: string, found: FoundConfigFile | null) => void,
): FoundConfigFile | null {
  let dir = path.resolve(startDir);
  for (;;) {
    const found = findConfigFile(dir);
    visit?.(dir, found);
    if (found) return found;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

const ES_MODULE_CONFIG_ADVICE = 'an ES module config cannot be loaded synchronously; use the async loadConfig() or a .json/.cjs file';

/**
 * The unvalidated config object of a found file and the name its errors go under, read synchronously. An ES module
 * (`.mjs`, or a `.js` file Node refuses to `require`) is a ConfigError whose message is `esModuleAdvice`.
 */
export function readConfigFileSync(
  found: FoundConfigFile,
  esModuleAdvice = ES_MODULE_CONFIG_ADVICE,
): { raw: unknown; source: string } {
  const { file, fromPackageJson } = found;
  if (fromPackageJson) {
    const pkg = readJsonFile(file) as Record<string, unknown>;
    return { raw: pkg[PACKAGE_JSON_KEY], source: `${file} ("${PACKAGE_JSON_KEY}" key)` };
  }
  if (file.endsWith('.json')) return { raw: readJsonFile(file), source: file };
  if (file.endsWith('.mjs')) throw new ConfigError(file, [{ keyPath: '', message: esModuleAdvice }]);
  try {
    return { raw: requireModuleConfig(file), source: file };
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_REQUIRE_ESM') {
      throw new ConfigError(file, [{ keyPath: '', message: esModuleAdvice }]);
    }
    throw new ConfigError(file, [{ keyPath: '', message: `could not be loaded: ${(error as Error).message}` }]);
  }
}
