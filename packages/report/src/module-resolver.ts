import fs from 'node:fs';
import path from 'node:path';
import { Project, ts } from 'ts-morph';

/** Resolves an import of one project file to another project file, the way the TypeScript compiler would. */
export interface ModuleResolver {
  /** The absolute path of the project source file `specifier` denotes from `fromFile`; null for packages and misses. */
  resolve(specifier: string, fromFile: string): string | null;
  /** The tsconfig whose `paths`, `baseUrl` and module resolution are used, or null when the project has none. */
  readonly tsconfigPath: string | null;
}

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/**
 * A resolver over the project's tsconfig (`paths` such as `@/lib/*`, `baseUrl`, `moduleResolution`), read by
 * ts-morph. Only resolution is asked of the compiler: no program is built, so a 10,000-route project costs a
 * module lookup per distinct import, not a type check. Without a tsconfig it resolves like a bundler, and takes
 * `@/x` and `~/x` to `<root>/x` or `<root>/src/x`, the aliases create-next-app sets up.
 */
export function createModuleResolver(root: string, tsconfig?: string): ModuleResolver {
  const tsconfigPath = tsconfig ? path.resolve(root, tsconfig) : path.join(root, 'tsconfig.json');
  const hasTsconfig = fs.existsSync(tsconfigPath);
  if (tsconfig && !hasTsconfig) throw new Error(`tsconfig not found: ${tsconfigPath}`);
  const project = hasTsconfig
    ? new Project({ tsConfigFilePath: tsconfigPath, skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true, skipLoadingLibFiles: true })
    : new Project({
        compilerOptions: { allowJs: true, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, jsx: ts.JsxEmit.Preserve },
        skipLoadingLibFiles: true,
      });
  const options = { ...project.getCompilerOptions(), allowJs: true };
  const host = project.getModuleResolutionHost();
  const cache = ts.createModuleResolutionCache(root, (f) => f, options);
  // A relative import means the same file from every importer that lands on the same path; a bare or aliased one
  // (`@/lib/auth`, `next/server`) means the same thing from every project file that one tsconfig governs.
  const resolved = new Map<string, string | null>();
  const rootWithSep = root.endsWith(path.sep) ? root : root + path.sep;

  function lookUp(specifier: string, fromFile: string): string | null {
    const result = ts.resolveModuleName(specifier, fromFile, options, host, cache).resolvedModule;
    if (result && !result.isExternalLibraryImport && !result.resolvedFileName.endsWith('.d.ts')) {
      const file = path.resolve(result.resolvedFileName);
      return file.startsWith(rootWithSep) && !file.includes(`${path.sep}node_modules${path.sep}`) ? file : null;
    }
    if (!hasTsconfig) {
      const alias = /^[@~]\/(.+)$/.exec(specifier);
      if (alias) return probe(path.join(root, alias[1]!)) ?? probe(path.join(root, 'src', alias[1]!));
    }
    return null;
  }

  return {
    tsconfigPath: hasTsconfig ? tsconfigPath : null,
    resolve(specifier, fromFile) {
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

/** The source file a path without extension denotes: the path itself, with an extension, or its index file. */
function probe(base: string): string | null {
  for (const candidate of [base, ...SOURCE_EXTENSIONS.map((e) => base + e), ...SOURCE_EXTENSIONS.map((e) => path.join(base, `index${e}`))]) {
    if (fs.statSync(candidate, { throwIfNoEntry: false })?.isFile()) return candidate;
  }
  return null;
}
