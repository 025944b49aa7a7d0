import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  ConfigError,
  findNearestConfigFile,
  readConfigFileSync,
  resolveConfig,
  type FoundConfigFile,
} from '@tenant-isolation/core';
import type { TSESLint } from '@typescript-eslint/utils';
import { recordConfigSource, SETTINGS_KEY } from './settings';

const ES_MODULE_ADVICE =
  `an ES module config cannot be loaded by ESLint rules, which run synchronously; import it in your ESLint config ` +
  `and pass it as settings['${SETTINGS_KEY}'], or use a .json/.cjs file`;

/** A config file as last read: its raw object (validated) or the error it gave, and the stamp it was read at. */
interface ReadConfigFile {
  stamp: string;
  raw: object | ConfigError;
}

/**
 * The nearest config file of every directory a linted file was in (null: none up to the root). A project's files
 * share a handful of directories, so a lint run looks for the file once per directory. Kept for the life of the
 * process: an editor's ESLint server sees a config file added or removed only after a restart.
 */
const nearestByDirectory = new Map<string, FoundConfigFile | null>();

/**
 * What each config file held when it was last read. Its modification time and size are checked on every lookup (one
 * `stat`, no read), so an edited config applies to the next lint without a restart.
 */
const readByFile = new Map<string, ReadConfigFile>();

/**
 * The raw config of the tenant-isolation config file nearest to `directory`, validated, or undefined when there is
 * none. An invalid file throws its ConfigError, naming the file and the key path, for every file linted under it.
 */
export function configFileFor(directory: string): object | undefined {
  let found = nearestByDirectory.get(directory);
  if (found === undefined) {
    const searched: string[] = [];
    found = findNearestConfigFile(directory, (dir) => searched.push(dir));
    for (const dir of searched) nearestByDirectory.set(dir, found);
  }
  if (!found) return undefined;
  const stamp = stampOf(found.file);
  if (stamp === MISSING) {
    // The file was deleted: the directories that led to it may now lead elsewhere.
    nearestByDirectory.clear();
    readByFile.delete(found.file);
    return configFileFor(directory);
  }
  let read = readByFile.get(found.file);
  if (!read || read.stamp !== stamp) {
    read = { stamp, raw: readValidated(found) };
    readByFile.set(found.file, read);
  }
  // A new error each time: ESLint prefixes the rule's name to the message of the error it catches.
  if (read.raw instanceof ConfigError) throw new ConfigError(read.raw.source, read.raw.problems);
  return read.raw;
}

const MISSING = 'missing';

function stampOf(file: string): string {
  try {
    const { mtimeMs, size } = fs.statSync(file);
    return `${mtimeMs}:${size}`;
  } catch {
    return MISSING;
  }
}

function readValidated(found: FoundConfigFile): object | ConfigError {
  try {
    const { raw, source } = readConfigFileSync(found, ES_MODULE_ADVICE);
    resolveConfig(raw, source);
    // A file that holds `null` means the defaults; rule options then merge onto an empty object.
    const object = raw !== null && typeof raw === 'object' ? raw : {};
    recordConfigSource(object, source);
    directoryByConfigObject.set(object, path.dirname(found.file));
    return object;
  } catch (error) {
    if (error instanceof ConfigError) return error;
    return new ConfigError(found.file, [{ keyPath: '', message: `could not be read: ${(error as Error).message}` }]);
  }
}

/** The directory of the file each config object was read from: where paths in it (the Prisma schema) are relative to. */
const directoryByConfigObject = new WeakMap<object, string>();

/** The directory of the config file the settings came from, or null when ESLint's settings hold the config. */
export function configDirectoryOf(settingsValue: unknown): string | null {
  return settingsValue !== null && typeof settingsValue === 'object' ? (directoryByConfigObject.get(settingsValue) ?? null) : null;
}

/** The config file's object per linted file, so the rules of one file look it up once. */
const byLintedFile = new WeakMap<object, object | undefined>();

/**
 * The rule context a rule runs with: as given when ESLint settings hold the config (no file is read), else with the
 * nearest config file's object in `settings['tenant-isolation']`, else (no file up to the root) as given.
 */
export function withConfigFile<Context extends Readonly<TSESLint.RuleContext<string, readonly unknown[]>>>(
  context: Context,
): Context {
  const { settings } = context;
  if (settings[SETTINGS_KEY] !== undefined) return context;
  const { sourceCode } = context;
  let raw = byLintedFile.get(sourceCode);
  if (raw === undefined && !byLintedFile.has(sourceCode)) {
    raw = configFileFor(path.dirname(path.resolve(context.cwd, context.filename)));
    byLintedFile.set(sourceCode, raw);
  }
  if (raw === undefined) return context;
  return Object.create(context, { settings: { value: { ...settings, [SETTINGS_KEY]: raw } } }) as Context;
}
