import type { HttpMethod } from '@tenant-isolation/core';

/** The example app's data layer, as the seed below uses it. */
type ExampleAppDb = typeof import('../../../../fixtures/example-app/lib/db');

/** The frozen clock the requests run at; the seeded dates sit around it. */
export const NOW = new Date('2025-06-15T09:00:00.000Z');

/** Alice as lib/auth.ts puts her on the session: owner of Acme with the finance seat (see the seed in lib/db.ts). */
export const ALICE_IN_ACME = {
  id: 'usr_alice',
  email: 'alice@acme.test',
  name: 'Alice Moreau',
  tenantId: 'ten_acme',
  role: 'owner',
  tenantRole: 'finance',
} as const;
export const OTHER_TENANT = 'ten_globex';

const INITRODE_INVITATION_TOKEN = 'tok_initrode_alice_5c2f0e7d9b';

export interface SeededIds {
  /** Bob's membership in Acme: lib/db.ts seeds it with a generated id. */
  bobMembershipId: string;
  /** A tenant Alice is invited to but not yet a member of. */
  initrodeTenantId: string;
}

/**
 * Rows the app's own seed lacks (it only has two tenants, two users, a customer and a tax rate), so that every
 * handler reaches its success path: sent and draft invoices, a payment, cards, projects with tasks, time, a file,
 * expenses, an invitation, an API key, and an invitation for Alice to a third tenant. Rows a DELETE removes are
 * their own (`in_obsolete`, `prj_spike`, `tsk_obsolete` …) so the order of the requests does not matter to them.
 */
