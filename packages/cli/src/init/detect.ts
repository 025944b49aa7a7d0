import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectCodeStyle, findConfigFile, parseModule, type ParsedModule } from '@tenant-isolation/core';
import type { TSESTree } from '@typescript-eslint/types';
import fg from 'fast-glob';
import ts from 'typescript';

/** What `tenant-isolation init` finds out about a Next.js app before it writes anything. */
export interface Detected {
  root: string;
  /** App Router route files and `pages/api` modules, each under the project root or `src/`. */
  appRouter: boolean;
  pagesApi: boolean;
  /** `src/` holds the app (`src/app`, `src/pages`). */
  srcDir: boolean;
  /** The tsconfig path alias that maps to the app's root (`@/` for `"@/*": ["./src/*"]`), and the directory it maps to. */
  alias: { prefix: string; dir: string } | null;
  nextAuth:
    | { version: 4; authOptions: { name: string; file: string } | null }
    | { version: 5; auth: { name: string; file: string } | null }
    | null;
  packageManager: 'npm' | 'pnpm' | 'yarn' | 'bun';
  /** The app's ESLint config file, project-relative; flat or legacy. */
  eslintConfig: { file: string; flat: boolean } | null;
  /** A tenant-isolation config file that already exists. */
  configFile: string | null;
  /** Whether the app's own code ends statements with semicolons. */
  semicolons: boolean;
}

const SOURCE_GLOB = '**/*.{ts,tsx,js,jsx,mjs,cjs}';
const IGNORE = ['**/node_modules/**', '**/.next/**', 'dist/**', 'build/**', 'out/**', 'coverage/**', '**/*.d.ts'];

export async function detect(root: string): Promise<Detected> {
  const has = (relative: string) => fs.existsSync(path.join(root, relative));
  const srcDir = has('src/app') || has('src/pages');
  const base = srcDir ? 'src/' : '';
  const appRoutes = await fg(`${base}app/**/route.{ts,tsx,js,jsx,mjs,cjs}`, { cwd: root, ignore: IGNORE });
  const pagesApi = await fg(`${base}pages/api/${SOURCE_GLOB}`, { cwd: root, ignore: IGNORE });
  return {
    root,
    appRouter: appRoutes.length > 0,
    pagesApi: pagesApi.length > 0,
    srcDir,
    alias: pathAlias(root),
    nextAuth: await nextAuthOf(root),
    packageManager: packageManagerOf(root),
    eslintConfig: eslintConfigOf(root),
    configFile: findConfigFile(root)?.file ?? null,
    semicolons: await usesSemicolons(root, [...appRoutes, ...pagesApi]),
  };
}

/** The tsconfig (or jsconfig) `paths` entry that maps a prefix onto the project root or `src/`: `@/*` → `./src/*`. */
function pathAlias(root: string): Detected['alias'] {
  for (const name of ['tsconfig.json', 'jsconfig.json']) {
    const file = path.join(root, name);
    if (!fs.existsSync(file)) continue;
    // tsconfig files are JSON with comments and trailing commas: read as the compiler reads them.
    const { config } = ts.parseConfigFileTextToJson(file, fs.readFileSync(file, 'utf8')) as {
      config?: { compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> } };
    };
    const baseUrl = config?.compilerOptions?.baseUrl ?? '.';
    for (const [key, targets] of Object.entries(config?.compilerOptions?.paths ?? {})) {
      const target = targets[0];
      if (!key.endsWith('/*') || !target?.endsWith('/*')) continue;
      const dir = path.posix.normalize(path.posix.join(baseUrl.split(path.sep).join('/'), target.slice(0, -2)));
      if (dir === '.' || dir === 'src') return { prefix: key.slice(0, -1), dir: dir === '.' ? '' : 'src' };
    }
  }
  return null;
}

