import * as path from 'node:path';
import * as tsParser from '@typescript-eslint/parser';
import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/require-tenant-scoped-query';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const ruleTester = new RuleTester({ languageOptions: { parser: tsParser } });

type MessageId = 'missingTenantFilter' | 'missingTenantData' | 'opaqueQueryArgs' | 'clientTenantValue' | 'unverifiedTenantValue' | 'rawQuery';

interface Position {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/**
 * The 1-based position of the `occurrence`-th appearance of `needle` in `code`, and where it ends: what RuleTester
 * compares a report with. Computed from the code text so positions stay honest when a case is edited.
 */
function at(code: string, needle: string, occurrence = 1): Position {
  let offset = -1;
  for (let i = 0; i < occurrence; i++) {
    offset = code.indexOf(needle, offset + 1);
    if (offset === -1) throw new Error(`'${needle}' occurs fewer than ${occurrence} times in:\n${code}`);
  }
  const start = lineColumn(code, offset);
  const end = lineColumn(code, offset + needle.length);
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

function lineColumn(code: string, offset: number): { line: number; column: number } {
  const before = code.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1) ?? '').length + 1 };
}

/** The position of `inner` inside the `occurrence`-th appearance of `context` (`tenantId` in `where: { tenantId }`). */
function atIn(code: string, context: string, inner: string, occurrence = 1): Position {
  const { line, column } = at(code, context, occurrence);
  const within = context.indexOf(inner);
  if (within === -1 || context.slice(0, within).includes('\n') || inner.includes('\n')) throw new Error(`'${inner}' is not on the first line of '${context}'`);
  return { line, column: column + within, endLine: line, endColumn: column + within + inner.length };
}

/** `code` with `text` inserted right after the `occurrence`-th appearance of `after`. */
function insertAfter(code: string, after: string, text: string, occurrence = 1): string {
  const { line, column } = at(code, after, occurrence);
  const lines = code.split('\n');
  const offset = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1 + after.length;
  return code.slice(0, offset) + text + code.slice(offset);
}

/** A report of `messageId` at `inner` inside the `occurrence`-th `context` of `code`; no suggestion. */
function reportIn(messageId: MessageId, code: string, context: string, inner: string, occurrence = 1) {
  return { messageId, ...atIn(code, context, inner, occurrence), suggestions: [] };
}

interface Suggestion {
  messageId: 'addTenantFilter';
  output: string;
}

/** A report of `messageId` at the `occurrence`-th `needle` of `code`; no suggestion unless given. */
function report(messageId: MessageId, code: string, needle: string, occurrence = 1, suggestions: Suggestion[] = []) {
  return { messageId, ...at(code, needle, occurrence), suggestions };
}

/** The `addTenantFilter` suggestion: `insert` (`tenantId: ctx.tenantId, `) right after the `occurrence`-th `whereOpen`. */
function addTenantFilter(code: string, whereOpen = 'where: { ', occurrence = 1, insert = 'tenantId: ctx.tenantId, '): Suggestion {
  return { messageId: 'addTenantFilter', output: insertAfter(code, whereOpen, insert, occurrence) };
}

/** The position of the operation name `op` in the `occurrence`-th `.op(` of `code` (`findMany` in `prisma.invoice.findMany(…)`). */
function opAt(code: string, op: string, occurrence = 1): Position {
  const { line, column } = at(code, `.${op}(`, occurrence);
  return { line, column: column + 1, endLine: line, endColumn: column + 1 + op.length };
}

/** A report of `messageId` at the `occurrence`-th call of the operation `op`; no suggestion unless given. */
function reportOp(messageId: MessageId, code: string, op: string, occurrence = 1, suggestions: Suggestion[] = []) {
  return { messageId, ...opAt(code, op, occurrence), suggestions };
}

/** `missingTenantFilter` at the `opOccurrence`-th operation `op`, offering the suggestion on the where at `whereOpen`. */
function missingFilterWithSuggestion(code: string, op: string, opOccurrence = 1, whereOpen = 'where: { ', whereOccurrence = 1, insert?: string) {
  return reportOp('missingTenantFilter', code, op, opOccurrence, [addTenantFilter(code, whereOpen, whereOccurrence, insert)]);
}

const SCHEMA = path.join(__dirname, '../fixtures/prisma/schema.prisma');

const PRISMA = {
  schema: SCHEMA,
  tenantScopedModels: ['InvoiceLine'],
  relations: { InvoiceLine: 'invoice.tenantId' },
  globalModels: ['ExchangeRate'],
};

/** The shared settings, with extra `prisma` keys and extra top-level keys of `tenant-isolation`. */
function settingsWith(prisma: Record<string, unknown> = {}, top: Record<string, unknown> = {}) {
  return { 'tenant-isolation': { ...top, prisma: { ...PRISMA, ...prisma } } };
}

const SETTINGS = settingsWith();
const SCOPED_CLIENTS = settingsWith({
  scopedClients: [
    { name: 'prismaForTenant', from: '@/lib/prisma' },
    { name: 'tenantDb', from: '@/lib/prisma' },
  ],
});
const TENANT_FILTERS = settingsWith({ tenantFilters: [{ name: 'tenantFilter', from: '@/lib/tenant-filter' }] });
const PUBLIC_WEBHOOKS = settingsWith({}, { publicRoutes: [{ path: '/api/webhooks/**', reason: 'Stripe calls these; the signature is checked' }] });
const NO_SCHEMA = { 'tenant-isolation': { prisma: { schema: '/nonexistent/schema.prisma' } } };

const ROUTE = 'app/api/invoices/route.ts';

/** A wrapped App Router handler with `const ctx = requireTenantContext()` in scope that runs `prisma.<call>`. */
function wrappedCall(call: string, method = 'GET'): string {
  return `import { NextRequest, NextResponse } from 'next/server';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';
import { prisma } from '@/lib/prisma';

export const ${method} = withTenantContext(async (req: NextRequest) => {
  const ctx = requireTenantContext();
  const id = req.nextUrl.searchParams.get('id') ?? '';
  const result = await prisma.${call};
  return NextResponse.json(result);
});
`;
}

interface OperationCase {
  op: string;
  kind: 'read' | 'write' | 'create';
  scoped: string;
  unscoped: string;
}

const OPERATIONS: OperationCase[] = [
  {
    op: 'findMany',
    kind: 'read',
    scoped: `invoice.findMany({ where: { tenantId: ctx.tenantId, status: 'SENT' }, orderBy: { createdAt: 'desc' }, take: 50 })`,
    unscoped: `invoice.findMany({ where: { status: 'SENT' }, orderBy: { createdAt: 'desc' }, take: 50 })`,
  },
  {
    op: 'findFirst',
    kind: 'read',
    scoped: `project.findFirst({ where: { tenantId: ctx.tenantId, id }, include: { owner: true } })`,
    unscoped: `project.findFirst({ where: { id }, include: { owner: true } })`,
  },
  {
    op: 'findFirstOrThrow',
    kind: 'read',
    scoped: `user.findFirstOrThrow({ where: { tenantId: ctx.tenantId, email: id }, select: { id: true, role: true } })`,
    unscoped: `user.findFirstOrThrow({ where: { email: id }, select: { id: true, role: true } })`,
  },
  {
    op: 'findUnique',
    kind: 'read',
    scoped: `invoice.findUnique({ where: { tenantId: ctx.tenantId, id }, include: { lines: true } })`,
    unscoped: `invoice.findUnique({ where: { id }, include: { lines: true } })`,
  },
  {
    op: 'findUniqueOrThrow',
    kind: 'read',
    scoped: `user.findUniqueOrThrow({ where: { tenantId: ctx.tenantId, id }, select: { id: true, email: true } })`,
    unscoped: `user.findUniqueOrThrow({ where: { id }, select: { id: true, email: true } })`,
  },
  {
    op: 'count',
    kind: 'read',
    scoped: `auditLog.count({ where: { tenantId: ctx.tenantId, action: 'invoice.sent' } })`,
    unscoped: `auditLog.count({ where: { action: 'invoice.sent' } })`,
  },
  {
    op: 'aggregate',
    kind: 'read',
    scoped: `invoice.aggregate({ where: { tenantId: ctx.tenantId, status: 'PAID' }, _sum: { amount: true }, _count: true })`,
    unscoped: `invoice.aggregate({ where: { status: 'PAID' }, _sum: { amount: true }, _count: true })`,
  },
  {
    op: 'groupBy',
    kind: 'read',
    scoped: `invoice.groupBy({ by: ['status'], where: { tenantId: ctx.tenantId, currency: 'EUR' }, _sum: { amount: true } })`,
    unscoped: `invoice.groupBy({ by: ['status'], where: { currency: 'EUR' }, _sum: { amount: true } })`,
  },
  {
    op: 'update',
    kind: 'write',
    scoped: `invoice.update({ where: { tenantId: ctx.tenantId, id }, data: { status: 'PAID', paidAt: new Date() } })`,
    unscoped: `invoice.update({ where: { id }, data: { status: 'PAID', paidAt: new Date() } })`,
  },
  {
    op: 'updateMany',
    kind: 'write',
    scoped: `project.updateMany({ where: { tenantId: ctx.tenantId, status: 'ACTIVE' }, data: { status: 'ARCHIVED' } })`,
    unscoped: `project.updateMany({ where: { status: 'ACTIVE' }, data: { status: 'ARCHIVED' } })`,
  },
  {
    op: 'delete',
    kind: 'write',
    scoped: `project.delete({ where: { tenantId: ctx.tenantId, id } })`,
    unscoped: `project.delete({ where: { id } })`,
  },
  {
    op: 'deleteMany',
    kind: 'write',
    scoped: `auditLog.deleteMany({ where: { tenantId: ctx.tenantId, createdAt: { lt: new Date(Date.now() - 90 * 86_400_000) } } })`,
    unscoped: `auditLog.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - 90 * 86_400_000) } } })`,
  },
  {
    op: 'create',
    kind: 'create',
    scoped: `project.create({ data: { name: id, status: 'ACTIVE', tenantId: ctx.tenantId } })`,
    unscoped: `project.create({ data: { name: id, status: 'ACTIVE' } })`,
  },
  {
    op: 'createMany',
    kind: 'create',
    scoped: `auditLog.createMany({ data: [{ action: 'export', tenantId: ctx.tenantId }, { action: 'download', tenantId: ctx.tenantId }] })`,
    unscoped: `auditLog.createMany({ data: [{ action: 'export' }, { action: 'download' }] })`,
  },
  {
    op: 'createManyAndReturn',
    kind: 'create',
    scoped: `project.createManyAndReturn({ data: [{ name: id, tenantId: ctx.tenantId }], skipDuplicates: true })`,
    unscoped: `project.createManyAndReturn({ data: [{ name: id }], skipDuplicates: true })`,
  },
];

describe('every operation', () => {
  ruleTester.run('require-tenant-scoped-query', rule, {
    valid: OPERATIONS.map(({ op, kind, scoped }) => ({
      name: `${op}: ${kind === 'create' ? 'data sets' : 'where constrains'} the tenant from the context`,
      filename: ROUTE,
      settings: SETTINGS,
      code: wrappedCall(scoped, kind === 'read' ? 'GET' : 'POST'),
    })),
    invalid: OPERATIONS.map(({ op, kind, unscoped }) => {
      const code = wrappedCall(unscoped, kind === 'read' ? 'GET' : 'POST');
      const position = opAt(code, op);
      return {
        name: `${op}: ${kind === 'create' ? 'data does not set' : 'where does not constrain'} the tenant`,
        filename: ROUTE,
        settings: SETTINGS,
        code,
        errors: [
          kind === 'create'
            ? { messageId: 'missingTenantData' as const, ...position, suggestions: [] }
            : { messageId: 'missingTenantFilter' as const, ...position, suggestions: [addTenantFilter(code)] },
        ],
      };
    }),
  });
});

/** A wrapped handler that lists invoices without any tenant filter, and with no context in scope to suggest. */
const UNSCOPED_GET = `import { NextRequest, NextResponse } from 'next/server';
import { withTenantContext } from '@/lib/api-wrapper';
import { prisma } from '@/lib/prisma';

export const GET = withTenantContext(async (req: NextRequest) => {
  const status = req.nextUrl.searchParams.get('status') ?? undefined;
  const invoices = await prisma.invoice.findMany({ where: { status: status as any }, take: 20 });
  return NextResponse.json(invoices);
});
`;

const UNSCOPED_GET_ERROR = reportOp('missingTenantFilter', UNSCOPED_GET, 'findMany');

