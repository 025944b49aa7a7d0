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

/** Every route file under `rootDir` that `routes` matches and `ignore` does not, relative and sorted. */
export async function discoverRouteFiles(rootDir: string, config: TenantIsolationConfig): Promise<string[]> {
  const files = await fg(config.routes.map(literalGlob), {
    cwd: rootDir,
    ignore: config.ignore.map(literalGlob),
    onlyFiles: true,
    dot: false,
    followSymbolicLinks: false,
  });
  return files.sort();
}

const routeMatchers = new WeakMap<TenantIsolationConfig, (file: string) => boolean>();

/** Whether a project-relative path is a route file under this config (the same test discovery applies). */
export function isRouteFile(relativePath: string, config: TenantIsolationConfig): boolean {
  let matcher = routeMatchers.get(config);
  if (!matcher) {
    // One regular expression per list: ESLint asks this once for every file it lints.
    const included = anyOf(config.routes);
    const ignored = anyOf(config.ignore);
    matcher = (file) => included.test(file) && !ignored.test(file);
    routeMatchers.set(config, matcher);
  }
  return matcher(toPosix(relativePath));
}

function anyOf(globs: readonly string[]): RegExp {
  if (globs.length === 0) return /(?!)/;
  return new RegExp(globs.map((glob) => picomatch.makeRe(literalGlob(glob)).source).join('|'));
}

/** `pages-api` for files under a `pages/api` directory; `app-route` otherwise. */
export function routeKindOfPath(relativePath: string): Exclude<RouteKind, 'server-action'> {
  return /(^|\/)pages\/api(\/|$)/.test(toPosix(relativePath)) ? 'pages-api' : 'app-route';
}

const stripExtension = (file: string): string => file.replace(/\.[cm]?[jt]sx?$/, '');

/**
 * The URL path Next.js serves a route file at: `src/app/(billing)/api/invoices/[id]/route.ts` → `/api/invoices/[id]`,
 * `pages/api/users/index.ts` → `/api/users`. Route groups and parallel-route slots do not appear in URLs.
 */
export function routeUrlPath(relativePath: string): string {
  const segments = stripExtension(toPosix(relativePath)).split('/').filter(Boolean);
  if (segments[0] === 'src') segments.shift();
  const root = segments.indexOf('app') === 0 ? 'app' : segments.indexOf('pages') === 0 ? 'pages' : null;
  if (root) segments.shift();
  const last = segments[segments.length - 1];
  if ((root === 'app' || root === null) && last === 'route') segments.pop();
  if (root === 'pages' && last === 'index') segments.pop();
  const visible = segments.filter((s) => !/^\(.*\)$/.test(s) && !s.startsWith('@'));
  return `/${visible.join('/')}`;
}


const publicMatchers = new WeakMap<PublicRoute, (urlPath: string) => boolean>();

/** The `publicRoutes` entry that covers this handler, if any. Pages API handlers match entries without `methods`. */
export function findPublicRoute(
  urlPath: string,
  handlerName: string,
  config: TenantIsolationConfig,
): PublicRoute | undefined {
  return config.publicRoutes.find((entry) => {
    let matches = publicMatchers.get(entry);
    if (!matches) {
      const glob = picomatch(literalGlob(entry.path.replace(/\/+$/, '') || '/'));
      matches = (url) => url === entry.path || glob(url);
      publicMatchers.set(entry, matches);
    }
    if (!matches(urlPath)) return false;
    return !entry.methods || (entry.methods as string[]).includes(handlerName);
  });
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
