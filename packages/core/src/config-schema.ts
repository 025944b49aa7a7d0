import { z } from 'zod';
import { HTTP_METHODS } from './types';

const ROUTE_EXTENSIONS = '{ts,tsx,js,jsx,mjs,cjs}';

export const DEFAULT_ROUTES = [
  `app/**/route.${ROUTE_EXTENSIONS}`,
  `src/app/**/route.${ROUTE_EXTENSIONS}`,
  `pages/api/**/*.${ROUTE_EXTENSIONS}`,
  `src/pages/api/**/*.${ROUTE_EXTENSIONS}`,
];

// Build output is ignored at the top of the project only: the same pattern at any depth would also hide
// app/api/build/route.ts, a real route. Route globs start at app/, pages/ or src/, so output elsewhere never matches.
export const DEFAULT_IGNORE = [
  '**/node_modules/**',
  '**/.next/**',
  'dist/**',
  'build/**',
  'out/**',
  'coverage/**',
  '**/*.d.ts',
  '**/*.test.*',
  '**/*.spec.*',
  '**/__tests__/**',
  '**/__mocks__/**',
];

const NEXT_AUTH_MODULES = ['next-auth', 'next-auth/next'];

const nonEmpty = z.string().min(1, 'expected a non-empty string');

const importSpec = z
  .object({
    name: nonEmpty.describe('The exported name, e.g. "getServerSession".'),
    from: z
      .union([nonEmpty, z.array(nonEmpty).min(1, 'expected at least one module')])
      .describe('The module (or modules) it is imported from, e.g. "next-auth" or "@/lib/api-wrapper".'),
  })
  .strict();

/** An accessor the codemod can call: a function, or a method of an exported object (`tenantContext.getContextOrNull`). */
const accessorSpec = z
  .object({
    name: z
      .string()
      .regex(/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)?$/, 'expected an exported function name or object.method, e.g. "requireTenantContext" or "tenantContext.getContextOrNull"')
      .describe('The exported function, or `object.method` for a method of an exported object.'),
    from: nonEmpty.describe('The module it is imported from.'),
  })
  .strict();

/** Modules a project's Prisma client is usually exported from. */
export const DEFAULT_PRISMA_CLIENT_MODULES = ['@/lib/prisma', '@/lib/db', '@/server/db', '~/server/db', '@/lib/prisma-client'];

const prismaSection = z
  .object({
    schema: nonEmpty
      .optional()
      .describe(
        'The Prisma schema: a file, or a folder of .prisma files, relative to the config file. Default: as Prisma finds it (package.json "prisma.schema", prisma/schema.prisma, prisma/schema/, schema.prisma).',
      ),
    tenantField: nonEmpty.default('tenantId').describe('The field that holds the tenant on a tenant-scoped model.'),
    tenantScopedModels: z
      .array(nonEmpty)
      .default([])
      .describe('Models that are tenant-scoped without the tenant field of their own (through a relation; see "relations").'),
    globalModels: z
      .array(nonEmpty)
      .default([])
      .describe('Models that have the tenant field but are read across tenants on purpose.'),
    clients: z
      .array(importSpec)
      .default([
        { name: 'prisma', from: DEFAULT_PRISMA_CLIENT_MODULES },
        { name: 'db', from: DEFAULT_PRISMA_CLIENT_MODULES },
        { name: 'default', from: DEFAULT_PRISMA_CLIENT_MODULES },
      ])
      .describe('The Prisma clients, `{ name, from }` (`default` for a default export). A module\'s own `new PrismaClient()` is one too.'),
    scopedClients: z
      .array(importSpec)
      .default([])
      .describe(
        'Clients that scope every query to the tenant themselves (a client extended with a tenant guard), or functions returning one (`prismaForTenant(ctx)`): queries through them pass.',
      ),
    tenantFilters: z
      .array(importSpec)
      .default([])
      .describe('Helpers whose result, spread into a `where` or `data` (`...tenantFilter(ctx.tenantId)`), sets the tenant field.'),
    relations: z
      .record(nonEmpty, z.string().regex(/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)+$/, 'expected a relation path such as "order.tenantId"'))
      .default({})
      .describe('Model → relation path to the tenant field (`{ "InvoiceLine": "invoice.tenantId" }`): a `where` may constrain the tenant through it.'),
  })
  .strict();