const HELPER_CALLED = `import { NextRequest, NextResponse } from 'next/server';
import { withTenantContext } from '@/lib/api-wrapper';
import { prisma } from '@/lib/prisma';

async function loadOverdue() {
  return prisma.invoice.findMany({
    where: { status: 'SENT', dueDate: { lt: new Date() } },
    orderBy: { dueDate: 'asc' },
  });
}

export const GET = withTenantContext(async (_req: NextRequest) => {
  try {
    return NextResponse.json(await loadOverdue());
  } catch (error) {
    console.error('overdue invoices', error);
    return NextResponse.json({ error: 'Internal error' }, { status: 500 });
  }
});
`;

const HELPER_TRANSITIVE = `import { NextResponse } from 'next/server';
import { withTenantContext } from '@/lib/api-wrapper';
import { db } from '@/lib/db';

function recentActivity(limit: number) {
  return db.auditLog.findMany({ orderBy: { createdAt: 'desc' }, take: limit });
}

async function buildDashboard() {
  const [activity, projects] = await Promise.all([recentActivity(10), Promise.resolve([])]);
  return { activity, projects };
}

export const GET = withTenantContext(async () => NextResponse.json(await buildDashboard()));
`;

const PAGES_HANDLER = `import type { NextApiRequest, NextApiResponse } from 'next';
import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import prisma from '@/lib/prisma';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'GET') {
    res.setHeader('Allow', 'GET');
    return res.status(405).end();
  }
  const session = await getServerSession(req, res, authOptions);
  if (!session) return res.status(401).json({ error: 'Unauthorized' });
  const page = Number(req.query.page ?? 1);
  const projects = await prisma.project.findMany({ where: { status: 'ACTIVE' }, skip: (page - 1) * 20, take: 20 });
  res.status(200).json(projects);
}
`;

const EXPORTED_BY_NAME = `import { NextRequest } from 'next/server';
import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { prisma } from '@/lib/prisma';

async function handler(req: NextRequest) {
  const session = await getServerSession(authOptions);
  if (!session?.user) return Response.json({ error: 'Unauthorized' }, { status: 401 });
  const count = await prisma.invoice.count();
  return Response.json({ count });
}

export { handler as GET, handler as HEAD };
`;

describe('which files and handlers are checked', () => {
  ruleTester.run('require-tenant-scoped-query', rule, {
    valid: [
      { name: 'a module outside the route globs', filename: 'lib/invoices.ts', settings: SETTINGS, code: UNSCOPED_GET },
      { name: 'a test file next to a route', filename: 'app/api/invoices/route.test.ts', settings: SETTINGS, code: UNSCOPED_GET },
      { name: 'no schema at the configured path: the rule reports nothing', filename: ROUTE, settings: NO_SCHEMA, code: UNSCOPED_GET },
      {
        name: 'a public route (publicRoutes glob) is not checked',
        filename: 'app/api/webhooks/stripe/route.ts',
        settings: PUBLIC_WEBHOOKS,
        code: `import { NextRequest, NextResponse } from 'next/server';
import Stripe from 'stripe';
import { prisma } from '@/lib/prisma';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

export async function POST(req: NextRequest) {
  const signature = req.headers.get('stripe-signature') ?? '';
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(await req.text(), signature, process.env.STRIPE_WEBHOOK_SECRET!);
  } catch {
    return NextResponse.json({ error: 'bad signature' }, { status: 400 });
  }
  if (event.type === 'invoice.paid') {
    const invoice = event.data.object as Stripe.Invoice;
    await prisma.invoice.update({ where: { id: invoice.metadata!.invoiceId }, data: { status: 'PAID', paidAt: new Date() } });
  }
  return NextResponse.json({ received: true });
}
`,
      },
      {
        name: 'a Prisma call in a same-file helper that no handler calls',
        filename: ROUTE,
        settings: SETTINGS,
        code: `import { NextResponse } from 'next/server';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';
import { prisma } from '@/lib/prisma';

// Kept for the nightly script; no handler calls it.
export async function purgeAllDrafts() {
  return prisma.invoice.deleteMany({ where: { status: 'DRAFT' } });
}

export const GET = withTenantContext(async () => {
  const { tenantId } = requireTenantContext();
  return NextResponse.json(await prisma.invoice.findMany({ where: { tenantId } }));
});
`,
      },
      {
        name: 'a page component is not a route handler',
        filename: 'app/dashboard/page.tsx',
        settings: SETTINGS,
        code: `import { prisma } from '@/lib/prisma';

export default async function Page() {
  const projects = await prisma.project.findMany({ take: 10 });
  return projects.map((p) => p.name).join(', ');
}
`,
      },
    ],
    invalid: [
      { name: 'an App Router route', filename: ROUTE, settings: SETTINGS, code: UNSCOPED_GET, errors: [UNSCOPED_GET_ERROR] },
      { name: 'an App Router route under src/', filename: 'src/app/api/invoices/route.ts', settings: SETTINGS, code: UNSCOPED_GET, errors: [UNSCOPED_GET_ERROR] },
      {
        name: 'a route of a monorepo app',
        filename: 'apps/web/app/(billing)/api/invoices/[invoiceId]/route.ts',
        settings: SETTINGS,
        code: UNSCOPED_GET,
        errors: [UNSCOPED_GET_ERROR],
      },
      {
        name: 'a public route entry for other methods does not cover this one',
        filename: ROUTE,
        settings: settingsWith({}, { publicRoutes: [{ path: '/api/invoices', methods: ['POST'], reason: 'inbound e-invoicing' }] }),
        code: UNSCOPED_GET,
        errors: [UNSCOPED_GET_ERROR],
      },
      {
        name: 'a public glob that does not match this path',
        filename: 'app/api/webhook-logs/route.ts',
        settings: PUBLIC_WEBHOOKS,
        code: UNSCOPED_GET,
        errors: [UNSCOPED_GET_ERROR],
      },
      {
        name: 'a pages/api default handler with getServerSession: unwrapped handlers are checked too',
        filename: 'pages/api/projects.ts',
        settings: SETTINGS,
        code: PAGES_HANDLER,
        errors: [reportOp('missingTenantFilter', PAGES_HANDLER, 'findMany')],
      },
      {
        name: 'a same-file helper the handler calls: reported in the helper',
        filename: ROUTE,
        settings: SETTINGS,
        code: HELPER_CALLED,
        errors: [reportOp('missingTenantFilter', HELPER_CALLED, 'findMany')],
      },
      {
        name: 'a helper reached through another helper',
        filename: 'app/api/dashboard/route.ts',
        settings: SETTINGS,
        code: HELPER_TRANSITIVE,
        errors: [reportOp('missingTenantFilter', HELPER_TRANSITIVE, 'findMany')],
      },
      {
        name: 'a handler exported under several names: one report for the one call',
        filename: ROUTE,
        settings: SETTINGS,
        code: EXPORTED_BY_NAME,
        errors: [reportOp('missingTenantFilter', EXPORTED_BY_NAME, 'count')],
      },
    ],
  });
});

/** A wrapped handler deleting a project by id only, through the client `client` imported by `importLine`. */
function deleteProject(importLine: string, client: string): string {
  return `import { NextRequest, NextResponse } from 'next/server';
import { withTenantContext } from '@/lib/api-wrapper';
${importLine}

export const DELETE = withTenantContext(async (req: NextRequest, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  await ${client}.project.delete({ where: { id } });
  return new NextResponse(null, { status: 204 });
});
`;
}

const CLIENT_IMPORTS: Array<[string, string, string]> = [
  ['db imported from @/lib/db', `import { db } from '@/lib/db';`, 'db'],
  ['the default export of @/lib/prisma', `import prisma from '@/lib/prisma';`, 'prisma'],
  ['the default export of @/lib/db under another local name', `import client from '@/lib/db';`, 'client'],
  ['db from ~/server/db (create-t3-app)', `import { db } from '~/server/db';`, 'db'],
  ['prisma from @/server/db', `import { prisma } from '@/server/db';`, 'prisma'],
  ['prisma from @/lib/prisma-client', `import { prisma } from '@/lib/prisma-client';`, 'prisma'],
  ['a relative import of lib/prisma', `import { prisma } from '../../../lib/prisma';`, 'prisma'],
];

const OWN_CLIENT = `import { NextResponse } from 'next/server';
import { PrismaClient } from '@prisma/client';
import { withTenantContext } from '@/lib/api-wrapper';

const prisma = new PrismaClient();

export const GET = withTenantContext(async () => {
  const users = await prisma.user.findMany({ select: { id: true, email: true, role: true } });
  return NextResponse.json(users);
});
`;

const CLIENT_ALIAS = `import { NextResponse } from 'next/server';
import { withTenantContext } from '@/lib/api-wrapper';
import { prisma } from '@/lib/prisma';

const db = prisma;

export const GET = withTenantContext(async () => NextResponse.json(await db.project.findMany({ where: { status: 'ACTIVE' } })));
`;

const INTERACTIVE_TX = `import { NextRequest, NextResponse } from 'next/server';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';
import { prisma } from '@/lib/prisma';

export const POST = withTenantContext(async (req: NextRequest) => {
  const ctx = requireTenantContext();
  const { invoiceId } = await req.json().catch(() => ({}));
  const invoice = await prisma.$transaction(async (tx) => {
    const updated = await tx.invoice.update({ where: { id: invoiceId }, data: { status: 'SENT' } });
    await tx.auditLog.create({ data: { tenantId: ctx.tenantId, actorId: ctx.userId, action: 'invoice.sent', payload: { invoiceId } } });
    return updated;
  });
  return NextResponse.json(invoice);
});
`;

const HELPER_CLIENT_PARAM = `import { NextRequest, NextResponse } from 'next/server';
import { Prisma } from '@prisma/client';
import { withTenantContext } from '@/lib/api-wrapper';
import { prisma } from '@/lib/prisma';

async function loadInvoice(client: Prisma.TransactionClient, id: string) {
  return client.invoice.findUniqueOrThrow({ where: { id }, include: { lines: true } });
}

export const GET = withTenantContext(async (_req: NextRequest, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  return NextResponse.json(await loadInvoice(prisma, id));
});
`;

const SCOPED_CONFIGURED_PLAIN = `import { NextResponse } from 'next/server';
import { withTenantContext } from '@/lib/api-wrapper';
import { prisma, prismaForTenant } from '@/lib/prisma';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const scoped = prismaForTenant(requireTenantContext());
  const [projects, total] = await Promise.all([scoped.project.findMany(), prisma.project.count()]);
  return NextResponse.json({ projects, total });
});
`;

