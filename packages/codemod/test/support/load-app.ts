import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

export interface AppLoaderOptions {
  /** The app root: `@/lib/db` is `<root>/lib/db.ts`, or `<root>/src/lib/db.ts` for an app whose tsconfig maps `@/*` to `./src/*`. */
  root: string;
  /**
   * Import prefixes and the directories they stand for, relative to the root (`{ '@/': 'src/' }`); by default the
   * `paths` of the root's tsconfig.json (tsconfigPathAliases).
   */
  pathAliases?: Readonly<Record<string, string>>;
  /** Modules the app gets instead of the real ones, by the specifier it imports. */
  stubs: Readonly<Record<string, unknown>>;
  /**
   * Stubs chosen by a rule rather than listed, asked after `stubs` for every specifier: the module the importer
   * gets, or undefined to resolve the specifier as usual. `appModule` is the module of the app the specifier names
   * (relative to the root, `/`-separated): the file it resolves to, or the path it names when there is no such
   * file; null for a package.
   */
  stubFor?: (specifier: string, importer: string, appModule: string | null) => unknown;
  /** Every other bare specifier (`next/server`, `node:async_hooks` …): the real module. */
  requireExternal: (specifier: string) => unknown;
  /** Modules that exist only in memory, by path relative to the root; one here shadows the file on disk. */
  sources?: Readonly<Record<string, string>>;
  /** Names every module of the app sees in place of the global ones (a frozen `Date`, a `console` that records). */
  globals?: Readonly<Record<string, unknown>>;
}

export interface AppModules {
  /** Loads a module of the app by its path relative to the root, once; later calls return the same exports. */
  load<T = Record<string, unknown>>(relativePath: string): T;
}

const COMPILER_OPTIONS: ts.CompilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  sourceMap: false,
  // `.tsx` routes (an ImageResponse, say) import react/jsx-runtime as Next.js compiles them.
  jsx: ts.JsxEmit.ReactJSX,
};

/**
 * The import prefixes an app's tsconfig.json maps to a directory (`"@/*": ["./src/*"]` → `{ '@/': 'src/' }`), the
 * first target of each, relative to `root`; `@/` for the root itself when the tsconfig has no such paths, as a
 * Next.js app without one would be written.
 */
export function tsconfigPathAliases(root: string): Record<string, string> {
  const configPath = path.join(root, 'tsconfig.json');
  const { config } = fs.existsSync(configPath) ? ts.readConfigFile(configPath, ts.sys.readFile) : { config: undefined };
  const options = (config as { compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> } } | undefined)?.compilerOptions ?? {};
  const base = path.resolve(root, options.baseUrl ?? '.');
  const aliases: Record<string, string> = {};
  for (const [pattern, [target] = []] of Object.entries(options.paths ?? {})) {
    if (!pattern.endsWith('*') || target === undefined || !target.endsWith('*')) continue;
    const directory = path.relative(root, path.resolve(base, target.slice(0, -1))).split(path.sep).join('/');
    aliases[pattern.slice(0, -1)] = directory === '' ? '' : `${directory}/`;
  }
  return Object.keys(aliases).length > 0 ? aliases : { '@/': '' };
}

const compiledByFileAndText = new Map<string, string>();

/** The CommonJS text of a module; many loaders compile the same files, and transpileModule is the slow part. */
function compiled(file: string, text: string): string {
  const key = `${file}\0${text}`;
  let outputText = compiledByFileAndText.get(key);
  if (outputText === undefined) {
    outputText = ts.transpileModule(text, { fileName: file, compilerOptions: COMPILER_OPTIONS }).outputText;
    compiledByFileAndText.set(key, outputText);
  }
  return outputText;
}

/**
 * A tiny CommonJS loader for a Next.js app's TypeScript sources, so two copies of the same app (before and after a
 * rewrite) can run side by side in one process, each with its own module cache and so its own in-memory state.
 * Sources are compiled with `transpileModule` and run with `new Function`, whose globals are the test
 * environment's (so Jest's fake `Date` applies inside the app too) except the names `globals` replaces.
 */
export function createAppLoader({ root, pathAliases, stubs, stubFor, requireExternal, sources = {}, globals = {} }: AppLoaderOptions): AppModules {
  const cache = new Map<string, { exports: unknown }>();
  // Longest prefix first, as TypeScript picks the most specific pattern.
  const aliases = Object.entries(pathAliases ?? tsconfigPathAliases(root)).sort(([a], [b]) => b.length - a.length);
  const inMemory = new Map(Object.entries(sources).map(([relativePath, text]) => [path.join(root, relativePath), text]));
  const globalNames = Object.keys(globals);
  const globalValues = Object.values(globals);

  const sourceFile = (base: string): string | null => {
    for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
      if (inMemory.has(candidate) || (fs.existsSync(candidate) && fs.statSync(candidate).isFile())) return candidate;
    }
    return null;
  };

  /** The path a specifier names inside the app, before any extension is tried; null for a package. */
  const appPath = (importer: string, specifier: string): string | null => {
    if (specifier.startsWith('.')) return path.resolve(path.dirname(importer), specifier);
    const alias = aliases.find(([prefix]) => specifier.startsWith(prefix));
    return alias === undefined ? null : path.join(root, alias[1], specifier.slice(alias[0].length));
  };

  const requireFrom = (importer: string, specifier: string): unknown => {
    if (Object.hasOwn(stubs, specifier)) return stubs[specifier];
    const base = appPath(importer, specifier);
    const file = base === null ? null : sourceFile(base);
    const appModule = base === null ? null : path.relative(root, file ?? base).split(path.sep).join('/');
    const ruled = stubFor?.(specifier, importer, appModule);
    if (ruled !== undefined) return ruled;
    if (base === null) return requireExternal(specifier);
    if (file === null) throw new Error(`${path.relative(root, importer)} imports '${specifier}', which does not exist in ${root}`);
    return loadFile(file);
  };

  const loadFile = (file: string): unknown => {
    const cached = cache.get(file);
    if (cached) return cached.exports;
    const module = { exports: {} as unknown };
    // Cached before it runs, as Node does, so an import cycle sees the partial exports instead of looping.
    cache.set(file, module);
    const outputText = compiled(file, inMemory.get(file) ?? fs.readFileSync(file, 'utf8'));
    try {
      const run = new Function('exports', 'require', 'module', '__filename', '__dirname', ...globalNames, outputText);
      run(module.exports, (specifier: string) => requireFrom(file, specifier), module, file, path.dirname(file), ...globalValues);
    } catch (error) {
      cache.delete(file);
      throw error;
    }
    return module.exports;
  };

  return { load: <T>(relativePath: string) => loadFile(path.join(root, relativePath)) as T };
}
