import * as fs from 'node:fs';
import * as path from 'node:path';
import fg from 'fast-glob';
import picomatch from 'picomatch';
import type { PublicRoute, TenantIsolationConfig } from './config-schema';
import type { RouteKind } from './types';

const toPosix = (file: string): string => (path.sep === '/' ? file : file.split(path.sep).join('/'));

/**
 * Next.js names folders with brackets (`[id]`, `[...slug]`) and parentheses (route groups, `(billing)`), so in every
 * glob this project reads they are literal characters, not classes or groups. Extglobs (`@(a|b)`, `!(x)`) still work.
 */
export function literalGlob(pattern: string): string {
  return pattern.replace(/\\?[[\]()]/g, (match, offset: number) => {
    if (match.length === 2) return match;
    if (match === '(' && /[@!?*+]/.test(pattern[offset - 1] ?? '')) return match;
    if (match === ')' && isExtglobClose(pattern, offset)) return match;
    return `\\${match}`;
  });
}

function isExtglobClose(pattern: string, close: number): boolean {
  let depth = 0;
  for (let i = close - 1; i >= 0; i--) {
    if (pattern[i] === ')') depth++;
    else if (pattern[i] === '(') {
      if (depth === 0) return /[@!?*+]/.test(pattern[i - 1] ?? '');
      depth--;
    }
  }
  return false;
}

/**
 * Every route file under `rootDir` that `routes` matches and `ignore` does not, relative and sorted. Symbolic links
 * are followed, as Next.js follows them; a file reached by several paths (a linked file or folder, a link cycle) is
 * listed once, under its shortest path, so that no tool counts or rewrites it twice.
 */
export async function discoverRouteFiles(rootDir: string, config: TenantIsolationConfig): Promise<string[]> {
  const files = await fg(config.routes.map(literalGlob), {
    cwd: rootDir,
    ignore: config.ignore.map(literalGlob),
    onlyFiles: true,
    dot: false,
    followSymbolicLinks: true,
  });
  const byRealPath = new Map<string, string>();
  const shorter = (a: string, b: string) => a.split('/').length - b.split('/').length || (a < b ? -1 : a > b ? 1 : 0);
  for (const file of files) {
    if (inPrivateFolder(file)) continue;
    let real: string;
    try {
      real = fs.realpathSync(path.join(rootDir, file));
    } catch {
      continue; // a link that leads nowhere, or a loop: there is no file to read
    }
    const kept = byRealPath.get(real);
    if (kept === undefined || shorter(file, kept) < 0) byRealPath.set(real, file);
  }
  return [...byRealPath.values()].sort();
}

const routeMatchers = new WeakMap<TenantIsolationConfig, (file: string) => boolean>();

/**
 * Whether a file sits in an App Router private folder (`app/_lib/…`, `app/api/_internal/…`): Next.js never routes
 * those, so a `route.ts` there serves nothing.
 */
function inPrivateFolder(file: string): boolean {
  const segments = file.split('/');
  const app = segments.indexOf('app');
  if (app === -1) return false;
  for (let i = app + 1; i < segments.length - 1; i++) if (segments[i]!.startsWith('_')) return true;
  return false;
}

/** Whether a project-relative path is a route file under this config (the same test discovery applies). */
export function isRouteFile(relativePath: string, config: TenantIsolationConfig): boolean {
  let matcher = routeMatchers.get(config);
  if (!matcher) {
    // One regular expression per list: ESLint asks this once for every file it lints.
    const included = anyOf(config.routes);
    const ignored = anyOf(config.ignore);
    matcher = (file) => included(file) && !ignored(file) && !inPrivateFolder(file);
    routeMatchers.set(config, matcher);
  }
  return matcher(toPosix(relativePath));
}

function anyOf(globs: readonly string[]): (file: string) => boolean {
  if (globs.length === 0) return () => false;
  const regex = new RegExp(globs.map((glob) => picomatch.makeRe(literalGlob(glob)).source).join('|'));
  const required = globs.map((glob) => requiredText(literalGlob(glob)));
  if (required.some((text) => text === null || text.length === 0)) return (file) => regex.test(file);
  // Most paths lack a word of every ignore glob (`node_modules`, `.d.ts`…): they are answered without the expression.
  return (file) => {
    const padded = `/${file}/`;
    return required.some((text) => containsAll(padded, text!)) && regex.test(file);
  };
}