describe('Prisma clients', () => {
  ruleTester.run('require-tenant-scoped-query', rule, {
    valid: [
      {
        name: 'a local variable named prisma shadows the import',
        filename: ROUTE,
        settings: SETTINGS,
        code: `import { NextResponse } from 'next/server';
import { withTenantContext } from '@/lib/api-wrapper';
import { prisma } from '@/lib/prisma';
import { createFixtureStore } from '@/lib/demo';

export const GET = withTenantContext(async () => {
  const prisma = createFixtureStore();
  return NextResponse.json(await prisma.invoice.findMany());
});
`,
      },
      {
        name: 'a model that is not in the schema',
        filename: 'app/api/widgets/route.ts',
        settings: SETTINGS,
        code: `import { NextResponse } from 'next/server';
import { withTenantContext } from '@/lib/api-wrapper';
import { prisma } from '@/lib/prisma';

export const GET = withTenantContext(async () => NextResponse.json(await (prisma as any).widget.findMany()));
`,
      },
      {
        name: 'a model that is not in the schema, without a cast',
        filename: 'app/api/widgets/route.ts',
        settings: SETTINGS,
        code: `import { NextResponse } from 'next/server';
import { withTenantContext } from '@/lib/api-wrapper';
import { prisma } from '@/lib/prisma';

export const GET = withTenantContext(async () => NextResponse.json(await prisma.widget.findMany({ take: 10 })));
`,
      },
      {
        name: 'a name prisma imported from a module that is not a client module',
        filename: ROUTE,
        settings: SETTINGS,
        code: deleteProject(`import { prisma } from '@/lib/analytics';`, 'prisma'),
      },
      {
        name: 'a scoped client returned by prismaForTenant(ctx), called inline',
        filename: ROUTE,
        settings: SCOPED_CLIENTS,
        code: `import { NextResponse } from 'next/server';
import { withTenantContext } from '@/lib/api-wrapper';
import { prismaForTenant } from '@/lib/prisma';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const ctx = requireTenantContext();
  return NextResponse.json(await prismaForTenant(ctx).invoice.findMany({ orderBy: { number: 'desc' } }));
});
`,
      },
      {
        name: 'a scoped client bound to a const',
        filename: ROUTE,
        settings: SCOPED_CLIENTS,
        code: `import { NextRequest, NextResponse } from 'next/server';
import { withTenantContext } from '@/lib/api-wrapper';
import { prismaForTenant } from '@/lib/prisma';
import { requireTenantContext } from '@/lib/tenant-utils';

export const PATCH = withTenantContext(async (req: NextRequest, { params }: { params: Promise<{ id: string }> }) => {
  const db = prismaForTenant(requireTenantContext());
  const { id } = await params;
  const body = (await req.json()) as any;
  const invoice = await db.invoice.update({ where: { id }, data: { dueDate: new Date(body.dueDate) } });
  await db.invoiceLine.deleteMany({ where: { invoiceId: id } });
  return NextResponse.json(invoice);
});
`,
      },
      {
        name: 'an imported scoped client',
        filename: ROUTE,
        settings: SCOPED_CLIENTS,
        code: `import { NextResponse } from 'next/server';
import { withTenantContext } from '@/lib/api-wrapper';
import { tenantDb } from '@/lib/prisma';

export const POST = withTenantContext(async () => {
  const project = await tenantDb.project.create({ data: { name: 'Untitled' } });
  return NextResponse.json(project, { status: 201 });
});
`,
      },
    ],
    invalid: [
      ...CLIENT_IMPORTS.map(([what, importLine, client]) => {
        const code = deleteProject(importLine, client);
        return { name: `a client: ${what}`, filename: ROUTE, settings: SETTINGS, code, errors: [reportOp('missingTenantFilter', code, 'delete')] };
      }),
      {
        name: 'a module-level new PrismaClient()',
        filename: 'app/api/users/route.ts',
        settings: SETTINGS,
        code: OWN_CLIENT,
        errors: [reportOp('missingTenantFilter', OWN_CLIENT, 'findMany')],
      },
      {
        name: 'a const bound to the client',
        filename: 'app/api/projects/route.ts',
        settings: SETTINGS,
        code: CLIENT_ALIAS,
        errors: [reportOp('missingTenantFilter', CLIENT_ALIAS, 'findMany')],
      },
      {
        name: 'the callback parameter of an interactive $transaction',
        filename: ROUTE,
        settings: SETTINGS,
        code: INTERACTIVE_TX,
        errors: [missingFilterWithSuggestion(INTERACTIVE_TX, 'update')],
      },
      {
        name: 'a helper parameter that a call site passes the client to',
        filename: 'app/api/invoices/[id]/route.ts',
        settings: SETTINGS,
        code: HELPER_CLIENT_PARAM,
        errors: [reportOp('missingTenantFilter', HELPER_CLIENT_PARAM, 'findUniqueOrThrow')],
      },
      {
        name: 'with scoped clients configured, a call through the plain client is still checked',
        filename: 'app/api/projects/route.ts',
        settings: SCOPED_CLIENTS,
        code: SCOPED_CONFIGURED_PLAIN,
        errors: [reportOp('missingTenantFilter', SCOPED_CONFIGURED_PLAIN, 'count')],
      },
    ],
  });
});

/** A wrapped GET handler with `const ctx = requireTenantContext()`, the page from the query string, and `body` lines. */
function listHandler(body: string, imports = ''): string {
  return `import { NextRequest, NextResponse } from 'next/server';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';
import { prisma } from '@/lib/prisma';
${imports}
export const GET = withTenantContext(async (req: NextRequest) => {
  const ctx = requireTenantContext();
  const page = Number(req.nextUrl.searchParams.get('page') ?? '1');
${body}
});
`;
}

/** A wrapped GET handler with no verified context in scope at all, running `body`. */
function noContextHandler(body: string, imports = ''): string {
  return `import { NextRequest, NextResponse } from 'next/server';
import { withTenantContext } from '@/lib/api-wrapper';
import { prisma } from '@/lib/prisma';
${imports}
export const GET = withTenantContext(async (req: NextRequest, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
${body}
});
`;
}

const WHERE_NO_ARGS = listHandler(`  return NextResponse.json(await prisma.invoice.findMany());`);
const WHERE_PAGINATION_ONLY = listHandler(`  return NextResponse.json(await prisma.project.findMany({ skip: (page - 1) * 25, take: 25, orderBy: { createdAt: 'desc' } }));`);
const WHERE_ID_ONLY = noContextHandler(`  const invoice = await prisma.invoice.findUnique({ where: { id } });
  if (!invoice) return NextResponse.json({ error: 'Not found' }, { status: 404 });
  return NextResponse.json(invoice);`);
const WHERE_OR = listHandler(`  const q = req.nextUrl.searchParams.get('q') ?? '';
  const projects = await prisma.project.findMany({
    where: { OR: [{ tenantId: ctx.tenantId }, { name: { contains: q, mode: 'insensitive' } }] },
    take: 25,
  });
  return NextResponse.json(projects);`);
const WHERE_AND_WITHOUT = listHandler(`  const rows = await prisma.invoice.findMany({ where: { AND: [{ status: 'SENT' }, { dueDate: { lt: new Date() } }] } });
  return NextResponse.json(rows);`);
const WHERE_CONST_WITHOUT = noContextHandler(`  const where = { status: 'ACTIVE' as const, ownerId: id };
  return NextResponse.json(await prisma.project.findMany({ where, take: 50 }));`);
const WHERE_SPREAD_CONST_WITHOUT = listHandler(`  const active = { status: 'ACTIVE' as const };
  return NextResponse.json(await prisma.project.findMany({ where: { ...active, name: { not: '' } } }));`);
const WHERE_SPREAD_UNCONFIGURED = listHandler(
  `  return NextResponse.json(await prisma.invoice.findMany({ where: { ...tenantFilter(ctx.tenantId) }, skip: (page - 1) * 20, take: 20 }));`,
  `import { tenantFilter } from '@/lib/tenant-filter';\n`,
);
const WHERE_SPREAD_UNKNOWN = listHandler(
  `  const filters = parseFilters(req.nextUrl.searchParams);
  return NextResponse.json(await prisma.invoice.findMany({ where: { ...filters }, take: 20 }));`,
  `import { parseFilters } from '@/lib/filters';\n`,
);
const WHERE_CALL = listHandler(
  `  return NextResponse.json(await prisma.invoice.findMany({ where: buildWhere(req.nextUrl.searchParams), take: 20 }));`,
  `import { buildWhere } from '@/lib/invoice-query';\n`,
);
const WHOLE_ARGS_CALL = listHandler(
  `  const query = buildInvoiceQuery(req.nextUrl.searchParams, page);
  return NextResponse.json(await prisma.invoice.findMany(query));`,
  `import { buildInvoiceQuery } from '@/lib/invoice-query';\n`,
);
const LINES_BY_INVOICE_ID = noContextHandler(`  return NextResponse.json(await prisma.invoiceLine.findMany({ where: { invoiceId: id }, orderBy: { id: 'asc' } }));`);
const LINES_RELATION_WITHOUT_TENANT = noContextHandler(`  return NextResponse.json(await prisma.invoiceLine.findMany({ where: { invoice: { id, status: 'DRAFT' } } }));`);
const LINES_UPDATE_MANY = noContextHandler(`  const { count } = await prisma.invoiceLine.updateMany({ where: { invoiceId: id }, data: { quantity: 0 } });
  return NextResponse.json({ count });`);