export async function seedExampleApp({ db, createTenant, getMembership }: ExampleAppDb): Promise<SeededIds> {
  const at = NOW.toISOString();
  const acme = ALICE_IN_ACME.tenantId;
  await db.customers.insert(acme, { name: 'Hooli', email: 'ap@hooli.test', currency: 'USD', createdAt: at }, 'cus_hooli');

  const invoice = { customerId: 'cus_initech', currency: 'USD', createdBy: 'usr_alice', createdAt: at, updatedAt: at, dueAt: '2025-07-15T00:00:00.000Z' } as const;
  await db.invoices.insert(acme, {
    ...invoice,
    number: 'INV-00001',
    status: 'sent',
    sentAt: at,
    lineItems: [{ id: 'li_design', description: 'Design sprint', quantity: 10, unitPriceCents: 15000, taxRateId: 'txr_vat20' }],
  }, 'in_sent');
  await db.invoices.insert(acme, {
    ...invoice,
    number: 'INV-00002',
    status: 'draft',
    lineItems: [{ id: 'li_hosting', description: 'Hosting (June)', quantity: 1, unitPriceCents: 4900 }],
  }, 'in_draft');
  await db.invoices.insert(acme, {
    ...invoice,
    number: 'INV-00003',
    status: 'draft',
    lineItems: [{ id: 'li_audit', description: 'Accessibility audit', quantity: 1, unitPriceCents: 250000, taxRateId: 'txr_vat20' }],
  }, 'in_to_send');
  await db.invoices.insert(acme, { ...invoice, number: 'INV-00004', status: 'draft', lineItems: [] }, 'in_obsolete');
  await db.payments.insert(acme, {
    invoiceId: 'in_sent',
    amountCents: 20000,
    currency: 'USD',
    method: 'bank_transfer',
    reference: 'WIRE-0601',
    refundedCents: 0,
    receivedAt: '2025-06-01T10:00:00.000Z',
    recordedBy: 'usr_alice',
  }, 'pay_wire');
  await db.paymentMethods.insert(acme, { brand: 'visa', last4: '1111', expMonth: 4, expYear: 2027, isDefault: true, createdAt: at }, 'pm_visa');
  await db.paymentMethods.insert(acme, { brand: 'amex', last4: '0005', expMonth: 9, expYear: 2026, isDefault: false, createdAt: at }, 'pm_amex');

  await db.projects.insert(acme, {
    name: 'Website relaunch',
    customerId: 'cus_initech',
    status: 'active',
    ownerId: 'usr_alice',
    hourlyRateCents: 12000,
    budgetCents: 500000,
    createdAt: at,
  }, 'prj_website');
  await db.projects.insert(acme, { name: 'Pitch deck', status: 'active', ownerId: 'usr_bob', createdAt: at }, 'prj_pitch');
  await db.projects.insert(acme, { name: 'Prototype spike', status: 'active', ownerId: 'usr_alice', createdAt: at }, 'prj_spike');
  await db.tasks.insert(acme, {
    projectId: 'prj_website',
    title: 'Wireframes',
    status: 'todo',
    assigneeId: 'usr_bob',
    dueDate: '2025-06-20',
    estimateMinutes: 240,
    createdAt: at,
    updatedAt: at,
  }, 'tsk_wireframes');
  await db.tasks.insert(acme, { projectId: 'prj_website', title: 'Old sitemap', status: 'todo', createdAt: at, updatedAt: at }, 'tsk_obsolete');
  await db.timeEntries.insert(acme, {
    projectId: 'prj_website',
    taskId: 'tsk_wireframes',
    userId: 'usr_alice',
    minutes: 90,
    date: '2025-06-10',
    note: 'Kick-off',
    billable: true,
  }, 'te_kickoff');
  await db.projectFiles.insert(acme, {
    projectId: 'prj_website',
    path: 'docs/brief.pdf',
    size: 48213,
    contentType: 'application/pdf',
    uploadedBy: 'usr_alice',
    uploadedAt: at,
  }, 'file_brief');
  await db.expenses.insert(acme, {
    projectId: 'prj_website',
    amountCents: 8900,
    currency: 'EUR',
    category: 'travel',
    description: 'Train to Lyon',
    submittedBy: 'usr_bob',
    status: 'pending',
    incurredOn: '2025-06-09',
    createdAt: at,
  }, 'exp_bob_train');
  await db.expenses.insert(acme, {
    amountCents: 2900,
    currency: 'USD',
    category: 'software',
    description: 'Figma seat',
    submittedBy: 'usr_alice',
    status: 'pending',
    incurredOn: '2025-06-05',
    createdAt: at,
  }, 'exp_alice_licence');
  await db.invitations.insert(acme, {
    email: 'carol@example.test',
    role: 'member',
    invitedBy: 'usr_alice',
    token: 'tok_carol_8d41b7a2e90c',
    expiresAt: '2025-06-20T00:00:00.000Z',
    sentCount: 1,
    createdAt: at,
  }, 'inv_carol');
  await db.apiKeys.insert(acme, {
    name: 'CI',
    prefix: 'lk_live_abcd',
    hashedKey: 'f'.repeat(64),
    scopes: ['invoices:read'],
    createdBy: 'usr_alice',
    createdAt: at,
  }, 'key_ci');

  const initrode = await createTenant({ name: 'Initrode', slug: 'initrode', ownerId: 'usr_bob' });
  await db.invitations.insert(initrode.id, {
    email: ALICE_IN_ACME.email,
    role: 'member',
    invitedBy: 'usr_bob',
    token: INITRODE_INVITATION_TOKEN,
    expiresAt: '2025-06-22T00:00:00.000Z',
    sentCount: 1,
    createdAt: at,
  }, 'inv_initrode_alice');

  const bob = await getMembership(acme, 'usr_bob');
  if (!bob) throw new Error('lib/db.ts no longer seeds Bob as a member of Acme');
  return { bobMembershipId: bob.id, initrodeTenantId: initrode.id };
}

export type RouteParams = Record<string, string | string[]>;

export interface HandlerRequest {
  /** Overrides of the default route params below, for handlers that need another row (a draft, a row to delete). */
  params?: RouteParams;
  query?: string;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
}

/** The row each dynamic segment names unless a request says otherwise. */
export function defaultParams(ids: SeededIds): RouteParams {
  return {
    paymentId: 'pay_wire',
    methodId: 'pm_amex',
    customerId: 'cus_initech',
    invoiceId: 'in_sent',
    invitationId: 'inv_carol',
    memberId: ids.bobMembershipId,
    expenseId: 'exp_alice_licence',
    projectId: 'prj_website',
    taskId: 'tsk_wireframes',
    slug: ['docs', 'brief.pdf'],
  };
}

const DEVICE = { 'x-device-session': 'dev_alice_laptop' };

/**
 * One realistic request per handler, keyed by route file and method: bodies carry the fields each handler
 * validates, so the signed-in request reaches the handler's success path.
 */
