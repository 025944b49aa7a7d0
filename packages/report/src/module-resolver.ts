import fs from 'node:fs';
import path from 'node:path';
import { ts } from 'ts-morph';

/** Resolves an import of one project file to another project file, the way the TypeScript compiler would. */
export interface ModuleResolver {
  /** The absolute path of the project source file `specifier` denotes from `fromFile`; null for packages and misses. */
  resolve(specifier: string, fromFile: string): string | null;
  /** What the resolver could not use (a tsconfig that does not parse), for the command to show. */
  readonly warnings: readonly string[];
  /**
   * The directory of the project a file belongs to: that of its nearest tsconfig.json or jsconfig.json (the scan
   * root when there is none, or when one tsconfig is forced). Paths relative to it are what `@/…` aliases and URL
   * paths are read from, in an app of a monorepo scanned from the repository root too.
   */
  projectDirOf(file: string): string;
}

/** A tsconfig given on the command line that cannot be used: the scan would resolve imports wrongly without it. */
export class TsconfigError extends Error {
  override name = 'TsconfigError';
}

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const CONFIG_NAMES = ['tsconfig.json', 'jsconfig.json'];

/** How one tsconfig resolves: its compiler options, the compiler's module resolution host and cache. */
interface ConfigResolution {
  lookUp(specifier: string, fromFile: string): string | null;
  /** What the compiler found wrong in the config file (an `extends` it cannot find, an unknown option). */
  problems: string[];
}

/**
 * A resolver over the project's tsconfig files (`paths` such as `@/lib/*`, `baseUrl`, `moduleResolution`), read by
 * ts-morph. Each file is resolved with the nearest `tsconfig.json` (or a JavaScript project's `jsconfig.json`) above
 * it inside the root, as the editor would, so an app of a monorepo scanned from the repository root keeps its own
 * aliases; `tsconfig` forces one file for all. Only resolution is asked of the compiler: no program is built, so a
 * 10,000-route project costs a module lookup per distinct import, not a type check. Where no config applies it
 * resolves like a bundler, and takes `@/x` and `~/x` to `<root>/x` or `<root>/src/x`, the aliases create-next-app
 * sets up. Files of `overlay` (texts by absolute path, not written yet) resolve as if they were on disk.
 */
export function createModuleResolver(root: string, tsconfig?: string, overlay: ReadonlyMap<string, string> = new Map()): ModuleResolver {
  const warnings: string[] = [];
  const rootWithSep = root.endsWith(path.sep) ? root : root + path.sep;
  const resolutions = new Map<string, ConfigResolution>();
  const configOfDirectory = new Map<string, string | null>();
  let forced: ConfigResolution | undefined;
  if (tsconfig) {
    const file = path.resolve(root, tsconfig);
    if (!fs.existsSync(file)) throw new TsconfigError(`tsconfig not found: ${file}`);
    try {
      forced = configResolution(file, root, rootWithSep, overlay);
    } catch (error) {
      throw new TsconfigError(`cannot read the tsconfig ${file}: ${(error as Error).message}`);
    }
    if (forced.problems.length > 0) throw new TsconfigError(`the tsconfig ${file} has problems: ${forced.problems.join('; ')}`);
  }
  const fallback = configResolution(null, root, rootWithSep, overlay);

  /** The nearest config file at or above `directory`, not above the root. */
  function nearestConfig(directory: string): string | null {
    const known = configOfDirectory.get(directory);
    if (known !== undefined) return known;
    let found: string | null = null;
    for (const name of CONFIG_NAMES) {
      const candidate = path.join(directory, name);
      if (fs.statSync(candidate, { throwIfNoEntry: false })?.isFile()) {
        found = candidate;
        break;
      }
    }
    const parent = path.dirname(directory);
    if (!found && directory !== root && parent.startsWith(root) && parent !== directory) found = nearestConfig(parent);
    configOfDirectory.set(directory, found);
    return found;
  }

  function resolutionFor(fromFile: string): ConfigResolution {
    if (forced) return forced;
    const config = nearestConfig(path.dirname(fromFile));
    if (!config) return fallback;
    let resolution = resolutions.get(config);
    if (!resolution) {
      try {
        resolution = configResolution(config, root, rootWithSep, overlay);
        if (resolution.problems.length > 0) {
          warnings.push(`${path.relative(root, config)}: ${resolution.problems.join('; ')}; imports of the files it governs may resolve differently than the compiler's`);
        }
      } catch (error) {
        warnings.push(`${path.relative(root, config)} could not be read (${(error as Error).message}); imports of the files it governs are resolved without it`);
        resolution = fallback;
      }
      resolutions.set(config, resolution);
    }
    return resolution;
  }

  return {
    warnings,
    resolve: (specifier, fromFile) => resolutionFor(fromFile).lookUp(specifier, fromFile),
    projectDirOf(file) {
      if (forced) return root;
      const config = nearestConfig(path.dirname(file));
      return config ? path.dirname(config) : root;
    },
  };
}