describe('where', () => {
  ruleTester.run('require-tenant-scoped-query', rule, {
    valid: [
      {
        name: 'tenantId shorthand from a destructured context',
        filename: ROUTE,
        settings: SETTINGS,
        code: `import { NextRequest, NextResponse } from 'next/server';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';
import { prisma } from '@/lib/prisma';

export const GET = withTenantContext(async (req: NextRequest) => {
  const { tenantId } = requireTenantContext();
  const status = req.nextUrl.searchParams.get('status');
  const invoices = await prisma.invoice.findMany({
    where: { tenantId, ...(status ? { status: status as any } : {}) },
    include: { lines: true },
    orderBy: [{ dueDate: 'asc' }, { number: 'desc' }],
  });
  return NextResponse.json(invoices);
});
`,
      },
      {
        name: 'tenantId: { equals: X }',
        filename: ROUTE,
        settings: SETTINGS,
        code: listHandler(`  return NextResponse.json(await prisma.invoice.count({ where: { tenantId: { equals: ctx.tenantId }, status: 'SENT' } }));`),
      },
      {
        name: 'the compound unique key that contains the tenant field',
        filename: 'app/api/invoices/by-number/[number]/route.ts',
        settings: SETTINGS,
        code: `import { NextRequest, NextResponse } from 'next/server';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';
import { prisma } from '@/lib/prisma';

export const GET = withTenantContext(async (_req: NextRequest, { params }: { params: Promise<{ number: string }> }) => {
  const ctx = requireTenantContext();
  const number = Number((await params).number);
  const invoice = await prisma.invoice.findUnique({ where: { tenantId_number: { tenantId: ctx.tenantId, number } }, include: { lines: true } });
  return invoice ? NextResponse.json(invoice) : NextResponse.json({ error: 'Not found' }, { status: 404 });
});
`,
      },
      {
        name: 'AND with an object',
        filename: ROUTE,
        settings: SETTINGS,
        code: listHandler(`  return NextResponse.json(await prisma.project.findMany({ where: { AND: { tenantId: ctx.tenantId, status: 'ACTIVE' } } }));`),
      },
      {
        name: 'AND with an array, one element constraining',
        filename: ROUTE,
        settings: SETTINGS,
        code: listHandler(`  const q = req.nextUrl.searchParams.get('q') ?? '';
  const projects = await prisma.project.findMany({
    where: { AND: [{ name: { contains: q, mode: 'insensitive' } }, { tenantId: ctx.tenantId }] },
    skip: (page - 1) * 25,
    take: 25,
  });
  return NextResponse.json(projects);`),
      },
      {
        name: 'a spread of a configured tenant filter call',
        filename: ROUTE,
        settings: TENANT_FILTERS,
        code: listHandler(
          `  return NextResponse.json(await prisma.invoice.findMany({ where: { ...tenantFilter(ctx.tenantId), status: 'SENT' }, skip: (page - 1) * 20, take: 20 }));`,
          `import { tenantFilter } from '@/lib/tenant-filter';\n`,
        ),
      },
      {
        name: 'a spread of a configured tenant filter called without arguments',
        filename: ROUTE,
        settings: TENANT_FILTERS,
        code: listHandler(
          `  return NextResponse.json(await prisma.auditLog.findMany({ where: { ...tenantFilter(), action: { startsWith: 'invoice.' } }, take: 100 }));`,
          `import { tenantFilter } from '@/lib/tenant-filter';\n`,
        ),
      },
      {
        name: 'a spread of a const object that constrains',
        filename: ROUTE,
        settings: SETTINGS,
        code: listHandler(`  const scope = { tenantId: ctx.tenantId };
  const [rows, total] = await Promise.all([
    prisma.invoice.findMany({ where: { ...scope, status: 'SENT' }, skip: (page - 1) * 20, take: 20 }),
    prisma.invoice.count({ where: { ...scope, status: 'SENT' } }),
  ]);
  return NextResponse.json({ rows, total, page });`),
      },
      {
        name: 'where as a const identifier bound to an object literal that constrains',
        filename: ROUTE,
        settings: SETTINGS,
        code: listHandler(
          `  const status = req.nextUrl.searchParams.get('status');
  const where: Prisma.InvoiceWhereInput = { tenantId: ctx.tenantId, status: (status as InvoiceStatus) ?? undefined };
  return NextResponse.json(await prisma.invoice.findMany({ where, skip: (page - 1) * 20, take: 20 }));`,
          `import { Prisma, InvoiceStatus } from '@prisma/client';\n`,
        ),
      },
      {
        name: 'a relation model constrained through its relation path',
        filename: 'app/api/invoices/[id]/lines/route.ts',
        settings: SETTINGS,
        code: listHandler(`  const invoiceId = req.nextUrl.searchParams.get('invoiceId') ?? '';
  return NextResponse.json(await prisma.invoiceLine.findMany({ where: { invoiceId, invoice: { tenantId: ctx.tenantId } } }));`),
      },
      {
        name: 'a relation model constrained through the relation path with is',
        filename: 'app/api/invoices/[id]/lines/route.ts',
        settings: SETTINGS,
        code: listHandler(`  const lineId = req.nextUrl.searchParams.get('lineId') ?? '';
  await prisma.invoiceLine.delete({ where: { id: lineId, invoice: { is: { tenantId: ctx.tenantId } } } });
  return new NextResponse(null, { status: 204 });`),
      },
      {
        name: 'a relation model: update through the relation path',
        filename: 'app/api/invoices/[id]/lines/route.ts',
        settings: SETTINGS,
        code: listHandler(`  const { count } = await prisma.invoiceLine.updateMany({ where: { invoice: { tenantId: ctx.tenantId, status: 'DRAFT' } }, data: { unitPrice: 0 } });
  return NextResponse.json({ count });`),
      },
    ],
    invalid: [
      {
        name: 'no arguments at all: no where to add the filter to',
        filename: ROUTE,
        settings: SETTINGS,
        code: WHERE_NO_ARGS,
        errors: [reportOp('missingTenantFilter', WHERE_NO_ARGS, 'findMany')],
      },
      {
        name: 'pagination but no where: no suggestion',
        filename: 'app/api/projects/route.ts',
        settings: SETTINGS,
        code: WHERE_PAGINATION_ONLY,
        errors: [reportOp('missingTenantFilter', WHERE_PAGINATION_ONLY, 'findMany')],
      },
      {
        name: 'where: { id } only, with no verified context in scope: no suggestion',
        filename: 'app/api/invoices/[id]/route.ts',
        settings: SETTINGS,
        code: WHERE_ID_ONLY,
        errors: [reportOp('missingTenantFilter', WHERE_ID_ONLY, 'findUnique')],
      },
      {
        name: 'the tenant under OR does not constrain',
        filename: 'app/api/projects/route.ts',
        settings: SETTINGS,
        code: WHERE_OR,
        errors: [missingFilterWithSuggestion(WHERE_OR, 'findMany')],
      },
      {
        name: 'AND without the tenant',
        filename: ROUTE,
        settings: SETTINGS,
        code: WHERE_AND_WITHOUT,
        errors: [missingFilterWithSuggestion(WHERE_AND_WITHOUT, 'findMany')],
      },
      {
        name: 'a const where without the tenant: no suggestion on an identifier',
        filename: 'app/api/projects/[id]/route.ts',
        settings: SETTINGS,
        code: WHERE_CONST_WITHOUT,
        errors: [reportOp('missingTenantFilter', WHERE_CONST_WITHOUT, 'findMany')],
      },
      {
        name: 'a spread of a const object that does not constrain',
        filename: 'app/api/projects/route.ts',
        settings: SETTINGS,
        code: WHERE_SPREAD_CONST_WITHOUT,
        errors: [missingFilterWithSuggestion(WHERE_SPREAD_CONST_WITHOUT, 'findMany')],
      },
      {
        name: 'a spread of a helper that is not a configured tenant filter, as the only content',
        filename: ROUTE,
        settings: SETTINGS,
        code: WHERE_SPREAD_UNCONFIGURED,
        errors: [reportOp('opaqueQueryArgs', WHERE_SPREAD_UNCONFIGURED, 'findMany')],
      },
      {
        name: 'a spread of an unknown value as the only content',
        filename: ROUTE,
        settings: SETTINGS,
        code: WHERE_SPREAD_UNKNOWN,
        errors: [reportOp('opaqueQueryArgs', WHERE_SPREAD_UNKNOWN, 'findMany')],
      },
      {
        name: 'where: buildWhere(…) cannot be seen into',
        filename: ROUTE,
        settings: SETTINGS,
        code: WHERE_CALL,
        errors: [reportOp('opaqueQueryArgs', WHERE_CALL, 'findMany')],
      },
      {
        name: 'the whole argument is a call result',
        filename: ROUTE,
        settings: SETTINGS,
        code: WHOLE_ARGS_CALL,
        errors: [reportOp('opaqueQueryArgs', WHOLE_ARGS_CALL, 'findMany')],
      },
      {
        name: 'a relation model filtered by its foreign key only',
        filename: 'app/api/invoices/[id]/lines/route.ts',
        settings: SETTINGS,
        code: LINES_BY_INVOICE_ID,
        errors: [reportOp('missingTenantFilter', LINES_BY_INVOICE_ID, 'findMany')],
      },
      {
        name: 'a relation model through the relation, but without the tenant',
        filename: 'app/api/invoices/[id]/lines/route.ts',
        settings: SETTINGS,
        code: LINES_RELATION_WITHOUT_TENANT,
        errors: [reportOp('missingTenantFilter', LINES_RELATION_WITHOUT_TENANT, 'findMany')],
      },
      {
        name: 'a relation model: updateMany by foreign key only',
        filename: 'app/api/invoices/[id]/lines/route.ts',
        settings: SETTINGS,
        code: LINES_UPDATE_MANY,
        errors: [reportOp('missingTenantFilter', LINES_UPDATE_MANY, 'updateMany')],
      },
    ],
  });
});

/** A wrapped POST handler with `const ctx = requireTenantContext()` and the parsed body, running `body`. */
function createHandler(body: string, imports = ''): string {
  return `import { NextRequest, NextResponse } from 'next/server';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';
import { hasPermission } from '@/lib/permissions';
import { prisma } from '@/lib/prisma';
${imports}
export const POST = withTenantContext(async (req: NextRequest) => {
  const ctx = requireTenantContext();
  if (!hasPermission(ctx, 'invoices:write')) return NextResponse.json({ error: 'Forbidden' }, { status: 403 });
  const input = (await req.json()) as any;
${body}
});
`;
}

const CREATE_MAP_WITHOUT = createHandler(`  const events: Array<{ action: string }> = input.events ?? [];
  const result = await prisma.auditLog.createMany({
    data: events.map((e) => ({ action: e.action, actorId: ctx.userId })),
  });
  return NextResponse.json(result);`);
const CREATE_ARRAY_ONE_MISSING = createHandler(`  await prisma.auditLog.createMany({
    data: [
      { tenantId: ctx.tenantId, action: 'import.started' },
      { action: 'import.finished' },
    ],
  });
  return NextResponse.json({ ok: true });`);
const CREATE_OTHER_CONNECT = createHandler(`  const project = await prisma.project.create({ data: { name: input.name, owner: { connect: { id: ctx.userId } } } });
  return NextResponse.json(project, { status: 201 });`);
const CREATE_OPAQUE_DATA = createHandler(
  `  const invoice = await prisma.invoice.create({ data: toInvoiceData(input) });
  return NextResponse.json(invoice, { status: 201 });`,
  `import { toInvoiceData } from '@/lib/invoice-mapper';\n`,
);
const CREATE_OPAQUE_ARGS = createHandler(`  const invoice = await prisma.invoice.create(input);
  return NextResponse.json(invoice, { status: 201 });`);
const UPSERT_WHERE_MISSING = createHandler(`  const user = await prisma.user.upsert({
    where: { id: input.id },
    create: { tenantId: ctx.tenantId, email: input.email, role: 'MEMBER' },
    update: { role: input.role },
  });
  return NextResponse.json(user);`);
const UPSERT_CREATE_MISSING = createHandler(`  const user = await prisma.user.upsert({
    where: { tenantId_email: { tenantId: ctx.tenantId, email: input.email } },
    create: { email: input.email, role: 'MEMBER' },
    update: { role: input.role },
  });
  return NextResponse.json(user);`);
const ARRAY_TX_MISSING = createHandler(`  const [invoice] = await prisma.$transaction([
    prisma.invoice.update({ where: { id: input.id, tenantId: ctx.tenantId }, data: { status: 'VOID' } }),
    prisma.auditLog.create({ data: { action: 'invoice.voided', actorId: ctx.userId, payload: { id: input.id } } }),
  ]);
  return NextResponse.json(invoice);`);

describe('data', () => {
  ruleTester.run('require-tenant-scoped-query', rule, {
    valid: [
      {
        name: 'the tenant relation connected to the verified tenant',
        filename: ROUTE,
        settings: SETTINGS,
        code: createHandler(`  const last = await prisma.invoice.findFirst({ where: { tenantId: ctx.tenantId }, orderBy: { number: 'desc' }, select: { number: true } });
  const invoice = await prisma.invoice.create({
    data: {
      number: (last?.number ?? 0) + 1,
      amount: input.amount,
      tenant: { connect: { id: ctx.tenantId } },
      lines: { create: input.lines ?? [] },
    },
    include: { lines: true },
  });
  return NextResponse.json(invoice, { status: 201 });`),
      },
      {
        name: 'createMany with .map(x => ({ … })) that sets the tenant',
        filename: 'app/api/projects/import/route.ts',
        settings: SETTINGS,
        code: createHandler(`  const rows: Array<{ name: string }> = Array.isArray(input.rows) ? input.rows : [];
  const { count } = await prisma.project.createMany({
    data: rows.map((row) => ({ name: row.name.trim(), tenantId: ctx.tenantId })),
    skipDuplicates: true,
  });
  return NextResponse.json({ count }, { status: 201 });`),
      },
      {
        name: 'createMany with .map(x => ({ … })) spreading a configured tenant filter',
        filename: 'app/api/projects/import/route.ts',
        settings: TENANT_FILTERS,
        code: createHandler(
          `  const { count } = await prisma.project.createMany({ data: input.names.map((name: string) => ({ name, ...tenantFilter(ctx.tenantId) })) });
  return NextResponse.json({ count }, { status: 201 });`,
          `import { tenantFilter } from '@/lib/tenant-filter';\n`,
        ),
      },
      {
        name: 'create with a spread of a configured tenant filter',
        filename: 'app/api/projects/route.ts',
        settings: TENANT_FILTERS,
        code: createHandler(
          `  return NextResponse.json(await prisma.project.create({ data: { ...tenantFilter(ctx.tenantId), name: input.name, metadata: input.metadata ?? {} } }), { status: 201 });`,
          `import { tenantFilter } from '@/lib/tenant-filter';\n`,
        ),
      },
      {
        name: 'the body spread first and the verified tenant after it',
        filename: 'app/api/projects/route.ts',
        settings: SETTINGS,
        code: createHandler(`  return NextResponse.json(await prisma.project.create({ data: { ...input, tenantId: ctx.tenantId } }), { status: 201 });`),
      },
      {
        name: 'upsert with the tenant in both where and create',
        filename: 'app/api/users/route.ts',
        settings: SETTINGS,
        code: createHandler(`  const user = await prisma.user.upsert({
    where: { tenantId_email: { tenantId: ctx.tenantId, email: input.email } },
    create: { tenantId: ctx.tenantId, email: input.email, role: 'MEMBER' },
    update: { role: input.role },
  });
  return NextResponse.json(user);`),
      },
      {
        name: 'an interactive transaction where every call is scoped',
        filename: ROUTE,
        settings: SETTINGS,
        code: createHandler(`  const invoice = await prisma.$transaction(async (tx) => {
    const created = await tx.invoice.create({ data: { tenantId: ctx.tenantId, number: input.number, amount: input.amount } });
    await tx.auditLog.create({ data: { tenantId: ctx.tenantId, actorId: ctx.userId, action: 'invoice.created', payload: { id: created.id } } });
    return created;
  });
  return NextResponse.json(invoice, { status: 201 });`),
      },
      {
        name: 'an array $transaction where every call is scoped',
        filename: ROUTE,
        settings: SETTINGS,
        code: createHandler(`  const [, log] = await prisma.$transaction([
    prisma.invoice.deleteMany({ where: { tenantId: ctx.tenantId, status: 'DRAFT' } }),
    prisma.auditLog.create({ data: { tenantId: ctx.tenantId, action: 'drafts.purged' } }),
  ]);
  return NextResponse.json(log);`),
      },
    ],
    invalid: [
      {
        name: 'createMany with .map(x => ({ … })) that does not set the tenant',
        filename: 'app/api/audit/route.ts',
        settings: SETTINGS,
        code: CREATE_MAP_WITHOUT,
        errors: [reportOp('missingTenantData', CREATE_MAP_WITHOUT, 'createMany')],
      },
      {
        name: 'createMany with a literal array, one element without the tenant',
        filename: 'app/api/audit/route.ts',
        settings: SETTINGS,
        code: CREATE_ARRAY_ONE_MISSING,
        errors: [reportOp('missingTenantData', CREATE_ARRAY_ONE_MISSING, 'createMany')],
      },
      {
        name: 'connecting another relation does not set the tenant',
        filename: 'app/api/projects/route.ts',
        settings: SETTINGS,
        code: CREATE_OTHER_CONNECT,
        errors: [reportOp('missingTenantData', CREATE_OTHER_CONNECT, 'create')],
      },
      {
        name: 'data from a call cannot be seen into',
        filename: ROUTE,
        settings: SETTINGS,
        code: CREATE_OPAQUE_DATA,
        errors: [reportOp('opaqueQueryArgs', CREATE_OPAQUE_DATA, 'create')],
      },
      {
        name: 'the whole argument is the request body',
        filename: ROUTE,
        settings: SETTINGS,
        code: CREATE_OPAQUE_ARGS,
        errors: [reportOp('opaqueQueryArgs', CREATE_OPAQUE_ARGS, 'create')],
      },
      {
        name: 'upsert whose where does not constrain the tenant',
        filename: 'app/api/users/route.ts',
        settings: SETTINGS,
        code: UPSERT_WHERE_MISSING,
        errors: [missingFilterWithSuggestion(UPSERT_WHERE_MISSING, 'upsert')],
      },
      {
        name: 'upsert whose create does not set the tenant',
        filename: 'app/api/users/route.ts',
        settings: SETTINGS,
        code: UPSERT_CREATE_MISSING,
        errors: [reportOp('missingTenantData', UPSERT_CREATE_MISSING, 'upsert')],
      },
      {
        name: 'an array $transaction with one create that does not set the tenant',
        filename: ROUTE,
        settings: SETTINGS,
        code: ARRAY_TX_MISSING,
        errors: [reportOp('missingTenantData', ARRAY_TX_MISSING, 'create')],
      },
    ],
  });
});

