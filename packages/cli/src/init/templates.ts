/**
 * The files `tenant-isolation init` writes into an app that has no tenant wrapper yet: the context accessors on
 * AsyncLocalStorage, and the wrapper that checks the session and a signed tenant cookie before a handler runs.
 * Pure functions of what `detect` found, so the same app always gets the same text (and a second `init` changes
 * nothing).
 */

export interface TemplateInput {
  /** How the app imports its own modules: `@/lib/auth` (alias), with the alias prefix for the new modules. */
  importPrefix: string;
  /** Where the new modules live, relative to the alias root: `lib`. */
  libDir: string;
  /** NextAuth v4 (`getServerSession(authOptions)`) or v5 (`auth()`). */
  nextAuth: { version: 4; authOptions: { name: string; from: string } } | { version: 5; auth: { name: string; from: string } };
  /** Whether the app has `pages/api` handlers: a pages wrapper is written too. */
  pages: boolean;
  /** The name of the signed tenant cookie. */
  cookieName: string;
  /** The environment variable that holds the cookie's signing secret. */
  secretEnv: string;
  /** The field of the session's user that names the tenant: `tenantId`, or the app's own (`organizationId`). */
  tenantField: string;
  /** Whether the file is TypeScript with semicolons: the app's own style. */
  semicolons: boolean;
}

export const ACCESSOR_MODULE = 'tenant-context';
export const WRAPPER_MODULE = 'tenant-wrapper';

/** Marks a file `init` wrote, so that a later `init` knows it may compare it and never mistakes a team's own file. */
export const GENERATED_HEADER = '// Written by `tenant-isolation init`. Edit freely: init never overwrites a file without --force.';

const style = (text: string, semicolons: boolean): string => (semicolons ? text : text.replace(/;$/gm, ''));

export function accessorModule(input: TemplateInput): string {
  return style(
    `${GENERATED_HEADER}
import { AsyncLocalStorage } from 'node:async_hooks';

/** What a request knows of its caller once the wrapper has checked the session and the signed tenant cookie. */
export interface TenantContext {
  tenantId: string;
  userId: string;
  role?: string;
  userEmail?: string;
  userName?: string;
}

const storage = new AsyncLocalStorage<TenantContext>();

export class MissingTenantContextError extends Error {
  constructor() {
    super('requireTenantContext() was called outside withTenantContext(): wrap the route handler');
    this.name = 'MissingTenantContextError';
  }
}

/** Runs \`fn\` with \`ctx\` as the tenant context of everything it calls, frozen so no callee can widen it. */
export function runWithTenantContext<T>(ctx: TenantContext, fn: () => T): T {
  return storage.run(Object.freeze({ ...ctx }), fn);
}

/** The verified tenant context of the request; throws outside withTenantContext(). */
export function requireTenantContext(): TenantContext {
  const ctx = storage.getStore();
  if (!ctx) throw new MissingTenantContextError();
  return ctx;
}

/** The tenant context, or null for a caller without a session in a handler wrapped with \`{ requireAuth: false }\`. */
export function getTenantContext(): TenantContext | null {
  return storage.getStore() ?? null;
}
`,
    input.semicolons,
  );
}