const percentage = z.number().min(0, 'expected a percentage from 0 to 100').max(100, 'expected a percentage from 0 to 100');

const publicRoute = z
  .object({
    path: nonEmpty.describe('URL path (or glob over URL paths) of the route, e.g. "/api/health" or "/api/webhooks/**".'),
    methods: z
      .array(z.enum(HTTP_METHODS))
      .min(1)
      .optional()
      .describe('The methods that are public; all of them when omitted.'),
    reason: z
      .string({ error: 'a public route needs a reason: why may it run without tenant context?' })
      .trim()
      .min(1, 'a public route needs a reason: why may it run without tenant context?')
      .describe('Why the handler may run without tenant context (shown in reports and reviews).'),
  })
  .strict();

export const configSchema = z
  .object({
    routes: z
      .array(nonEmpty)
      .min(1, 'expected at least one glob')
      .default(DEFAULT_ROUTES)
      .describe('Globs, relative to the project root, of the files that hold route handlers.'),
    ignore: z.array(nonEmpty).default(DEFAULT_IGNORE).describe('Globs of files that are never treated as routes.'),
    sessionGetters: z
      .array(importSpec)
      .default([
      { name: 'getServerSession', from: NEXT_AUTH_MODULES },
      { name: 'unstable_getServerSession', from: NEXT_AUTH_MODULES },
    ])
      .describe('Functions that read the NextAuth session directly: `{ name, from }`, `from` one module or a list.'),
    indirectSessionGetters: z
      .array(importSpec)
      .default([])
      .describe('Project helpers that read the session themselves (e.g. `requireAdmin`), `{ name, from }`; a call to one is a session read.'),
    wrappers: z
      .array(
        importSpec
          .extend({
            routeContext: nonEmpty
              .optional()
              .describe(
                'The route-context argument a call of a wrapped handler that passed only the request gets (a test\'s `await GET(req)`), with --typecheck; default `{ params: Promise.resolve({}) }`.',
              ),
          })
          .strict(),
      )
      .min(1, 'expected at least one wrapper')
      .default([{ name: 'withTenantContext', from: '@/lib/api-wrapper' }])
      .describe(
        'Calls that establish tenant context; a handler is wrapped when one is anywhere in its wrapper chain: `{ name, from, routeContext? }`.',
      ),
    pagesWrappers: z
      .array(importSpec)
      .default([])
      .describe(
        'Calls that establish tenant context around pages/api handlers, whose signature is (req, res); when empty, `wrappers` count for pages/api handlers too.',
      ),
    contextAccessor: accessorSpec
      .extend({
        guarantees: z
          .array(nonEmpty)
          .default(['userId', 'tenantId'])
          .describe(
            'Context keys a required context always carries, whatever its type says: a guard on one of them is dropped with the guards on the session, and with --typecheck a read of one where the session read could not be null keeps that type (`ctx.userId!`).',
          ),
      })
      .strict()
      .default({ name: 'requireTenantContext', from: '@/lib/tenant-utils', guarantees: ['userId', 'tenantId'] })
      .describe('The function that returns the tenant context inside a wrapped handler: `{ name, from, guarantees? }`.'),
    optionalContextAccessor: accessorSpec
      .optional()
      .describe('The accessor for handlers that allow anonymous callers (returns null when signed out).'),
    sessionMapping: z.record(nonEmpty, nonEmpty).default({
      'user.id': 'userId',
      'user.tenantId': 'tenantId',
      'user.role': 'role',
      'user.email': 'userEmail',
      'user.name': 'userName',
      'user.tenantRole': 'tenantRole',
    })
      .describe('How session reads become context reads: session path → context property.'),
    contextUndefinedForNull: z
      .array(nonEmpty)
      .default(['userEmail', 'userName'])
      .describe(
        'Context keys the wrapper sets to undefined where the session field is null (`userEmail: user.email ?? undefined`): reads of them that tell null from undefined are left for a human.',
      ),
    authOptions: z
      .object({
        name: nonEmpty.describe('The name the options object is exported under, e.g. "authOptions".'),
        from: z
          .union([nonEmpty, z.array(nonEmpty).min(1, 'expected at least one module')])
          .optional()
          .describe('The module (or modules) it is imported from; any module when omitted.'),
      })
      .strict()
      .default({ name: 'authOptions' })
      .describe(
        'The NextAuth options the wrapper reads the session with: a getter call given other options (`adminAuthOptions`) reads another session, which the context does not hold.',
      ),
    anonymousResponse: z
      .object({
        status: z.number().int().min(100).max(599).describe('The HTTP status, e.g. 401.'),
        json: z.unknown().describe('The JSON body, e.g. { "error": "Unauthorized" }.'),
      })
      .strict()
      .default({ status: 401, json: { error: 'Unauthorized' } })
      .describe(
        "What the wrapper answers a caller without a session when sign-in is required. The codemod lets the wrapper answer in the handler's place only where the handler answered exactly this.",
      ),
    publicRoutes: z
      .array(publicRoute)
      .default([])
      .describe('Handlers meant to run without tenant context: `{ path, methods?, reason }`, the reason required.'),
    batches: z
      .record(nonEmpty, z.array(nonEmpty).min(1, 'expected at least one glob'))
      .default({})
      .describe('Named lists of globs the codemod migrates together.'),
    serverActions: z
      .boolean()
      .default(false)
      .describe(
        "Treat server actions as handlers: the exported functions of `'use server'` files, and functions with an inline `'use server'` directive.",
      ),
    tenantCookie: z
      .object({
        name: nonEmpty.default('tenant_sig').describe('The cookie that names the caller\'s tenant, signed: `<tenantId>.<hex HMAC-SHA256>`.'),
        secretEnv: z
          .string()
          .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected the name of an environment variable, e.g. "TENANT_SIG_SECRET"')
          .default('TENANT_SIG_SECRET')
          .describe('The environment variable that holds the secret the cookie is signed with.'),
      })
      .strict()
      .default({ name: 'tenant_sig', secretEnv: 'TENANT_SIG_SECRET' })
      .describe('The signed tenant cookie the wrapper `tenant-isolation init` writes checks against the session, and the secret it is signed with.'),
    prisma: prismaSection
      .default(prismaSection.parse({}))
      .describe('How the Prisma queries of route handlers are checked for the tenant (`require-tenant-scoped-query`, the query-scoping figure).'),
    report: z
      .object({
        warnBelow: percentage.default(100).describe('Below this migration coverage (%) the status icon warns.'),
        failBelow: percentage.default(0).describe('Below this migration coverage (%) the report gate fails.'),
        queryScopingFailBelow: percentage
          .default(0)
          .describe('Below this share (%) of tenant-scoped Prisma queries that constrain the verified tenant, the report gate fails.'),
      })
      .strict()
      .default({ warnBelow: 100, failBelow: 0, queryScopingFailBelow: 0 })
      .describe('Coverage thresholds: the status icon warns below warnBelow; the CI gate fails below failBelow.'),
  })
  .strict();

/** The config as a user writes it: every key optional. */
export type TenantIsolationConfigInput = z.input<typeof configSchema>;
/** The config after validation, with every default filled in. */
export type TenantIsolationConfig = z.output<typeof configSchema>;
export type ImportSpec = z.output<typeof importSpec>;
export type PublicRoute = z.output<typeof publicRoute>;
export type PrismaConfig = z.output<typeof prismaSection>;

/** The argument a call of a wrapped App Router handler gets for the route context when a wrapper names none. */
export const DEFAULT_ROUTE_CONTEXT_ARGUMENT = '{ params: Promise.resolve({}) }';