export const HANDLER_REQUESTS: Readonly<Record<string, Partial<Record<HttpMethod, HandlerRequest>>>> = {
  'app/api/(billing)/credit-notes/route.ts': {
    GET: { query: '?invoiceId=in_sent' },
    POST: { body: { invoiceId: 'in_sent', amountCents: 5000, reason: 'Late delivery discount' } },
  },
  'app/api/(billing)/customers/route.ts': {
    GET: { query: '?q=ini' },
    POST: { body: { name: 'Umbrella Corp', email: 'AP@umbrella.test', currency: 'EUR', taxId: 'FR40303265045' } },
  },
  'app/api/(billing)/customers/[customerId]/route.ts': {
    GET: {},
    PUT: { body: { name: 'Initech LLC', email: 'ap@initech.test', currency: 'USD', address: '4120 Freidrich Lane, Austin TX' } },
    DELETE: { params: { customerId: 'cus_hooli' } },
  },
  'app/api/(billing)/customers/[customerId]/invoices/route.ts': { GET: { query: '?drafts=true' } },
  'app/api/(billing)/invoices/route.ts': {
    GET: { query: '?status=sent' },
    POST: {
      body: {
        customerId: 'cus_initech',
        lineItems: [
          { description: 'Discovery workshop', quantity: 2, unitPriceCents: 45000, taxRateId: 'txr_vat20' },
          { description: 'Travel', quantity: 1, unitPriceCents: 18000 },
        ],
        notes: 'June workshop',
      },
    },
  },
  'app/api/(billing)/invoices/[invoiceId]/route.ts': {
    GET: {},
    PATCH: { body: { notes: 'Payable by bank transfer', dueAt: '2025-07-31' } },
    DELETE: { params: { invoiceId: 'in_obsolete' } },
  },
  'app/api/(billing)/invoices/[invoiceId]/line-items/route.ts': {
    GET: { params: { invoiceId: 'in_draft' } },
    POST: { params: { invoiceId: 'in_draft' }, body: { description: 'Extra revisions', quantity: 3, unitPriceCents: 12000, taxRateId: 'txr_vat20' } },
  },
  'app/api/(billing)/invoices/[invoiceId]/send/route.ts': {
    POST: { params: { invoiceId: 'in_to_send' }, body: { to: 'ap@initech.test' } },
  },
  'app/api/(billing)/tax-rates/route.ts': {
    GET: { query: '?archived=true' },
    POST: { body: { name: 'Reduced VAT 5%', percentage: 5 } },
  },
  'app/api/account/route.ts': { GET: {}, PATCH: { body: { name: 'Alice M. Moreau' } } },
  'app/api/account/mfa/route.ts': { GET: {}, POST: { body: {} }, DELETE: {} },
  'app/api/account/password/route.ts': {
    POST: { headers: DEVICE, body: { currentPassword: 'correct horse battery staple', newPassword: 'purple monkey dishwasher 42' } },
  },
  'app/api/account/sessions/route.ts': { GET: { headers: DEVICE }, DELETE: { headers: DEVICE } },
  'app/api/api-keys/route.ts': { GET: {}, POST: { body: { name: 'CI deploy', scopes: ['invoices:read', 'projects:read'] } } },
  'app/api/changelog/route.ts': { GET: {} },
  'app/api/dashboard/route.ts': { GET: { query: '?days=30' } },
  'app/api/expenses/route.ts': {
    GET: { query: '?status=pending' },
    POST: { body: { amountCents: 4200, currency: 'EUR', category: 'meals', description: 'Client lunch', incurredOn: '2025-06-12', projectId: 'prj_website' } },
  },
  'app/api/expenses/[expenseId]/route.ts': {
    PATCH: { body: { amountCents: 3100, description: 'Figma seat (annual)' } },
    DELETE: {},
  },
  'app/api/expenses/[expenseId]/approve/route.ts': { POST: { params: { expenseId: 'exp_bob_train' }, body: { decision: 'approved' } } },
  'app/api/payments/route.ts': {
    GET: { query: '?limit=10' },
    POST: { body: { invoiceId: 'in_sent', amountCents: 50000, method: 'bank_transfer', reference: 'SEPA-2025-0613' } },
  },
  'app/api/payments/[paymentId]/route.ts': { GET: {} },
  'app/api/payments/methods/route.ts': { GET: {}, POST: { body: { brand: 'Visa', last4: '4242', expMonth: 12, expYear: 2028 } } },
  'app/api/payments/methods/[methodId]/route.ts': { PATCH: { body: { isDefault: true } }, DELETE: { params: { methodId: 'pm_visa' } } },
  'app/api/preferences/route.ts': { GET: {}, POST: { body: { theme: 'dark', weekStartsOn: 0 } } },
  'app/api/projects/route.ts': {
    GET: { query: '?status=all' },
    POST: { body: { name: 'Mobile app', customerId: 'cus_initech', hourlyRateCents: 11000, budgetCents: 2000000 } },
  },
  'app/api/projects/[projectId]/route.ts': {
    GET: {},
    PATCH: { body: { name: 'Website relaunch 2025', hourlyRateCents: 12500 } },
    DELETE: { params: { projectId: 'prj_spike' } },
  },
  'app/api/projects/[projectId]/archive/route.ts': { POST: { params: { projectId: 'prj_pitch' } }, DELETE: { params: { projectId: 'prj_pitch' } } },
  'app/api/projects/[projectId]/budget/route.ts': { GET: {}, PUT: { body: { budgetCents: 750000 } } },
  'app/api/projects/[projectId]/files/[...slug]/route.ts': { GET: {}, DELETE: {} },
  'app/api/projects/[projectId]/tasks/route.ts': {
    GET: { query: '?assignee=usr_bob' },
    POST: { body: { title: 'Write launch checklist', assigneeId: 'usr_bob', dueDate: '2025-06-30', estimateMinutes: 90 } },
  },
  'app/api/projects/[projectId]/tasks/[taskId]/route.ts': {
    GET: {},
    PATCH: { body: { status: 'in_progress', title: 'Wireframes v2' } },
    DELETE: { params: { taskId: 'tsk_obsolete' } },
  },
  'app/api/projects/[projectId]/time-entries/route.ts': {
    GET: { query: '?from=2025-06-01&to=2025-06-30' },
    POST: { body: { minutes: 120, date: '2025-06-13', taskId: 'tsk_wireframes', note: 'Review call' } },
  },
  'app/api/projects/templates/route.ts': { GET: {} },
  'app/api/reports/revenue/route.ts': { GET: { query: '?year=2025&granularity=quarter' } },
  'app/api/search/route.ts': { GET: { query: '?q=website' } },
  'app/api/settings/route.ts': { GET: {}, PATCH: { body: { invoicePrefix: 'ACME', paymentTermsDays: 14, timezone: 'Europe/Paris' } } },
  'app/api/settings/branding/route.ts': {
    GET: { query: '?tenant=acme' },
    PUT: { body: { primaryColor: '#0a7cff', accentColor: '#ff6a00', logoUrl: 'https://cdn.acme.test/logo.svg' } },
  },
  'app/api/team/invitations/route.ts': { GET: {}, POST: { body: { email: 'dave@example.test', role: 'viewer' } } },
  'app/api/team/invitations/[invitationId]/route.ts': { POST: {}, DELETE: {} },
  'app/api/team/invitations/accept/route.ts': { POST: { body: { token: INITRODE_INVITATION_TOKEN } } },
  'app/api/team/members/route.ts': { GET: { query: '?role=member' } },
  'app/api/team/members/[memberId]/route.ts': { GET: {}, PATCH: { body: { seat: 'guest' } }, DELETE: {} },
  'app/api/tenants/route.ts': { GET: {}, POST: { body: { name: 'Acme Labs', slug: 'acme-labs' } } },
  'app/api/tenants/switch/route.ts': { POST: { body: { tenantId: OTHER_TENANT } } },
  'app/api/time-entries/route.ts': { GET: { query: '?from=2025-06-01&to=2025-06-15' } },
};

/** The URL Next.js serves a route file at, with its dynamic segments filled in: route groups drop out. */
export function urlPathOf(file: string, params: RouteParams): string {
  const segments = file.split('/').slice(1, -1); // drop `app` and `route.ts`
  return `/${segments
    .filter((s) => !/^\(.*\)$/.test(s))
    .map((s) => {
      const dynamic = /^\[(?:\.\.\.)?(\w+)\]$/.exec(s);
      if (!dynamic) return s;
      const value = params[dynamic[1]!];
      if (value === undefined) throw new Error(`${file}: no value for the route param ${dynamic[1]}`);
      return Array.isArray(value) ? value.map(encodeURIComponent).join('/') : encodeURIComponent(value);
    })
    .join('/')}`;
}

/** The params Next.js passes for a route file: only the dynamic segments its path has. */
export function routeParamsOf(file: string, values: RouteParams): RouteParams {
  const params: RouteParams = {};
  for (const match of file.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)) {
    const value = values[match[1]!];
    if (value !== undefined) params[match[1]!] = value;
  }
  return params;
}