export function wrapperModule(input: TemplateInput): string {
  const { importPrefix, libDir, nextAuth, pages, cookieName, secretEnv } = input;
  const sessionImports =
    nextAuth.version === 4
      ? [`import { getServerSession } from 'next-auth';`, `import { ${nextAuth.authOptions.name} } from '${nextAuth.authOptions.from}';`]
      : [`import { ${nextAuth.auth.name} } from '${nextAuth.auth.from}';`];
  const readSession = (pagesArgs: boolean): string =>
    nextAuth.version === 4
      ? `await getServerSession(${pagesArgs ? 'req, res, ' : ''}${nextAuth.authOptions.name})`
      : `await ${nextAuth.auth.name}(${pagesArgs ? 'req, res' : ''})`;
  const lines = [
    GENERATED_HEADER,
    `import { createHmac, timingSafeEqual } from 'node:crypto';`,
    ...(pages ? [`import type { NextApiRequest, NextApiResponse } from 'next';`] : []),
    `import { NextResponse, type NextRequest } from 'next/server';`,
    ...sessionImports,
    `import { runWithTenantContext, type TenantContext } from '${importPrefix}${libDir}/${ACCESSOR_MODULE}';`,
    '',
    `/** The cookie that names the caller's tenant: \`<tenantId>.<hex HMAC-SHA256 of the tenant id>\`. */`,
    `export const TENANT_COOKIE = '${cookieName}';`,
    '',
    'function signingSecret(): string {',
    `  const secret = process.env.${secretEnv};`,
    `  if (!secret) throw new Error('${secretEnv} must be set: it signs the tenant cookie');`,
    '  return secret;',
    '}',
    '',
    'function signature(tenantId: string): Buffer {',
    `  return createHmac('sha256', signingSecret()).update(tenantId).digest();`,
    '}',
    '',
    '/** The value of the tenant cookie for a tenant, to set when a user signs in or switches tenant. */',
    'export function signTenantCookie(tenantId: string): string {',
    "  return `${tenantId}.${signature(tenantId).toString('hex')}`;",
    '}',
    '',
    '/** The tenant a well-formed, correctly signed cookie names, else null; the signatures are compared in constant time. */',
    'export function verifyTenantCookie(value: string | undefined): string | null {',
    '  if (!value) return null;',
    "  const dot = value.lastIndexOf('.');",
    '  if (dot <= 0) return null;',
    '  const tenantId = value.slice(0, dot);',
    "  const given = Buffer.from(value.slice(dot + 1), 'hex');",
    '  const expected = signature(tenantId);',
    '  return given.length === expected.length && timingSafeEqual(given, expected) ? tenantId : null;',
    '}',
    '',
    'export interface WithTenantContextOptions {',
    '  /** When false, a caller without a session reaches the handler with no tenant context (see getTenantContext). */',
    '  requireAuth?: boolean;',
    '}',
    '',
    'type Check =',
    "  | { outcome: 'context'; ctx: TenantContext }",
    "  | { outcome: 'anonymous' }",
    "  | { outcome: 'rejected'; status: 401 | 403; error: string };",
    '',
    '/** The fields the session may carry, read without assuming how the app typed it. */',
    'interface SessionUser {',
    '  id?: unknown;',
    `  ${input.tenantField}?: unknown;`,
    '  role?: unknown;',
    '  email?: string | null;',
    '  name?: string | null;',
    '}',
    '',
    'const text = (value: unknown): string | undefined => (typeof value === \'string\' && value !== \'\' ? value : undefined);',
    '',
    '/**',
    ' * 401 without a signed-in user (unless `requireAuth` is false), 403 when the tenant cookie is missing, forged, or',
    " * names another tenant than the session's; otherwise the verified context.",
    ' */',
    'function checkTenant(user: SessionUser | undefined, cookie: string | undefined, requireAuth: boolean): Check {',
    '  const userId = text(user?.id);',
    `  const tenantId = text(user?.${input.tenantField});`,
    '  if (!userId || !tenantId) {',
    "    return requireAuth ? { outcome: 'rejected', status: 401, error: 'Unauthorized' } : { outcome: 'anonymous' };",
    '  }',
    '  const signed = verifyTenantCookie(cookie);',
    "  if (signed === null) return { outcome: 'rejected', status: 403, error: 'Invalid tenant signature' };",
    "  if (signed !== tenantId) return { outcome: 'rejected', status: 403, error: 'Tenant mismatch' };",
    '  return {',
    "    outcome: 'context',",
    '    ctx: { tenantId, userId, role: text(user?.role), userEmail: user?.email ?? undefined, userName: user?.name ?? undefined },',
    '  };',
    '}',
    '',
    'export type RouteContext<P> = { params: Promise<P> };',
    '',
    '/** Runs an App Router handler with the verified tenant context; answers 401 or 403 itself as checkTenant says. */',
    'export function withTenantContext<P = Record<string, string | string[]>>(',
    '  handler: (req: NextRequest, context: RouteContext<P>) => Response | Promise<Response>,',
    '  options: WithTenantContextOptions = {},',
    '): (req: NextRequest, context: RouteContext<P>) => Promise<Response> {',
    '  const requireAuth = options.requireAuth ?? true;',
    '  return async (req, context) => {',
    `    const session = ${readSession(false)};`,
    '    const check = checkTenant(session?.user as SessionUser | undefined, req.cookies.get(TENANT_COOKIE)?.value, requireAuth);',
    "    if (check.outcome === 'rejected') return NextResponse.json({ error: check.error }, { status: check.status });",
    "    if (check.outcome === 'anonymous') return handler(req, context);",
    '    return runWithTenantContext(check.ctx, () => handler(req, context));',
    '  };',
    '}',
  ];
  if (pages) {
    lines.push(
      '',
      '/** withTenantContext for pages/api handlers, which answer through `res`. */',
      'export function withTenantApiRoute(',
      '  handler: (req: NextApiRequest, res: NextApiResponse) => unknown,',
      '  options: WithTenantContextOptions = {},',
      '): (req: NextApiRequest, res: NextApiResponse) => Promise<void> {',
      '  const requireAuth = options.requireAuth ?? true;',
      '  return async (req, res) => {',
      `    const session = ${readSession(true)};`,
      '    const check = checkTenant(session?.user as SessionUser | undefined, req.cookies[TENANT_COOKIE], requireAuth);',
      "    if (check.outcome === 'rejected') {",
      '      res.status(check.status).json({ error: check.error });',
      '      return;',
      '    }',
      "    if (check.outcome === 'anonymous') {",
      '      await handler(req, res);',
      '      return;',
      '    }',
      '    await runWithTenantContext(check.ctx, () => handler(req, res));',
      '  };',
      '}',
    );
  }
  return style(`${lines.join('\n')}\n`, input.semicolons);
}