function packageJson(root: string): Record<string, unknown> | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** NextAuth's major version from package.json, and where the app exports what the wrapper reads the session with. */
async function nextAuthOf(root: string): Promise<Detected['nextAuth']> {
  const pkg = packageJson(root);
  const deps = { ...(pkg?.dependencies as Record<string, string> | undefined), ...(pkg?.devDependencies as Record<string, string> | undefined) };
  const range = deps['next-auth'];
  if (!range) return null;
  const version = /(^|[^\d])5\.|beta/.test(range) ? 5 : 4;
  const candidates = await fg(SOURCE_GLOB, { cwd: root, ignore: [...IGNORE, '**/*.test.*', '**/*.spec.*', '**/__tests__/**'] });
  for (const file of candidates.sort(byDepth)) {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    if (version === 4 ? !text.includes('NextAuthOptions') && !text.includes('authOptions') : !text.includes('NextAuth(')) continue;
    const name = version === 4 ? exportedAuthOptions(text, file) : exportedAuth(text, file);
    if (name) return version === 4 ? { version, authOptions: { name, file } } : { version, auth: { name, file } };
  }
  return version === 4 ? { version, authOptions: null } : { version, auth: null };
}

/** Shallower files first, so `lib/auth.ts` wins over a copy deep in a feature folder. */
const byDepth = (a: string, b: string): number => a.split('/').length - b.split('/').length || (a < b ? -1 : a > b ? 1 : 0);

function programOf(text: string, file: string): ParsedModule['program'] | null {
  try {
    return parseModule(text, file).program;
  } catch {
    return null;
  }
}

/** The declarators of a module's `export const …` statements; none when it does not parse. */
function exportedDeclarators(text: string, file: string): TSESTree.VariableDeclarator[] {
  const program = programOf(text, file);
  return (program?.body ?? []).flatMap((statement) =>
    statement.type === 'ExportNamedDeclaration' && statement.declaration?.type === 'VariableDeclaration' ? statement.declaration.declarations : [],
  );
}

/** `export const authOptions: NextAuthOptions = …` (or any exported const typed NextAuthOptions, or named authOptions). */
function exportedAuthOptions(text: string, file: string): string | null {
  for (const { id } of exportedDeclarators(text, file)) {
    if (id.type !== 'Identifier') continue;
    const annotation = id.typeAnnotation?.typeAnnotation;
    const typed = annotation?.type === 'TSTypeReference' && annotation.typeName.type === 'Identifier' && annotation.typeName.name === 'NextAuthOptions';
    if (typed || id.name === 'authOptions') return id.name;
  }
  return null;
}

/** `export const { auth, handlers } = NextAuth(…)`: NextAuth v5's session reader. */
function exportedAuth(text: string, file: string): string | null {
  for (const { id } of exportedDeclarators(text, file)) {
    if (id.type !== 'ObjectPattern') continue;
    for (const property of id.properties) {
      if (property.type === 'Property' && property.key.type === 'Identifier' && property.key.name === 'auth' && property.value.type === 'Identifier') {
        return property.value.name;
      }
    }
  }
  return null;
}

function packageManagerOf(root: string): Detected['packageManager'] {
  if (fs.existsSync(path.join(root, 'pnpm-lock.yaml'))) return 'pnpm';
  if (fs.existsSync(path.join(root, 'yarn.lock'))) return 'yarn';
  if (fs.existsSync(path.join(root, 'bun.lockb')) || fs.existsSync(path.join(root, 'bun.lock'))) return 'bun';
  return 'npm';
}

const FLAT_CONFIGS = ['eslint.config.mjs', 'eslint.config.js', 'eslint.config.cjs', 'eslint.config.ts', 'eslint.config.mts', 'eslint.config.cts'];
const LEGACY_CONFIGS = ['.eslintrc.json', '.eslintrc.js', '.eslintrc.cjs', '.eslintrc.yml', '.eslintrc.yaml', '.eslintrc'];

function eslintConfigOf(root: string): Detected['eslintConfig'] {
  for (const file of FLAT_CONFIGS) if (fs.existsSync(path.join(root, file))) return { file, flat: true };
  for (const file of LEGACY_CONFIGS) if (fs.existsSync(path.join(root, file))) return { file, flat: false };
  return null;
}

/** The style most route files use: semicolons unless most statements go without. */
async function usesSemicolons(root: string, files: readonly string[]): Promise<boolean> {
  let withSemicolons = 0;
  let without = 0;
  for (const file of files.slice(0, 20)) {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    const program = programOf(text, file);
    if (!program) continue;
    if (detectCodeStyle(text, program).semicolon === ';') withSemicolons++;
    else without++;
  }
  return without <= withSemicolons;
}
