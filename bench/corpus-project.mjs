/**
 * The Next.js project around a generated route corpus: tenant-isolation.config.json, a tsconfig.json with the
 * `@/*` path alias, and small but type-correct lib/ modules (auth options, the tenant wrapper and accessor,
 * requireAdmin, a rate limiter, a Prisma-shaped db client), so that `tsc -p <corpus>` checks the routes too.
 */

/** The files of the generated project besides its routes: config, tsconfig, and the lib/ modules routes import. */
export function projectFiles(config) {
  return {
    'tenant-isolation.config.json': `${JSON.stringify(config, null, 2)}\n`,
    'tsconfig.json': `${JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          lib: ['dom', 'dom.iterable', 'esnext'],
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          esModuleInterop: true,
          module: 'esnext',
          moduleResolution: 'bundler',
          resolveJsonModule: true,
          isolatedModules: true,
          jsx: 'preserve',
          paths: { '@/*': ['./*'] },
        },
        include: ['**/*.ts'],
        exclude: ['node_modules'],
      },
      null,
      2,
    )}\n`,
    'lib/auth.ts': LIB_AUTH,
    'lib/api-wrapper.ts': LIB_API_WRAPPER,
    'lib/tenant-utils.ts': LIB_TENANT_UTILS,
    'lib/auth-middleware.ts': LIB_AUTH_MIDDLEWARE,
    'lib/rate-limit.ts': LIB_RATE_LIMIT,
    'lib/db.ts': LIB_DB,
    'types/next-auth.d.ts': TYPES_NEXT_AUTH,
  };
}

const LIB_AUTH = `import type { NextAuthOptions } from 'next-auth'
import CredentialsProvider from 'next-auth/providers/credentials'
import { db } from '@/lib/db'

export const authOptions: NextAuthOptions = {
  session: { strategy: 'jwt' },
  providers: [
    CredentialsProvider({
      name: 'Email and password',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials) {
        if (!credentials?.email) return null
        const user = await db.user.findFirst({ where: { email: credentials.email } })
        return user ? { id: user.id, email: user.email, name: user.name } : null
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        const membership = await db.membership.findFirst({ where: { userId: user.id } })
        token.tenantId = membership?.tenantId
        token.role = membership?.role
      }
      return token
    },
    async session({ session, token }) {
      session.user = { ...session.user, id: token.sub ?? '', tenantId: String(token.tenantId ?? ''), role: String(token.role ?? 'member') }
      return session
    },
  },
}
`;

/** What the wrapper does around a handler, shared by the plain corpus's wrapper and the typed app's. */
export const WRAPPED_HANDLER_BODY = `    const session = await getServerSession(authOptions)
    if (!session?.user?.tenantId) {
      if (options.requireAuth === false) return handler(req, context)
      return NextResponse.json({ error: 'Unauthorized' }, { status: 401 })
    }
    if (req.cookies.get('tenant_sig')?.value?.split('.')[0] !== session.user.tenantId) {
      return NextResponse.json({ error: 'Tenant mismatch' }, { status: 403 })
    }
    const ctx = { tenantId: session.user.tenantId, userId: session.user.id, role: session.user.role }
    return tenantStorage.run(ctx, () => handler(req, context))
`;

const LIB_API_WRAPPER = `import { getServerSession } from 'next-auth'
import { NextResponse, type NextRequest } from 'next/server'
import { authOptions } from '@/lib/auth'
import { tenantStorage } from '@/lib/tenant-utils'

export interface WithTenantContextOptions {
  requireAuth?: boolean
}

type AnyHandler = (req: NextRequest, context: any) => Promise<Response> | Response

/** Authenticates, checks the signed tenant cookie, and runs the handler inside the tenant context. */
export function withTenantContext<H extends AnyHandler>(handler: H, options: WithTenantContextOptions = {}): H {
  const wrapped = async (req: NextRequest, context: unknown) => {
${WRAPPED_HANDLER_BODY}  }
  return wrapped as H
}
`;