/**
 * Text that every path a glob matches contains: each segment without wildcards as a whole segment of the path padded
 * with slashes (`/out/` for the glob of `out` directories), and the literal runs of the other segments (`.d.ts` for
 * the glob of declaration files). Null when the glob has classes, braces, extglobs, escapes or relative segments,
 * whose text is not all required.
 */
function requiredText(glob: string): string[] | null {
  if (/[\\[\]{}()!+@|]/.test(glob)) return null;
  const required: string[] = [];
  for (const segment of glob.split('/')) {
    if (segment === '.' || segment === '..') return null;
    if (!/[*?]/.test(segment)) {
      if (segment) required.push(`/${segment}/`);
      continue;
    }
    for (const run of segment.split(/[*?]+/)) if (run) required.push(run);
  }
  return required;
}

function containsAll(text: string, parts: readonly string[]): boolean {
  for (const part of parts) if (!text.includes(part)) return false;
  return true;
}

/** `pages-api` for files under a `pages/api` directory; `app-route` otherwise. */
export function routeKindOfPath(relativePath: string): Exclude<RouteKind, 'server-action'> {
  const file = toPosix(relativePath);
  return file.includes('pages/api') && /(^|\/)pages\/api(\/|$)/.test(file) ? 'pages-api' : 'app-route';
}

const SCRIPT_EXTENSIONS = new Set(
  ['.js', '.jsx', '.ts', '.tsx', '.cjs', '.cjsx', '.cts', '.ctsx', '.mjs', '.mjsx', '.mts', '.mtsx'],
);

const stripExtension = (file: string): string => {
  const dot = file.lastIndexOf('.');
  return dot >= 0 && SCRIPT_EXTENSIONS.has(file.slice(dot)) ? file.slice(0, dot) : file;
};

/**
 * The URL path Next.js serves a route file at: `src/app/(billing)/api/invoices/[id]/route.ts` → `/api/invoices/[id]`,
 * `pages/api/users/index.ts` → `/api/users`. Route groups and parallel-route slots do not appear in URLs.
 */
export function routeUrlPath(relativePath: string): string {
  const segments = pathSegments(stripExtension(toPosix(relativePath)));
  let first = segments[0] === 'src' ? 1 : 0;
  const root = segments[first] === 'app' ? 'app' : segments[first] === 'pages' ? 'pages' : null;
  if (root) first++;
  let end = segments.length;
  const last = end > first ? segments[end - 1] : undefined;
  if ((root === 'app' || root === null) && last === 'route') end--;
  if (root === 'pages' && last === 'index') end--;
  // One loop rather than `filter` and `join`: the rule asks this for every file it lints.
  let url = '';
  for (let i = first; i < end; i++) {
    const segment = segments[i]!;
    if ((segment.startsWith('(') && /^\(.*\)$/.test(segment)) || segment.startsWith('@')) continue;
    url += `/${segment}`;
  }
  return url || '/';
}

/** The non-empty segments of a `/`-separated path. */
function pathSegments(file: string): string[] {
  const segments: string[] = [];
  for (let start = 0; start <= file.length; ) {
    let end = file.indexOf('/', start);
    if (end === -1) end = file.length;
    if (end > start) segments.push(file.slice(start, end));
    start = end + 1;
  }
  return segments;
}

/** A test of each `publicRoutes` path, compiled once per config. */
const publicPathTests = new WeakMap<TenantIsolationConfig, Array<(urlPath: string, padded: string) => boolean>>();

function publicPathTest(entry: PublicRoute): (urlPath: string, padded: string) => boolean {
  const pattern = literalGlob(entry.path.replace(/\/+$/, '') || '/');
  const glob = picomatch(pattern);
  const required = requiredText(pattern);
  if (!required) return (url) => url === entry.path || glob(url);
  return (url, padded) => url === entry.path || (containsAll(padded, required) && glob(url));
}

