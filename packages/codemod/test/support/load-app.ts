import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

export interface AppLoaderOptions {
  /** The app root: `@/lib/db` is `<root>/lib/db.ts`. */
  root: string;
  /** Modules the app gets instead of the real ones, by the specifier it imports. */
  stubs: Readonly<Record<string, unknown>>;
  /** Every other bare specifier (`next/server`, `node:async_hooks` …): the real module. */
  requireExternal: (specifier: string) => unknown;
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
};

/**
 * A tiny CommonJS loader for a Next.js app's TypeScript sources, so two copies of the same app (before and after a
 * rewrite) can run side by side in one process, each with its own module cache and so its own in-memory state.
 * Sources are compiled with `transpileModule` and run with `new Function`, whose globals are the test
 * environment's (so Jest's fake `Date` applies inside the app too).
 */
export function createAppLoader({ root, stubs, requireExternal }: AppLoaderOptions): AppModules {
  const cache = new Map<string, { exports: unknown }>();

  const sourceFile = (base: string): string | null => {
    for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
      if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
    }
    return null;
  };

  const requireFrom = (importer: string, specifier: string): unknown => {
    if (Object.hasOwn(stubs, specifier)) return stubs[specifier];
    const base = specifier.startsWith('@/')
      ? path.join(root, specifier.slice(2))
      : specifier.startsWith('.')
        ? path.resolve(path.dirname(importer), specifier)
        : null;
    if (base === null) return requireExternal(specifier);
    const file = sourceFile(base);
    if (file === null) throw new Error(`${path.relative(root, importer)} imports '${specifier}', which does not exist in ${root}`);
    return loadFile(file);
  };

  const loadFile = (file: string): unknown => {
    const cached = cache.get(file);
    if (cached) return cached.exports;
    const module = { exports: {} as unknown };
    // Cached before it runs, as Node does, so an import cycle sees the partial exports instead of looping.
    cache.set(file, module);
    const { outputText } = ts.transpileModule(fs.readFileSync(file, 'utf8'), { fileName: file, compilerOptions: COMPILER_OPTIONS });
    try {
      const run = new Function('exports', 'require', 'module', '__filename', '__dirname', outputText);
      run(module.exports, (specifier: string) => requireFrom(file, specifier), module, file, path.dirname(file));
    } catch (error) {
      cache.delete(file);
      throw error;
    }
    return module.exports;
  };

  return { load: <T>(relativePath: string) => loadFile(path.join(root, relativePath)) as T };
}