/** An unwrapped App Router handler `export async function <method>(req, { params })` running `body`. */
function plainHandler(body: string, imports = '', method = 'POST'): string {
  return `import { NextRequest, NextResponse } from 'next/server';
import { prisma } from '@/lib/prisma';
${imports}
export async function ${method}(req: NextRequest, { params }: { params: Promise<Record<string, string>> }) {
  try {
${body}
  } catch (error) {
    console.error(error);
    return NextResponse.json({ error: 'Internal error' }, { status: 500 });
  }
}
`;
}

const HELPER_VERIFIED_CALLERS = `import { NextRequest, NextResponse } from 'next/server';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';
import { prisma } from '@/lib/prisma';
import type { Prisma } from '@prisma/client';

async function activeProjects(client: Prisma.TransactionClient, tenantId: string, take = 20) {
  return client.project.findMany({ where: { tenantId, status: 'ACTIVE' }, take });
}

export const GET = withTenantContext(async () => {
  const ctx = requireTenantContext();
  return NextResponse.json(await activeProjects(prisma, ctx.tenantId));
});

export const POST = withTenantContext(async (req: NextRequest) => {
  const { tenantId } = requireTenantContext();
  const { name } = await req.json().catch(() => ({}));
  const projects = await prisma.$transaction(async (tx) => {
    await tx.project.create({ data: { tenantId, name } });
    return activeProjects(tx, tenantId, 50);
  });
  return NextResponse.json(projects, { status: 201 });
});
`;

const HELPER_ONE_UNVERIFIED_CALLER = `import { NextResponse } from 'next/server';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';
import { prisma } from '@/lib/prisma';

async function countOpenInvoices(tenantId: string) {
  return prisma.invoice.count({ where: { tenantId, status: 'SENT' } });
}

export const GET = withTenantContext(async () => {
  const ctx = requireTenantContext();
  const [mine, demo] = await Promise.all([countOpenInvoices(ctx.tenantId), countOpenInvoices('demo')]);
  return NextResponse.json({ mine, demo });
});
`;

describe('the tenant value', () => {
  ruleTester.run('require-tenant-scoped-query', rule, {
    valid: [
      {
        name: 'requireTenantContext().tenantId inline, in an unwrapped handler with try/catch',
        filename: 'app/api/invoices/[id]/route.ts',
        settings: SETTINGS,
        code: plainHandler(
          `    const { id } = await params;
    const invoice = await prisma.invoice.findFirst({ where: { id, tenantId: requireTenantContext().tenantId } });
    return invoice ? NextResponse.json(invoice) : NextResponse.json({ error: 'Not found' }, { status: 404 });`,
          `import { requireTenantContext } from '@/lib/tenant-utils';\n`,
          'GET',
        ),
      },
      {
        name: 'ctx?.tenantId',
        filename: ROUTE,
        settings: SETTINGS,
        code: listHandler(`  return NextResponse.json(await prisma.invoice.findMany({ where: { tenantId: ctx?.tenantId }, skip: (page - 1) * 20, take: 20 }));`),
      },
      {
        name: 'ctx!.tenantId',
        filename: ROUTE,
        settings: SETTINGS,
        code: listHandler(`  return NextResponse.json(await prisma.invoice.findMany({ where: { tenantId: ctx!.tenantId }, skip: (page - 1) * 20, take: 20 }));`),
      },
      {
        name: 'a const bound to ctx.tenantId',
        filename: 'app/api/projects/route.ts',
        settings: SETTINGS,
        code: listHandler(`  const tenantId = ctx.tenantId;
  const projects = await prisma.project.findMany({ where: { tenantId }, select: { id: true, name: true } });
  return NextResponse.json(projects);`),
      },
      {
        name: 'a const bound to requireTenantContext().tenantId',
        filename: 'app/api/projects/route.ts',
        settings: SETTINGS,
        code: plainHandler(
          `    const currentTenant = requireTenantContext().tenantId;
    const body = await req.json().catch(() => ({}));
    return NextResponse.json(await prisma.project.create({ data: { name: body.name ?? 'Untitled', tenantId: currentTenant } }), { status: 201 });`,
          `import { requireTenantContext } from '@/lib/tenant-utils';\n`,
        ),
      },
      {
        name: 'a helper parameter whose every call site passes a verified value (client and tx too)',
        filename: 'app/api/projects/route.ts',
        settings: SETTINGS,
        code: HELPER_VERIFIED_CALLERS,
      },
    ],
    invalid: (() => {
      const body = plainHandler(`    const body = await req.json();
    return NextResponse.json(await prisma.invoice.findMany({ where: { tenantId: body.tenantId, status: body.status } }));`);
      const query = plainHandler(
        `    return NextResponse.json(await prisma.invoice.findMany({ where: { tenantId: req.nextUrl.searchParams.get('tenantId') } }));`,
        '',
        'GET',
      );
      const routeParams = plainHandler(
        `    await prisma.project.deleteMany({ where: { tenantId: (await params).tenantId, status: 'ARCHIVED' } });
    return new NextResponse(null, { status: 204 });`,
        '',
        'DELETE',
      );
      const headers = plainHandler(
        `    const tenantHeader = req.headers.get('x-tenant-id');
    return NextResponse.json(await prisma.auditLog.findMany({ where: { tenantId: { equals: tenantHeader } }, take: 100 }));`,
        '',
        'GET',
      );
      const cookies = plainHandler(
        `    return NextResponse.json(await prisma.project.count({ where: { tenantId: req.cookies.get('tenant')?.value } }));`,
        '',
        'GET',
      );
      const catchEmpty = plainHandler(`    const { tenantId, name } = await req.json().catch(() => ({}));
    return NextResponse.json(await prisma.project.create({ data: { tenantId, name } }), { status: 201 });`);
      const schemaParse = plainHandler(
        `    const input = CreateInvoice.parse(await req.json());
    return NextResponse.json(await prisma.invoice.create({ data: { tenantId: input.tenantId, number: input.number, amount: input.amount } }), { status: 201 });`,
        `import { CreateInvoice } from '@/lib/schemas';\n`,
      );
      const safeParse = plainHandler(
        `    const parsed = UpdateProject.safeParse(await req.json());
    if (!parsed.success) return NextResponse.json(parsed.error.flatten(), { status: 400 });
    const { id } = await params;
    return NextResponse.json(await prisma.project.update({ where: { id, tenantId: parsed.data.tenantId }, data: { name: parsed.data.name } }));`,
        `import { UpdateProject } from '@/lib/schemas';\n`,
        'PATCH',
      );
      const nullish = plainHandler(`    const payload = (await req.json()) ?? {};
    return NextResponse.json(await prisma.invoice.findMany({ where: { tenantId: payload.tenantId } }));`);
      const formData = plainHandler(`    const form = Object.fromEntries(await req.formData());
    const tenantId = form.tenantId as string;
    return NextResponse.json(await prisma.project.create({ data: { tenantId, name: String(form.name) } }), { status: 201 });`);
      const asAny = plainHandler(`    const body = await req.json();
    return NextResponse.json(await prisma.invoice.findMany({ where: { tenantId: (body as any).tenantId } }));`);
      const connect = plainHandler(`    const body = await req.json();
    const invoice = await prisma.invoice.create({ data: { number: body.number, tenant: { connect: { id: body.tenantId } } } });
    return NextResponse.json(invoice, { status: 201 });`);
      const compound = plainHandler(
        `    const number = Number((await params).id);
    return NextResponse.json(await prisma.invoice.findUnique({ where: { tenantId_number: { tenantId: req.nextUrl.searchParams.get('tenant')!, number } } }));`,
        '',
        'GET',
      );
      const relation = plainHandler(
        `    const body = await req.json();
    return NextResponse.json(await prisma.invoiceLine.findMany({ where: { invoice: { tenantId: body.tenantId } } }));`,
      );
      const pagesQuery = `import type { NextApiRequest, NextApiResponse } from 'next';
import { db } from '@/lib/db';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const { tenantId } = req.query as { tenantId: string };
  const users = await db.user.findMany({ where: { tenantId }, orderBy: { email: 'asc' } });
  res.json(users);
}
`;
      const upsertCreate = plainHandler(
        `    const body = await req.json();
    const ctx = requireTenantContext();
    const user = await prisma.user.upsert({
      where: { tenantId_email: { tenantId: ctx.tenantId, email: body.email } },
      create: { email: body.email, tenantId: body.tenantId },
      update: {},
    });
    return NextResponse.json(user);`,
        `import { requireTenantContext } from '@/lib/tenant-utils';\n`,
      );
      const missingBeforeValue = plainHandler(`    const body = await req.json();
    const user = await prisma.user.upsert({
      where: { tenantId_email: { tenantId: body.tenantId, email: body.email } },
      create: { email: body.email },
      update: {},
    });
    return NextResponse.json(user);`);
      const session = plainHandler(
        `    const session = await getServerSession(authOptions);
    if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
    const invoices = await prisma.invoice.findMany({ where: { tenantId: session.user.tenantId }, orderBy: { createdAt: 'desc' } });
    return NextResponse.json(invoices);`,
        `import { getServerSession } from 'next-auth';\nimport { authOptions } from '@/lib/auth';\n`,
        'GET',
      );
      const literal = listHandler(`  const flags = await prisma.auditLog.create({ data: { tenantId: 'demo-tenant', action: 'demo.viewed' } });
  return NextResponse.json(flags);`);
      const unknownCall = plainHandler(
        `    const tenantId = await resolveTenantId(req);
    return NextResponse.json(await prisma.project.findMany({ where: { tenantId } }));`,
        `import { resolveTenantId } from '@/lib/tenant-resolver';\n`,
        'GET',
      );
      const filterValue = plainHandler(
        `    const body = await req.json();
    return NextResponse.json(await prisma.invoice.findMany({ where: { ...tenantFilter(body.tenantId), status: 'SENT' } }));`,
        `import { tenantFilter } from '@/lib/tenant-filter';\n`,
      );
      return [
        { name: 'from the request body', filename: ROUTE, settings: SETTINGS, code: body, errors: [report('clientTenantValue', body, 'body.tenantId')] },
        {
          name: 'from the query string',
          filename: ROUTE,
          settings: SETTINGS,
          code: query,
          errors: [report('clientTenantValue', query, `req.nextUrl.searchParams.get('tenantId')`)],
        },
        {
          name: 'from route params',
          filename: 'app/api/tenants/[tenantId]/projects/route.ts',
          settings: SETTINGS,
          code: routeParams,
          errors: [report('clientTenantValue', routeParams, '(await params).tenantId')],
        },
        { name: 'from a request header, under equals', filename: ROUTE, settings: SETTINGS, code: headers, errors: [reportIn('clientTenantValue', headers, 'equals: tenantHeader', 'tenantHeader')] },
        {
          name: 'from a cookie',
          filename: 'app/api/projects/route.ts',
          settings: SETTINGS,
          code: cookies,
          errors: [report('clientTenantValue', cookies, `req.cookies.get('tenant')?.value`)],
        },
        {
          name: 'destructured from req.json().catch(() => ({})): reported at the value in data',
          filename: 'app/api/projects/route.ts',
          settings: SETTINGS,
          code: catchEmpty,
          errors: [reportIn('clientTenantValue', catchEmpty, 'data: { tenantId, name }', 'tenantId')],
        },
        { name: 'through schema.parse', filename: ROUTE, settings: SETTINGS, code: schemaParse, errors: [report('clientTenantValue', schemaParse, 'input.tenantId')] },
        {
          name: 'through safeParse(…).data',
          filename: 'app/api/projects/[id]/route.ts',
          settings: SETTINGS,
          code: safeParse,
          errors: [report('clientTenantValue', safeParse, 'parsed.data.tenantId')],
        },
        { name: 'through ?? {}', filename: ROUTE, settings: SETTINGS, code: nullish, errors: [report('clientTenantValue', nullish, 'payload.tenantId')] },
        {
          name: 'from Object.fromEntries(await req.formData()), through a cast',
          filename: 'app/api/projects/route.ts',
          settings: SETTINGS,
          code: formData,
          errors: [reportIn('clientTenantValue', formData, 'data: { tenantId, name', 'tenantId')],
        },
        { name: 'through (body as any)', filename: ROUTE, settings: SETTINGS, code: asAny, errors: [report('clientTenantValue', asAny, '(body as any).tenantId')] },
        {
          name: 'the tenant relation connected to a body value',
          filename: ROUTE,
          settings: SETTINGS,
          code: connect,
          errors: [report('clientTenantValue', connect, 'body.tenantId')],
        },
        {
          name: 'a compound unique key with a query value',
          filename: 'app/api/invoices/[id]/route.ts',
          settings: SETTINGS,
          code: compound,
          errors: [report('clientTenantValue', compound, `req.nextUrl.searchParams.get('tenant')!`)],
        },
        {
          name: 'a relation path with a body value',
          filename: 'app/api/invoice-lines/route.ts',
          settings: SETTINGS,
          code: relation,
          errors: [report('clientTenantValue', relation, 'body.tenantId')],
        },
        {
          name: 'a pages/api handler filtering by req.query',
          filename: 'pages/api/users.ts',
          settings: SETTINGS,
          code: pagesQuery,
          errors: [reportIn('clientTenantValue', pagesQuery, 'where: { tenantId }', 'tenantId')],
        },
        {
          name: 'upsert: a verified where but a body value in create',
          filename: 'app/api/users/route.ts',
          settings: SETTINGS,
          code: upsertCreate,
          errors: [report('clientTenantValue', upsertCreate, 'body.tenantId')],
        },
        {
          name: 'one finding per call: the missing tenant in create comes before the bad value in where',
          filename: 'app/api/users/route.ts',
          settings: SETTINGS,
          code: missingBeforeValue,
          errors: [reportOp('missingTenantData', missingBeforeValue, 'upsert')],
        },
        {
          name: 'a configured tenant filter called with a body value',
          filename: ROUTE,
          settings: TENANT_FILTERS,
          code: filterValue,
          errors: [report('clientTenantValue', filterValue, 'body.tenantId')],
        },
        {
          name: 'a session field in an unwrapped handler',
          filename: ROUTE,
          settings: SETTINGS,
          code: session,
          errors: [report('unverifiedTenantValue', session, 'session.user.tenantId')],
        },
        { name: 'a string literal', filename: 'app/api/demo/route.ts', settings: SETTINGS, code: literal, errors: [report('unverifiedTenantValue', literal, `'demo-tenant'`)] },
        {
          name: 'the result of an unknown call',
          filename: 'app/api/projects/route.ts',
          settings: SETTINGS,
          code: unknownCall,
          errors: [reportIn('unverifiedTenantValue', unknownCall, 'where: { tenantId }', 'tenantId')],
        },
        {
          name: 'a helper parameter with one call site that passes an unverified value: reported in the helper',
          filename: ROUTE,
          settings: SETTINGS,
          code: HELPER_ONE_UNVERIFIED_CALLER,
          errors: [reportIn('unverifiedTenantValue', HELPER_ONE_UNVERIFIED_CALLER, 'where: { tenantId, status', 'tenantId')],
        },
      ];
    })(),
  });
});