const LIB_TENANT_UTILS = `import { AsyncLocalStorage } from 'node:async_hooks'

export interface TenantContext {
  tenantId: string
  userId: string
  role: string
  userEmail?: string
}

export const tenantStorage = new AsyncLocalStorage<TenantContext>()

export function getTenantContext(): TenantContext | null {
  return tenantStorage.getStore() ?? null
}

export function requireTenantContext(): TenantContext {
  const ctx = tenantStorage.getStore()
  if (!ctx) throw new Error('requireTenantContext() was called outside withTenantContext()')
  return ctx
}
`;

const LIB_AUTH_MIDDLEWARE = `import { getServerSession } from 'next-auth'
import { NextResponse } from 'next/server'
import { authOptions } from '@/lib/auth'

export interface CurrentUser {
  id: string
  tenantId: string
  role: string
  email: string | null
}

export class AuthError extends Error {
  constructor(
    message: string,
    readonly status: 401 | 403,
  ) {
    super(message)
  }
}

/** Throws AuthError(401) for anonymous callers and AuthError(403) for non-admins of the active tenant. */
export async function requireAdmin(): Promise<CurrentUser> {
  const session = await getServerSession(authOptions)
  if (!session?.user?.id) throw new AuthError('Unauthorized', 401)
  const { id, tenantId, role, email } = session.user
  if (role !== 'owner' && role !== 'admin') throw new AuthError('Forbidden', 403)
  return { id, tenantId, role, email: email ?? null }
}

export function authErrorResponse(err: unknown): NextResponse {
  if (err instanceof AuthError) return NextResponse.json({ error: err.message }, { status: err.status })
  throw err
}
`;

const LIB_RATE_LIMIT = `import { NextResponse, type NextRequest } from 'next/server'

const buckets = new Map<string, { tokens: number; at: number }>()

export function withRateLimit<H extends (req: NextRequest, ...rest: any[]) => Promise<Response> | Response>(
  handler: H,
  { capacity = 10, refillPerSecond = 0.5 }: { capacity?: number; refillPerSecond?: number } = {},
): H {
  const limited = async (req: NextRequest, ...rest: unknown[]) => {
    const key = req.headers.get('x-forwarded-for') ?? 'local'
    const now = Date.now()
    const bucket = buckets.get(key) ?? { tokens: capacity, at: now }
    const tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) / 1000) * refillPerSecond)
    if (tokens < 1) return NextResponse.json({ error: 'Too many requests' }, { status: 429 })
    buckets.set(key, { tokens: tokens - 1, at: now })
    return handler(req, ...rest)
  }
  return limited as H
}
`;

const LIB_DB = `/** A Prisma-shaped client, loosely typed: the corpus exercises the analyzers, not a schema. */
export type Row = Record<string, any>
type Args = Record<string, any>

export interface Table {
  findMany(args?: Args): Promise<Row[]>
  findFirst(args?: Args): Promise<Row | null>
  count(args?: Args): Promise<number>
  aggregate(args?: Args): Promise<Row>
  create(args: Args): Promise<Row>
  update(args: Args): Promise<Row>
  updateMany(args: Args): Promise<{ count: number }>
  upsert(args: Args): Promise<Row>
  delete(args: Args): Promise<Row>
  deleteMany(args: Args): Promise<{ count: number }>
}

function table(name: string): Table {
  const rows: Row[] = []
  return {
    findMany: async () => rows,
    findFirst: async () => rows[0] ?? null,
    count: async () => rows.length,
    aggregate: async () => ({ _max: {} }),
    create: async ({ data }) => ({ id: \`\${name}_\${rows.push(data)}\`, ...data }),
    update: async ({ data }) => ({ ...data }),
    updateMany: async () => ({ count: 0 }),
    upsert: async ({ create }) => ({ ...create }),
    delete: async ({ where }) => ({ ...where }),
    deleteMany: async () => ({ count: 0 }),
  }
}

const tables = new Map<string, Table>()

export const db: Record<string, Table> = new Proxy({} as Record<string, Table>, {
  get(_target, name) {
    const key = String(name)
    if (!tables.has(key)) tables.set(key, table(key))
    return tables.get(key)
  },
})
`;

const TYPES_NEXT_AUTH = `import type { DefaultSession } from 'next-auth'

declare module 'next-auth' {
  interface Session {
    user: DefaultSession['user'] & { id: string; tenantId: string; role: string }
  }
}
`;