function configResolution(configFile: string | null, root: string, rootWithSep: string, overlay: ReadonlyMap<string, string>): ConfigResolution {
  const config = configFile
    ? compilerOptionsOf(configFile)
    : {
        options: { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, jsx: ts.JsxEmit.Preserve },
        problems: [],
      };
  const options = { ...config.options, allowJs: true };
  const host = withOverlay(ts.sys, overlay);
  const cache = ts.createModuleResolutionCache(path.dirname(configFile ?? path.join(root, 'x')), (f) => f, options);
  // A relative import means the same file from every importer that lands on the same path; a bare or aliased one
  // (`@/lib/auth`, `next/server`) means the same thing from every file this one config governs.
  const resolved = new Map<string, string | null>();

  function lookUp(specifier: string, fromFile: string): string | null {
    const result = ts.resolveModuleName(specifier, fromFile, options, host, cache).resolvedModule;
    // A workspace package linked into node_modules resolves to its real path inside the repository: a project file,
    // whatever the compiler calls it. Only what stays under node_modules is someone else's package.
    if (result && !result.resolvedFileName.endsWith('.d.ts')) {
      const file = path.resolve(result.resolvedFileName);
      if (file.startsWith(rootWithSep) && !file.includes(`${path.sep}node_modules${path.sep}`)) return file;
    }
    if (!configFile) {
      const alias = /^[@~]\/(.+)$/.exec(specifier);
      if (alias) return probe(path.join(root, alias[1]!), overlay) ?? probe(path.join(root, 'src', alias[1]!), overlay);
    }
    return null;
  }

  const { problems } = config;
  return {
    problems,
    lookUp(specifier, fromFile) {
      const relative = specifier.startsWith('.') || path.isAbsolute(specifier);
      const key = relative ? path.resolve(path.dirname(fromFile), specifier) : specifier;
      let file = resolved.get(key);
      if (file === undefined) {
        file = lookUp(specifier, fromFile);
        resolved.set(key, file);
      }
      return file;
    },
  };
}

/** TypeScript's "No inputs were found in config file": the options are read without listing the project's files. */
const NO_INPUTS_FOUND = 18003;

/**
 * The compiler options of a tsconfig (its `extends` followed) and what is wrong in it. Only the options are read:
 * the files it includes are not listed, which in a large project would walk the whole tree for nothing. A file
 * that cannot be read, or is not JSON, throws.
 */
function compilerOptionsOf(configFile: string): { options: ts.CompilerOptions; problems: string[] } {
  const json = ts.parseConfigFileTextToJson(configFile, fs.readFileSync(configFile, 'utf8'));
  if (json.error) throw new Error(ts.flattenDiagnosticMessageText(json.error.messageText, ' '));
  const host: ts.ParseConfigHost = { ...ts.sys, readDirectory: () => [] };
  const parsed = ts.parseJsonConfigFileContent(json.config, host, path.dirname(configFile), undefined, configFile);
  const problems = parsed.errors
    .filter((diagnostic) => diagnostic.code !== NO_INPUTS_FOUND)
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, ' '));
  return { options: parsed.options, problems };
}

/** The source file a path without extension denotes: the path itself, with an extension, or its index file. */
function probe(base: string, overlay: ReadonlyMap<string, string>): string | null {
  for (const candidate of [base, ...SOURCE_EXTENSIONS.map((e) => base + e), ...SOURCE_EXTENSIONS.map((e) => path.join(base, `index${e}`))]) {
    if (overlay.has(candidate) || fs.statSync(candidate, { throwIfNoEntry: false })?.isFile()) return candidate;
  }
  return null;
}

/** The compiler's view of the disk with the overlay's files on it too. */
function withOverlay(host: ts.ModuleResolutionHost, overlay: ReadonlyMap<string, string>): ts.ModuleResolutionHost {
  if (overlay.size === 0) return host;
  const directories = new Set<string>();
  for (const file of overlay.keys()) {
    for (let dir = path.dirname(file); !directories.has(dir) && dir !== path.dirname(dir); dir = path.dirname(dir)) directories.add(dir);
  }
  const overlaid = (file: string): string | undefined => overlay.get(path.resolve(file));
  return {
    ...host,
    fileExists: (file) => overlaid(file) !== undefined || host.fileExists(file),
    readFile: (file) => overlaid(file) ?? host.readFile(file),
    directoryExists: (dir) => directories.has(path.resolve(dir)) || (host.directoryExists?.(dir) ?? true),
    realpath: (file) => (overlaid(file) !== undefined ? file : host.realpath ? host.realpath(file) : file),
  };
}