const RAW_INVOICES = listHandler(`  const rows = await prisma.$queryRaw<Array<{ month: Date; total: bigint }>>\`
    SELECT date_trunc('month', "createdAt") AS month, SUM(amount) AS total
    FROM "invoices"
    WHERE "tenantId" = \${ctx.tenantId}
    GROUP BY 1 ORDER BY 1\`;
  return NextResponse.json(rows.map((r) => ({ month: r.month, total: Number(r.total) })));`);
const RAW_EXECUTE_UPPER = listHandler(`  await prisma.$executeRaw\`DELETE FROM AUDIT_LOGS WHERE "createdAt" < now() - interval '90 days'\`;
  return new NextResponse(null, { status: 204 });`);
const RAW_UNSAFE_VARIABLE = listHandler(`  const sort = req.nextUrl.searchParams.get('sort') === 'amount' ? 'amount' : 'number';
  const sql = 'SELECT id, number, amount FROM some_table ORDER BY ' + sort;
  return NextResponse.json(await prisma.$queryRawUnsafe(sql));`);
const RAW_EXECUTE_UNSAFE_TEMPLATE = listHandler(`  const key = req.nextUrl.searchParams.get('key') ?? '';
  await prisma.$executeRawUnsafe(\`UPDATE feature_flags SET enabled = true WHERE key = '\${key}'\`);
  return NextResponse.json({ ok: true });`);
const RAW_IN_TX = listHandler(`  const total = await prisma.$transaction(async (tx) => {
    await tx.$executeRaw\`SELECT pg_advisory_xact_lock(42)\`;
    const [row] = await tx.$queryRaw<Array<{ n: bigint }>>\`SELECT count(*) AS n FROM invoice_lines\`;
    return Number(row.n);
  });
  return NextResponse.json({ total });`);
const RAW_CALL_FORM = listHandler(`  return NextResponse.json(await prisma.$queryRaw(Prisma.sql\`SELECT * FROM projects WHERE status = 'ACTIVE'\`));`, `import { Prisma } from '@prisma/client';\n`);

describe('raw queries', () => {
  ruleTester.run('require-tenant-scoped-query', rule, {
    valid: [
      {
        name: '$queryRaw on a global table only',
        filename: 'app/api/flags/route.ts',
        settings: SETTINGS,
        code: listHandler(`  const key = req.nextUrl.searchParams.get('key') ?? '';
  const flags = await prisma.$queryRaw\`SELECT key, enabled FROM "feature_flags" WHERE key = \${key}\`;
  return NextResponse.json(flags);`),
      },
      {
        name: '$queryRaw naming no table',
        filename: 'app/api/health/db/route.ts',
        settings: SETTINGS,
        code: listHandler(`  await prisma.$queryRaw\`SELECT 1\`;
  return NextResponse.json({ ok: true, page });`),
      },
      {
        name: '$executeRawUnsafe with static text on a global table',
        filename: 'app/api/plans/route.ts',
        settings: SETTINGS,
        code: listHandler(`  await prisma.$executeRawUnsafe('UPDATE plans SET seats = 10 WHERE seats < 10');
  return NextResponse.json({ ok: true });`),
      },
      {
        name: 'a raw query on a tenant table in a public route',
        filename: 'app/api/webhooks/billing/route.ts',
        settings: PUBLIC_WEBHOOKS,
        code: listHandler(`  await prisma.$executeRaw\`UPDATE invoices SET status = 'VOID' WHERE "dueDate" < now() - interval '1 year'\`;
  return NextResponse.json({ ok: true });`),
      },
    ],
    invalid: [
      {
        name: '$queryRaw on "invoices", even with a tenant condition in the SQL',
        filename: 'app/api/reports/monthly/route.ts',
        settings: SETTINGS,
        code: RAW_INVOICES,
        errors: [report('rawQuery', RAW_INVOICES, '$queryRaw')],
      },
      {
        name: '$executeRaw naming a tenant table in another case, unquoted',
        filename: 'app/api/audit/route.ts',
        settings: SETTINGS,
        code: RAW_EXECUTE_UPPER,
        errors: [report('rawQuery', RAW_EXECUTE_UPPER, '$executeRaw')],
      },
      {
        name: '$queryRawUnsafe(sql) with a variable: not static text',
        filename: ROUTE,
        settings: SETTINGS,
        code: RAW_UNSAFE_VARIABLE,
        errors: [report('rawQuery', RAW_UNSAFE_VARIABLE, '$queryRawUnsafe')],
      },
      {
        name: '$executeRawUnsafe with an interpolated template: not static text, even on a global table',
        filename: 'app/api/flags/route.ts',
        settings: SETTINGS,
        code: RAW_EXECUTE_UNSAFE_TEMPLATE,
        errors: [report('rawQuery', RAW_EXECUTE_UNSAFE_TEMPLATE, '$executeRawUnsafe')],
      },
      {
        name: 'a raw query on the transaction client (the lock naming no table passes)',
        filename: 'app/api/invoice-lines/route.ts',
        settings: SETTINGS,
        code: RAW_IN_TX,
        errors: [report('rawQuery', RAW_IN_TX, '$queryRaw')],
      },
      {
        name: '$queryRaw called with Prisma.sql naming a tenant table',
        filename: 'app/api/projects/route.ts',
        settings: SETTINGS,
        code: RAW_CALL_FORM,
        errors: [report('rawQuery', RAW_CALL_FORM, '$queryRaw')],
      },
    ],
  });
});

describe('global models', () => {
  ruleTester.run('require-tenant-scoped-query', rule, {
    valid: [
      {
        name: 'Tenant, the tenant table itself',
        filename: 'app/api/tenants/route.ts',
        settings: SETTINGS,
        code: listHandler(`  const tenant = await prisma.tenant.findUnique({ where: { id: ctx.tenantId }, include: { plan: true } });
  const slugTaken = await prisma.tenant.count({ where: { slug: req.nextUrl.searchParams.get('slug') ?? '' } });
  return NextResponse.json({ tenant, slugTaken: slugTaken > 0 });`),
      },
      {
        name: 'FeatureFlag, read and written with no tenant filter',
        filename: 'app/api/flags/route.ts',
        settings: SETTINGS,
        code: listHandler(`  const flags = await prisma.featureFlag.findMany({ where: { enabled: true }, select: { key: true, rolloutPct: true } });
  await prisma.featureFlag.updateMany({ where: { rolloutPct: { gte: 100 } }, data: { enabled: true } });
  return NextResponse.json(flags);`),
      },
      {
        name: 'Plan, created without a tenant',
        filename: 'app/api/plans/route.ts',
        settings: SETTINGS,
        code: createHandler(`  return NextResponse.json(await prisma.plan.create({ data: { name: input.name, priceCents: input.priceCents } }), { status: 201 });`),
      },
      {
        name: 'ExchangeRate has a tenantId field but is in globalModels',
        filename: 'app/api/rates/route.ts',
        settings: SETTINGS,
        code: listHandler(`  const rates = await prisma.exchangeRate.findMany({ where: { base: 'EUR' }, orderBy: { asOf: 'desc' }, take: 30 });
  await prisma.exchangeRate.create({ data: { base: 'EUR', quote: 'USD', rate: 1.08 } });
  return NextResponse.json(rates);`),
      },
    ],
    invalid: [
      (() => {
        const code = listHandler(`  const rates = await prisma.exchangeRate.findMany({ where: { base: 'EUR' } });
  return NextResponse.json(rates);`);
        return {
          name: 'ExchangeRate is tenant-scoped when globalModels does not list it (it has the tenant field)',
          filename: 'app/api/rates/route.ts',
          settings: settingsWith({ globalModels: [] }),
          code,
          errors: [missingFilterWithSuggestion(code, 'findMany')],
        };
      })(),
    ],
  });
});

const SUGGEST_DESTRUCTURED = `import { NextRequest, NextResponse } from 'next/server';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';
import { prisma } from '@/lib/prisma';

export const DELETE = withTenantContext(async (_req: NextRequest, { params }: { params: Promise<{ id: string }> }) => {
  const { tenantId } = requireTenantContext();
  const { id } = await params;
  await prisma.project.delete({ where: { id } });
  await prisma.auditLog.create({ data: { tenantId, action: 'project.deleted', payload: { id } } });
  return new NextResponse(null, { status: 204 });
});
`;