/** The `publicRoutes` entries whose path covers a URL path, whatever their methods. */
export function publicRoutesCovering(urlPath: string, config: TenantIsolationConfig): PublicRoute[] {
  const entries = config.publicRoutes;
  const covering: PublicRoute[] = [];
  if (entries.length === 0) return covering;
  let tests = publicPathTests.get(config);
  if (!tests) {
    tests = entries.map(publicPathTest);
    publicPathTests.set(config, tests);
  }
  const padded = `/${urlPath}/`;
  for (let i = 0; i < entries.length; i++) if (tests[i]!(urlPath, padded)) covering.push(entries[i]!);
  return covering;
}

/** The first of the entries covering a handler's URL that also covers its method. Pages API handlers match entries without `methods`. */
export function publicEntryFor(covering: readonly PublicRoute[], handlerName: string): PublicRoute | undefined {
  return covering.find((entry) => !entry.methods || (entry.methods as string[]).includes(handlerName));
}

/** The `publicRoutes` entry that covers this handler, if any. */
export function findPublicRoute(
  urlPath: string,
  handlerName: string,
  config: TenantIsolationConfig,
): PublicRoute | undefined {
  return publicEntryFor(publicRoutesCovering(urlPath, config), handlerName);
}

/** Path aliases such as `@/lib/x`, `~/lib/x` or `#/lib/x`: the part after the alias is the project path. */
const ALIAS_PREFIX = /^[@~#$]\//;

const normalizeModulePath = (file: string): string => stripExtension(toPosix(file)).replace(/\/index$/, '');

const aliases = new Map<string, { tail: string; baseName: string } | null>();

function aliasOf(configured: string): { tail: string; baseName: string } | null {
  let alias = aliases.get(configured);
  if (alias === undefined) {
    const tail = ALIAS_PREFIX.test(configured) ? normalizeModulePath(configured.slice(2)) : null;
    alias = tail ? { tail, baseName: tail.slice(tail.lastIndexOf('/') + 1) } : null;
    aliases.set(configured, alias);
  }
  return alias;
}

/**
 * Whether an import source in `importingFile` refers to the configured module `configured`.
 * Bare package names compare exactly. An aliased path (`@/lib/api-wrapper`) also matches the same project path written
 * with another alias, from `baseUrl` (`lib/api-wrapper`, `src/lib/api-wrapper`), or relative (`../../lib/api-wrapper`),
 * since tsconfig `paths` are not visible to a single-file analysis.
 */
export function moduleMatches(configured: string, source: string, importingFile?: string): boolean {
  if (configured === source) return true;
  const alias = aliasOf(configured);
  if (!alias) return false;
  // Every import of every route file is compared with every configured module: most share no file name at all.
  if (!source.includes(alias.baseName)) return false;
  const aliasTail = alias.tail;
  if (ALIAS_PREFIX.test(source)) return normalizeModulePath(source.slice(2)) === aliasTail;
  if (source.startsWith('.')) {
    if (!importingFile) return false;
    const importer = toPosix(importingFile);
    const resolved = normalizeModulePath(path.posix.join(path.posix.dirname(importer), source));
    // From a project-relative path the alias root is the project or its src/; from an absolute one it is unknown.
    if (!path.posix.isAbsolute(importer)) return resolved === aliasTail || resolved === `src/${aliasTail}`;
    return resolved.endsWith(`/${aliasTail}`);
  }
  // baseUrl-style imports; anything else bare is a package, whatever its name ends with.
  const bare = normalizeModulePath(source);
  return bare === aliasTail || bare === `src/${aliasTail}`;
}

/**
 * The project-relative route path of a file, given its path relative to where the tool runs. In a monorepo the
 * tool often runs above the app (`apps/web/app/api/x/route.ts`), so when the whole path is not a route, the shortest
 * leading directories are dropped until the rest is one. Null when no suffix is a route file.
 */
export function matchRoutePath(relativePath: string, config: TenantIsolationConfig): string | null {
  if (isRouteFile(relativePath, config)) return toPosix(relativePath);
  const segments = toPosix(relativePath).split('/').filter((s) => s && s !== '.');
  for (let start = 0; start < segments.length; start++) {
    if (segments[start] === '..') continue;
    const candidate = segments.slice(start).join('/');
    if (isRouteFile(candidate, config)) return candidate;
  }
  return null;
}