const SUGGEST_OTHER_NAME = `import { NextRequest, NextResponse } from 'next/server';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';
import { db } from '@/lib/db';

export const GET = withTenantContext(async (req: NextRequest) => {
  const tenantCtx = requireTenantContext();
  const email = req.nextUrl.searchParams.get('email') ?? '';
  return NextResponse.json(await db.user.findFirst({ where: { email }, select: { id: true, name: true } }));
});
`;

const SUGGEST_MULTILINE = listHandler(`  const invoices = await prisma.invoice.findMany({
    where: {
      status: { in: ['SENT', 'PAID'] },
      dueDate: { gte: new Date('2026-01-01') },
    },
    skip: (page - 1) * 20,
    take: 20,
  });
  return NextResponse.json(invoices);`);

const SUGGEST_SECOND_CALL = listHandler(`  const [rows, total] = await Promise.all([
    prisma.invoice.findMany({ where: { tenantId: ctx.tenantId, status: 'SENT' }, take: 20 }),
    prisma.invoice.count({ where: { status: 'SENT' } }),
  ]);
  return NextResponse.json({ rows, total });`);

const NO_SUGGEST_SESSION = `import { NextResponse } from 'next/server';
import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { prisma } from '@/lib/prisma';

export async function GET() {
  const session = await getServerSession(authOptions);
  if (!session) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  return NextResponse.json(await prisma.project.findMany({ where: { status: 'ACTIVE' } }));
}
`;

describe('the suggestion', () => {
  ruleTester.run('require-tenant-scoped-query', rule, {
    valid: [],
    invalid: [
      {
        name: 'with a destructured tenantId in scope: inserts the shorthand',
        filename: 'app/api/projects/[id]/route.ts',
        settings: SETTINGS,
        code: SUGGEST_DESTRUCTURED,
        errors: [missingFilterWithSuggestion(SUGGEST_DESTRUCTURED, 'delete', 1, 'where: { ', 1, 'tenantId, ')],
      },
      {
        name: 'with the context bound to another name: uses that name',
        filename: 'app/api/users/route.ts',
        settings: SETTINGS,
        code: SUGGEST_OTHER_NAME,
        errors: [missingFilterWithSuggestion(SUGGEST_OTHER_NAME, 'findFirst', 1, 'where: { ', 1, 'tenantId: tenantCtx.tenantId, ')],
      },
      {
        name: 'a where written over several lines: inserted before its first property',
        filename: ROUTE,
        settings: SETTINGS,
        code: SUGGEST_MULTILINE,
        errors: [missingFilterWithSuggestion(SUGGEST_MULTILINE, 'findMany', 1, 'where: {\n      ')],
      },
      {
        name: 'only the unscoped call of two is reported, and the suggestion edits its where',
        filename: ROUTE,
        settings: SETTINGS,
        code: SUGGEST_SECOND_CALL,
        errors: [missingFilterWithSuggestion(SUGGEST_SECOND_CALL, 'count', 1, 'where: { ', 2)],
      },
      {
        name: 'no verified context in scope (only the session): no suggestion',
        filename: 'app/api/projects/route.ts',
        settings: SETTINGS,
        code: NO_SUGGEST_SESSION,
        errors: [reportOp('missingTenantFilter', NO_SUGGEST_SESSION, 'findMany')],
      },
    ],
  });
});

const HELPER_TX_PARAM = `import { NextRequest, NextResponse } from 'next/server';
import type { Prisma } from '@prisma/client';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';
import { prisma } from '@/lib/prisma';

async function voidLines(tx: Prisma.TransactionClient, invoiceId: string) {
  await tx.invoiceLine.updateMany({ where: { invoiceId }, data: { quantity: 0 } });
}

export const POST = withTenantContext(async (_req: NextRequest, { params }: { params: Promise<{ id: string }> }) => {
  const ctx = requireTenantContext();
  const { id } = await params;
  await prisma.$transaction(async (tx) => {
    await tx.invoice.update({ where: { id, tenantId: ctx.tenantId }, data: { status: 'VOID' } });
    await voidLines(tx, id);
  });
  return NextResponse.json({ ok: true });
});
`;

describe('more handler shapes and settings', () => {
  ruleTester.run('require-tenant-scoped-query', rule, {
    valid: [
      {
        name: 'a pages/api handler wrapped in withTenantContext, scoped on both methods',
        filename: 'pages/api/projects/index.ts',
        settings: SETTINGS,
        code: `import type { NextApiRequest, NextApiResponse } from 'next';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';
import prisma from '@/lib/prisma';

export default withTenantContext(async (req: NextApiRequest, res: NextApiResponse) => {
  const ctx = requireTenantContext();
  if (req.method === 'POST') {
    const body = typeof req.body === 'string' ? JSON.parse(req.body) : req.body;
    const project = await prisma.project.create({ data: { name: body.name, tenantId: ctx.tenantId } });
    return res.status(201).json(project);
  }
  res.json(await prisma.project.findMany({ where: { tenantId: ctx.tenantId }, orderBy: { name: 'asc' } }));
});
`,
      },
      {
        name: 'an arrow helper receiving tx and the tenant id, called only with verified values',
        filename: 'app/api/projects/[id]/route.ts',
        settings: SETTINGS,
        code: `import { NextRequest, NextResponse } from 'next/server';
import type { Prisma } from '@prisma/client';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';
import { prisma } from '@/lib/prisma';

const archiveProject = async (tx: Prisma.TransactionClient, tenantId: string, id: string) => {
  const project = await tx.project.update({ where: { id, tenantId }, data: { status: 'ARCHIVED' } });
  await tx.auditLog.create({ data: { tenantId, action: 'project.archived', payload: { id } } });
  return project;
};

export const POST = withTenantContext(async (_req: NextRequest, { params }: { params: Promise<{ id: string }> }) => {
  const ctx = requireTenantContext();
  const { id } = await params;
  return NextResponse.json(await prisma.$transaction((tx) => archiveProject(tx, ctx.tenantId, id)));
});
`,
      },
      {
        name: 'nested writes under a scoped invoice update are not separate calls',
        filename: 'app/api/invoices/[id]/route.ts',
        settings: SETTINGS,
        code: listHandler(`  const id = req.nextUrl.searchParams.get('id') ?? '';
  const invoice = await prisma.invoice.update({
    where: { id, tenantId: ctx.tenantId },
    data: { lines: { deleteMany: {}, create: [{ description: 'Consulting', quantity: 4, unitPrice: 12_000 }] } },
    include: { lines: true },
  });
  return NextResponse.json(invoice);`),
      },
      {
        name: 'scoped calls inside Promise.all(ids.map(…))',
        filename: 'app/api/projects/bulk/route.ts',
        settings: SETTINGS,
        code: createHandler(`  const ids: string[] = Array.isArray(input.ids) ? input.ids : [];
  const projects = await Promise.all(
    ids.map((id) => prisma.project.update({ where: { id, tenantId: ctx.tenantId }, data: { status: 'ARCHIVED' }, select: { id: true } })),
  );
  return NextResponse.json({ archived: projects.length });`),
      },
      {
        name: 'an unwrapped handler with a method check and a permission helper, scoped by the accessor',
        filename: 'app/api/audit/route.ts',
        settings: SETTINGS,
        code: plainHandler(
          `    if (req.method !== 'GET') return NextResponse.json({ error: 'Method not allowed' }, { status: 405 });
    const ctx = requireTenantContext();
    if (!can(ctx, 'audit:read')) return NextResponse.json({ error: 'Forbidden' }, { status: 403 });
    const cursor = req.nextUrl.searchParams.get('cursor');
    const logs = await prisma.auditLog.findMany({
      where: { tenantId: ctx.tenantId },
      orderBy: { createdAt: 'desc' },
      take: 50,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    return NextResponse.json({ logs, next: logs.at(-1)?.id ?? null });`,
          `import { requireTenantContext } from '@/lib/tenant-utils';\nimport { can } from '@/lib/permissions';\n`,
          'GET',
        ),
      },
      { name: 'no schema: a raw query on a tenant table is not reported either', filename: 'app/api/reports/monthly/route.ts', settings: NO_SCHEMA, code: RAW_INVOICES },
      {
        name: 'another tenantField that no model has: only the configured tenant-scoped models are checked',
        filename: ROUTE,
        settings: settingsWith({ tenantField: 'workspaceId' }),
        code: UNSCOPED_GET,
      },
      {
        name: 'ctx.tenantId from the optional accessor after a null check',
        filename: 'app/api/projects/route.ts',
        settings: settingsWith({}, { optionalContextAccessor: { name: 'getTenantContext', from: '@/lib/tenant-utils' } }),
        code: `import { NextResponse } from 'next/server';
import { withTenantContext } from '@/lib/api-wrapper';
import { getTenantContext } from '@/lib/tenant-utils';
import { prisma } from '@/lib/prisma';

export const GET = withTenantContext(async () => {
  const ctx = getTenantContext();
  if (!ctx) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  return NextResponse.json(await prisma.project.findMany({ where: { tenantId: ctx.tenantId }, take: 20 }));
});
`,
      },
      {
        name: 'ctx?.tenantId from the optional accessor',
        filename: 'app/api/projects/route.ts',
        settings: settingsWith({}, { optionalContextAccessor: { name: 'getTenantContext', from: '@/lib/tenant-utils' } }),
        code: `import { NextResponse } from 'next/server';
import { withTenantContext } from '@/lib/api-wrapper';
import { getTenantContext } from '@/lib/tenant-utils';
import { prisma } from '@/lib/prisma';

export const GET = withTenantContext(async () => {
  const ctx = getTenantContext();
  return NextResponse.json(await prisma.project.count({ where: { tenantId: ctx?.tenantId } }));
});
`,
      },
    ],
    invalid: [
      {
        name: 'the schema given as the folder that holds it',
        filename: ROUTE,
        settings: settingsWith({ schema: path.dirname(SCHEMA) }),
        code: UNSCOPED_GET,
        errors: [UNSCOPED_GET_ERROR],
      },
      {
        name: 'a helper whose client parameter receives the transaction client',
        filename: 'app/api/invoices/[id]/route.ts',
        settings: SETTINGS,
        code: HELPER_TX_PARAM,
        errors: [reportOp('missingTenantFilter', HELPER_TX_PARAM, 'updateMany')],
      },
    ],
  });
});

/** The fetch-then-write idiom: a write by the id of a row that a scoped read of the same model returned. */
const ROW_THEN_WRITE = (read: string) => `import { NextRequest, NextResponse } from 'next/server';
import { prisma } from '@/lib/prisma';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const PATCH = withTenantContext(async (req: NextRequest, { params }: { params: Promise<{ id: string }> }) => {
  const { tenantId } = requireTenantContext();
  const { id } = await params;
  const invoice = await prisma.invoice.findFirst({ where: ${read} });
  if (!invoice) return NextResponse.json({ error: 'Not found' }, { status: 404 });
  const body = await req.json().catch(() => ({}));
  const updated = await prisma.invoice.update({ where: { id: invoice.id }, data: { notes: String(body.notes ?? '') } });
  return NextResponse.json(updated);
});
`;

const LINE_BY_ID = `import { NextResponse } from 'next/server';
import { prisma } from '@/lib/prisma';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const DELETE = withTenantContext(async (_req: Request, { params }: { params: Promise<{ lineId: string }> }) => {
  const ctx = requireTenantContext();
  const { lineId } = await params;
  await prisma.invoiceLine.delete({ where: { id: lineId } });
  return new NextResponse(null, { status: 204 });
});
`;

describe('rows a scoped read returned, and models scoped through a relation', () => {
  ruleTester.run('require-tenant-scoped-query', rule, {
    valid: [
      {
        name: 'an update by the id of the row a scoped findFirst of the same model returned',
        filename: 'app/api/invoices/[id]/route.ts',
        settings: SETTINGS,
        code: ROW_THEN_WRITE('{ id, tenantId }'),
      },
      {
        name: 'a module that names no Prisma client is not read at all',
        filename: 'app/api/health/route.ts',
        settings: SETTINGS,
        code: `export async function GET() {\n  return Response.json({ ok: true });\n}\n`,
      },
    ],
    invalid: [
      {
        name: 'the read was not scoped, so the id of its row names any tenant\'s row: both calls are reported',
        filename: 'app/api/invoices/[id]/route.ts',
        settings: SETTINGS,
        code: ROW_THEN_WRITE('{ id }'),
        errors: [
          reportOp('missingTenantFilter', ROW_THEN_WRITE('{ id }'), 'findFirst', 1, [
            { messageId: 'addTenantFilter', output: ROW_THEN_WRITE('{ tenantId, id }') },
          ]),
          reportOp('missingTenantFilter', ROW_THEN_WRITE('{ id }'), 'update', 1, [
            addTenantFilter(ROW_THEN_WRITE('{ id }'), 'update({ where: { ', 1, 'tenantId, '),
          ]),
        ],
      },
      {
        name: 'no tenantId suggestion on a model scoped through a relation: it has no such field',
        filename: 'app/api/invoices/[id]/lines/[lineId]/route.ts',
        settings: SETTINGS,
        code: LINE_BY_ID,
        errors: [reportOp('missingTenantFilter', LINE_BY_ID, 'delete')],
      },
    ],
  });
});

/** A wrapped App Router handler whose body is `body`, with the usual imports and `ctx` from the accessor. */
const wrapped = (body: string, options = '') => `import { NextRequest, NextResponse } from 'next/server';
import { Prisma } from '@prisma/client';
import { prisma } from '@/lib/prisma';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext, getTenantContext } from '@/lib/tenant-utils';

export const POST = withTenantContext(async (req: NextRequest) => {
  const ctx = requireTenantContext();
${body}
  return NextResponse.json({ ok: true });
}${options});
`;

const OPTIONAL = settingsWith({}, { optionalContextAccessor: { name: 'getTenantContext', from: '@/lib/tenant-utils' } });

const SPREAD_AFTER = wrapped(`  const body = await req.json();\n  await prisma.invoice.findMany({ where: { tenantId: ctx.tenantId, ...body } });`);
const ARGS_SPREAD = wrapped(`  const options = await req.json();\n  await prisma.invoice.findMany({ where: { tenantId: ctx.tenantId }, ...options });`);
const CREATE_SPREAD = wrapped(`  const body = await req.json();\n  await prisma.invoice.create({ data: { tenantId: ctx.tenantId, ...body } });`);
const UPDATE_MOVES = wrapped(`  const body = await req.json();\n  await prisma.invoice.update({ where: { id: body.id, tenantId: ctx.tenantId }, data: { tenantId: body.tenantId } });`);
const UPSERT_MOVES = wrapped(
  `  const body = await req.json();\n  await prisma.invoice.upsert({\n    where: { tenantId_number: { tenantId: ctx.tenantId, number: 1 } },\n    create: { tenantId: ctx.tenantId, number: 1 },\n    update: { tenantId: body.tenantId },\n  });`,
);
const OPTIONAL_ANONYMOUS = wrapped(`  const t = getTenantContext();\n  await prisma.invoice.findMany({ where: { tenantId: t?.tenantId } });`, ', { requireAuth: false }');
const ROW_MAYBE = wrapped(
  `  const { id } = await req.json();\n  const row = await prisma.invoice.findFirst({ where: { id, tenantId: ctx.tenantId } });\n  await prisma.invoice.deleteMany({ where: { id: row?.id } });`,
);
const MUTATED = wrapped(
  `  const where: Prisma.InvoiceWhereInput = { tenantId: ctx.tenantId };\n  const other = req.nextUrl.searchParams.get('tenant');\n  if (other) where.tenantId = other;\n  await prisma.invoice.findMany({ where });`,
);
const DELEGATES = wrapped(
  `  const invoices = prisma.invoice;\n  await invoices.findMany();\n  const { project } = prisma;\n  await project.count();\n  const extended = prisma.$extends({});\n  await extended.invoice.findMany();`,
);
const TX_BY_REFERENCE = `import { NextResponse } from 'next/server';
import { Prisma } from '@prisma/client';
import { prisma } from '@/lib/prisma';
import { withTenantContext } from '@/lib/api-wrapper';

async function purge(tx: Prisma.TransactionClient) {
  return tx.invoice.deleteMany({ where: { status: 'draft' } });
}

export const DELETE = withTenantContext(async () => {
  await prisma.$transaction(purge);
  return new NextResponse(null, { status: 204 });
});
`;
const ESCAPING_HELPER = wrapped(
  `  const body = await req.json();\n  async function load(tenantId: string) {\n    return prisma.invoice.findMany({ where: { tenantId } });\n  }\n  await load(ctx.tenantId);\n  await Promise.all((body.tenantIds as string[]).map(load));`,
);
const RAW_FRAGMENT = wrapped(`  const table = Prisma.raw('"Invoice"');\n  await prisma.$queryRaw\`SELECT * FROM \${table} WHERE "number" = \${1}\`;`);

describe('what a spread, a moved row or an alias may hide', () => {
  ruleTester.run('require-tenant-scoped-query', rule, {
    valid: [
      {
        name: 'filtering through the tenant relation: tenant: { id } and tenant: { is: { id } }',
        filename: ROUTE,
        settings: SETTINGS,
        code: wrapped(`  await prisma.invoice.findMany({ where: { tenant: { id: ctx.tenantId } } });\n  await prisma.invoice.count({ where: { tenant: { is: { id: ctx.tenantId } } } });`),
      },
      {
        name: 'rows built before createMany, each with the verified tenant',
        filename: ROUTE,
        settings: SETTINGS,
        code: wrapped(`  const items: Array<{ number: number }> = await req.json();\n  const rows = items.map((item) => ({ number: item.number, tenantId: ctx.tenantId }));\n  await prisma.invoice.createMany({ data: rows });`),
      },
      {
        name: 'String() of the verified tenant, and conditional spreads that never hold a tenant',
        filename: ROUTE,
        settings: SETTINGS,
        code: wrapped(
          `  const status = req.nextUrl.searchParams.get('status');\n  const cursor = req.nextUrl.searchParams.get('cursor');\n  await prisma.invoice.findMany({\n    where: { tenantId: String(ctx.tenantId), ...(status ? { status } : {}) },\n    take: 20,\n    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),\n  });`,
        ),
      },
      {
        name: 'the request spread first and the verified tenant after it: the tenant wins',
        filename: ROUTE,
        settings: SETTINGS,
        code: wrapped(`  const body = await req.json();\n  await prisma.invoice.create({ data: { ...body, tenantId: ctx.tenantId } });`),
      },
      {
        name: 'ctx?.tenantId of the optional accessor inside a wrapper that turns anonymous callers away',
        filename: ROUTE,
        settings: OPTIONAL,
        code: wrapped(`  const t = getTenantContext();\n  await prisma.invoice.findMany({ where: { tenantId: t?.tenantId } });`),
      },
    ],
    invalid: [
      {
        name: 'the request spread after the tenant replaces it',
        filename: ROUTE,
        settings: SETTINGS,
        code: SPREAD_AFTER,
        errors: [reportIn('clientTenantValue', SPREAD_AFTER, '...body', 'body')],
      },
      {
        name: 'options from the request spread over the arguments replace the where',
        filename: ROUTE,
        settings: SETTINGS,
        code: ARGS_SPREAD,
        errors: [reportIn('clientTenantValue', ARGS_SPREAD, '...options', 'options')],
      },
      {
        name: 'a create whose data spreads the request after the tenant',
        filename: ROUTE,
        settings: SETTINGS,
        code: CREATE_SPREAD,
        errors: [reportIn('clientTenantValue', CREATE_SPREAD, '...body', 'body')],
      },
      {
        name: "an update that moves the row to the caller's tenant",
        filename: ROUTE,
        settings: SETTINGS,
        code: UPDATE_MOVES,
        errors: [report('clientTenantValue', UPDATE_MOVES, 'body.tenantId')],
      },
      {
        name: "an upsert whose update branch moves the row to the caller's tenant",
        filename: ROUTE,
        settings: SETTINGS,
        code: UPSERT_MOVES,
        errors: [report('clientTenantValue', UPSERT_MOVES, 'body.tenantId')],
      },
      {
        name: 'ctx?.tenantId of the optional accessor where anonymous callers get in: undefined drops the filter',
        filename: ROUTE,
        settings: OPTIONAL,
        code: OPTIONAL_ANONYMOUS,
        errors: [report('unverifiedTenantValue', OPTIONAL_ANONYMOUS, 't?.tenantId')],
      },
      {
        name: 'row?.id of a read that may find nothing: { id: undefined } matches every row',
        filename: ROUTE,
        settings: SETTINGS,
        code: ROW_MAYBE,
        errors: [reportOp('missingTenantFilter', ROW_MAYBE, 'deleteMany', 1, [addTenantFilter(ROW_MAYBE, 'deleteMany({ where: { ')])],
      },
      {
        name: 'a const where whose tenant is changed after it is built',
        filename: ROUTE,
        settings: SETTINGS,
        code: MUTATED,
        errors: [reportOp('opaqueQueryArgs', MUTATED, 'findMany')],
      },
      {
        name: 'delegates taken from the client: an alias, a destructured model, an extended client',
        filename: ROUTE,
        settings: SETTINGS,
        code: DELEGATES,
        errors: [reportOp('missingTenantFilter', DELEGATES, 'findMany'), reportOp('missingTenantFilter', DELEGATES, 'count'), reportOp('missingTenantFilter', DELEGATES, 'findMany', 2)],
      },
      {
        name: 'the client of a transaction callback passed by name',
        filename: 'app/api/invoices/drafts/route.ts',
        settings: SETTINGS,
        code: TX_BY_REFERENCE,
        errors: [reportOp('missingTenantFilter', TX_BY_REFERENCE, 'deleteMany')],
      },
      {
        name: 'a helper also passed as a callback may be called with any tenant',
        filename: ROUTE,
        settings: SETTINGS,
        code: ESCAPING_HELPER,
        errors: [reportIn('unverifiedTenantValue', ESCAPING_HELPER, 'where: { tenantId }', 'tenantId')],
      },
      {
        name: 'raw SQL with a Prisma.raw fragment is SQL built at run time',
        filename: ROUTE,
        settings: SETTINGS,
        code: RAW_FRAGMENT,
        errors: [report('rawQuery', RAW_FRAGMENT, '$queryRaw')],
      },
    ],
  });
});

const CHECKED_ID = (check: string) =>
  wrapped(
    `  const { id } = await req.json();\n  const invoice = await prisma.invoice.findFirst({ where: { id, tenantId: ctx.tenantId } });\n${check}  await prisma.$transaction(async (tx) => {\n    await tx.invoice.update({ where: { id }, data: { status: 'void' } });\n  });`,
  );
const UNCHECKED_ID = CHECKED_ID('');

describe('the idioms of a real admin app: validated bodies, fetch then write, rows of a scoped list', () => {
  ruleTester.run('require-tenant-scoped-query', rule, {
    valid: [
      {
        name: 'a schema-checked body spread after the tenant sets only the fields the schema lists',
        filename: ROUTE,
        settings: SETTINGS,
        code: wrapped(`  const input = createInvoiceSchema.parse(await req.json());\n  await prisma.invoice.create({ data: { tenantId: ctx.tenantId, ...input } });`),
      },
      {
        name: 'a write by the id a scoped read looked up first, after turning the caller away when it found nothing',
        filename: ROUTE,
        settings: SETTINGS,
        code: CHECKED_ID("  if (!invoice) return NextResponse.json({ error: 'Not found' }, { status: 404 });\n"),
      },
      {
        name: 'a write by the id a scoped findFirstOrThrow looked up: it throws when there is none',
        filename: ROUTE,
        settings: SETTINGS,
        code: wrapped(
          `  const { id } = await req.json();\n  await prisma.invoice.findFirstOrThrow({ where: { id, tenantId: ctx.tenantId } });\n  await prisma.invoice.delete({ where: { id } });`,
        ),
      },
      {
        name: 'each row of a scoped findMany, written by its id',
        filename: ROUTE,
        settings: SETTINGS,
        code: wrapped(
          `  const drafts = await prisma.invoice.findMany({ where: { tenantId: ctx.tenantId, status: 'draft' } });\n  for (const draft of drafts) await prisma.invoice.update({ where: { id: draft.id }, data: { status: 'void' } });`,
        ),
      },
    ],
    invalid: [
      {
        name: 'a write by the id a scoped read looked up, without turning the caller away when it found nothing',
        filename: ROUTE,
        settings: SETTINGS,
        code: UNCHECKED_ID,
        errors: [reportOp('missingTenantFilter', UNCHECKED_ID, 'update', 1, [addTenantFilter(UNCHECKED_ID, 'update({ where: { ')])],
      },
    ],
  });
});
