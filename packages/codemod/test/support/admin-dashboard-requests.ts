import type {
  Announcement,
  ApiKey,
  ApprovalRequest,
  Asset,
  AuditLog,
  Comment,
  Contact,
  CustomField,
  CustomRole,
  Department,
  EmailTemplate,
  FeatureFlag,
  Integration,
  Invitation,
  Invoice,
  LeaveRequest,
  Location,
  PurchaseOrder,
  ReportExport,
  SavedView,
  Shift,
  Subscription,
  SupportTicket,
  Tag,
  Team,
  TeamMember,
  Tenant,
  TenantSettings,
  User,
  Vendor,
  WebhookEndpoint,
} from '../../../../fixtures/admin-dashboard/src/lib/prisma';
import type { AnswerContext, HandlerFixture, RecordedAnswers } from './differential';
import { NOW } from './example-app-requests';

/*
 * What fixtures/admin-dashboard's handlers are sent and what its recorded modules answer them, so that the
 * signed-in owner reaches each handler's success path: a body that passes the handler's validation, and rows that
 * exist, belong to Acme and are in the state the action needs (a pending request to approve, an archived field to
 * delete, a name nobody has taken yet). Every call is still logged; only what it returns changes.
 */

/** Ada, as src/lib/auth.ts puts a workspace member on the session; the role comes from each session case. */
export const ADA = { id: 'usr_ada', tenantId: 'tnt_acme', tenantSlug: 'acme', email: 'ada@acme.test', name: 'Ada Lovelace' } as const;

const TENANT = ADA.tenantId;
const at = (iso: string) => new Date(iso);
const CREATED = '2025-03-03T10:00:00.000Z';
/** An hour from NOW, the frozen clock: when a rate-limit window resets. */
const WINDOW_RESET = NOW.getTime() + 3_600_000;

// ---------------------------------------------------------------------------------------------------------------
// Rows of Acme's workspace, built afresh for every call so that a handler cannot change what the next call gets.

const tenant = (): Tenant => ({
  id: TENANT,
  name: 'Acme',
  slug: 'acme',
  domain: 'acme.test',
  plan: 'business',
  status: 'ACTIVE',
  logoUrl: 'https://cdn.acme.test/logo.svg',
  primaryColor: '#0f766e',
  stripeCustomerId: 'cus_acme',
  suspendedReason: null,
  createdAt: at(CREATED),
  updatedAt: at(CREATED),
});

const user = (fields: Pick<User, 'id' | 'email' | 'name' | 'role'> & Partial<User>): User => ({
  tenantId: TENANT,
  image: null,
  title: null,
  passwordHash: null,
  customRoleId: null,
  departmentId: 'dep_eng',
  status: 'ACTIVE',
  locale: 'en-GB',
  timezone: 'Europe/London',
  onboardedAt: at(CREATED),
  lastLoginAt: at('2025-06-14T08:30:00.000Z'),
  deletedAt: null,
  createdAt: at(CREATED),
  updatedAt: at(CREATED),
  ...fields,
});
const ada = () => user({ id: ADA.id, email: ADA.email, name: ADA.name, role: 'OWNER', title: 'CTO' });
const grace = () => user({ id: 'usr_grace', email: 'grace@acme.test', name: 'Grace Hopper', role: 'MEMBER', title: 'Engineer' });
const linus = () => user({ id: 'usr_linus', email: 'linus@acme.test', name: 'Linus Torvalds', role: 'MANAGER', title: 'Engineering manager' });

const settings = (): TenantSettings => ({
  id: 'set_acme',
  tenantId: TENANT,
  timezone: 'Europe/London',
  locale: 'en-GB',
  dateFormat: 'yyyy-MM-dd',
  allowedEmailDomains: ['acme.test'],
  enforceMfa: false,
  ssoEnabled: false,
  ssoProvider: null,
  sessionTimeoutMinutes: 720,
  ipAllowlist: [],
  updatedById: ADA.id,
  updatedAt: at(CREATED),
  createdAt: at(CREATED),
});

const subscription = (): Subscription => ({
  id: 'sub_acme',
  tenantId: TENANT,
  plan: 'starter',
  status: 'ACTIVE',
  seats: 10,
  interval: 'month',
  currentPeriodEnd: at('2025-07-01T00:00:00.000Z'),
  cancelAtPeriodEnd: false,
  stripeSubscriptionId: 'sub_1PqAcme',
  createdAt: at(CREATED),
  updatedAt: at(CREATED),
});

const team = (): Team => ({
  id: 'team_platform',
  tenantId: TENANT,
  name: 'Platform',
  description: 'Infrastructure and tooling',
  createdById: ADA.id,
  archivedAt: null,
  createdAt: at(CREATED),
  updatedAt: at(CREATED),
});

const teamMember = (userId: string, role: TeamMember['role']): TeamMember => ({
  id: `tm_${userId}`,
  tenantId: TENANT,
  teamId: 'team_platform',
  userId,
  role,
  addedById: ADA.id,
  createdAt: at(CREATED),
});

const department = (fields: Pick<Department, 'id' | 'name' | 'parentId'> & Partial<Department>): Department => ({
  tenantId: TENANT,
  code: null,
  headId: 'usr_linus',
  costCenter: null,
  createdById: ADA.id,
  createdAt: at(CREATED),
  updatedAt: at(CREATED),
  ...fields,
});
const DEPARTMENTS: Record<string, () => Department> = {
  dep_eng: () => department({ id: 'dep_eng', name: 'Engineering', code: 'ENG', parentId: null }),
  dep_platform: () => department({ id: 'dep_platform', name: 'Platform', parentId: 'dep_eng' }),
  dep_ops: () => department({ id: 'dep_ops', name: 'Operations', code: 'OPS', parentId: null }),
  dep_archive: () => department({ id: 'dep_archive', name: 'Archive team', parentId: 'dep_ops', headId: null }),
};

const location = (): Location => ({
  id: 'loc_paris',
  tenantId: TENANT,
  name: 'Paris office',
  address: '12 rue de la Paix',
  city: 'Paris',
  country: 'FR',
  timezone: 'Europe/Paris',
  archivedAt: null,
  createdAt: at(CREATED),
  updatedAt: at(CREATED),
});

const asset = (fields: Partial<Asset> = {}): Asset => ({
  id: 'ast_laptop',
  tenantId: TENANT,
  assetTag: 'LAP-0007',
  name: 'ThinkPad X1 Carbon',
  category: 'LAPTOP',
  status: 'ASSIGNED',
  serialNumber: 'PF3XK2',
  assigneeId: 'usr_grace',
  locationId: 'loc_paris',
  purchasedAt: at('2024-09-02T00:00:00.000Z'),
  costCents: 189900,
  tags: ['engineering'],
  notes: null,
  createdById: ADA.id,
  createdAt: at(CREATED),
  updatedAt: at(CREATED),
  ...fields,
});

const approval = (): ApprovalRequest => ({
  id: 'apr_desk',
  tenantId: TENANT,
  kind: 'PURCHASE',
  title: 'Standing desk',
  details: 'For the back pain',
  amountCents: 45000,
  status: 'PENDING',
  requesterId: 'usr_grace',
  reviewerId: null,
  decisionNote: null,
  decidedAt: null,
  createdAt: at('2025-06-10T09:00:00.000Z'),
  updatedAt: at('2025-06-10T09:00:00.000Z'),
});

const announcement = (fields: Partial<Announcement> = {}): Announcement => ({
  id: 'ann_offsite',
  tenantId: TENANT,
  title: 'Offsite in Lisbon',
  body: 'Book your travel by Friday.',
  audience: 'EVERYONE',
  pinned: false,
  publishAt: at('2025-06-12T08:00:00.000Z'),
  expiresAt: null,
  authorId: ADA.id,
  createdAt: at('2025-06-12T08:00:00.000Z'),
  updatedAt: at('2025-06-12T08:00:00.000Z'),
  ...fields,
});

const customField = (fields: Partial<CustomField> = {}): CustomField => ({
  id: 'cf_cost_centre',
  tenantId: TENANT,
  entityType: 'user',
  key: 'cost_centre',
  label: 'Cost centre',
  type: 'select',
  options: ['EU', 'US'],
  required: false,
  position: 2,
  archivedAt: null,
  createdById: ADA.id,
  createdAt: at(CREATED),
  updatedAt: at(CREATED),
  ...fields,
});

const invitation = (fields: Partial<Invitation> = {}): Invitation => ({
  id: 'inv_hedy',
  tenantId: TENANT,
  email: 'hedy@acme.test',
  role: 'MEMBER',
  token: 'tok_hedy_9f2c1b',
  invitedById: ADA.id,
  status: 'PENDING',
  expiresAt: at('2025-06-20T00:00:00.000Z'),
  acceptedAt: null,
  createdAt: at('2025-06-13T00:00:00.000Z'),
  ...fields,
});

const leave = (fields: Partial<LeaveRequest> = {}): LeaveRequest => ({
  id: 'lv_grace_july',
  tenantId: TENANT,
  userId: 'usr_grace',
  type: 'VACATION',
  startDate: at('2025-07-14T00:00:00.000Z'),
  endDate: at('2025-07-18T00:00:00.000Z'),
  days: 5,
  reason: 'Summer holiday',
  status: 'PENDING',
  reviewerId: null,
  reviewNote: null,
  decidedAt: null,
  createdAt: at('2025-06-02T00:00:00.000Z'),
  updatedAt: at('2025-06-02T00:00:00.000Z'),
  ...fields,
});

const vendor = (): Vendor => ({
  id: 'ven_dell',
  tenantId: TENANT,
  name: 'Dell',
  category: 'HARDWARE',
  contactName: 'Pat Doe',
  contactEmail: 'pat@dell.example',
  website: 'https://www.dell.com',
  paymentTermsDays: 45,
  archivedAt: null,
  createdById: ADA.id,
  createdAt: at(CREATED),
  updatedAt: at(CREATED),
});

const purchaseOrder = (fields: Partial<PurchaseOrder> = {}): PurchaseOrder => ({
  id: 'po_laptops',
  tenantId: TENANT,
  number: 'PO-2025-0041',
  vendorId: 'ven_dell',
  status: 'SUBMITTED',
  currency: 'eur',
  lines: [{ description: 'Latitude 7450', quantity: 3, unitPriceCents: 139900 }],
  totalCents: 419700,
  notes: null,
  requestedById: 'usr_grace',
  approvedById: null,
  approvedAt: null,
  receivedAt: null,
  createdAt: at('2025-06-11T00:00:00.000Z'),
  updatedAt: at('2025-06-11T00:00:00.000Z'),
  ...fields,
});

const reportExport = (fields: Partial<ReportExport> = {}): ReportExport => ({
  id: 'exp_users',
  tenantId: TENANT,
  type: 'users',
  format: 'csv',
  status: 'COMPLETED',
  filters: null,
  requestedById: ADA.id,
  notifyEmail: ADA.email,
  content: 'email,name\nada@acme.test,Ada Lovelace\n',
  rowCount: 1,
  error: null,
  completedAt: at('2025-06-14T10:00:00.000Z'),
  createdAt: at('2025-06-14T09:59:00.000Z'),
  ...fields,
});

const customRole = (): CustomRole => ({
  id: 'role_auditor',
  tenantId: TENANT,
  name: 'Auditor',
  description: 'Reads the audit log',
  permissions: ['audit:view'],
  createdById: ADA.id,
  createdAt: at(CREATED),
  updatedAt: at(CREATED),
});

const savedView = (fields: Partial<SavedView> = {}): SavedView => ({
  id: 'view_laptops',
  tenantId: TENANT,
  ownerId: ADA.id,
  resource: 'assets',
  name: 'Laptops',
  filters: { category: 'LAPTOP' },
  columns: ['assetTag', 'name', 'assigneeId'],
  sort: 'assetTag',
  shared: false,
  createdAt: at(CREATED),
  updatedAt: at(CREATED),
  ...fields,
});

const webhookEndpoint = (): WebhookEndpoint => ({
  id: 'wh_ops',
  tenantId: TENANT,
  url: 'https://hooks.acme.test/tessera',
  description: 'Ops alerts',
  events: ['ticket.created'],
  secret: 'whsec_ops',
  enabled: true,
  createdById: ADA.id,
  createdAt: at(CREATED),
  updatedAt: at(CREATED),
});

const ticket = (fields: Partial<SupportTicket> = {}): SupportTicket => ({
  id: 'tkt_export',
  tenantId: TENANT,
  subject: 'Cannot export the audit log',
  body: 'The export button spins forever.',
  status: 'OPEN',
  priority: 'HIGH',
  requesterId: 'usr_grace',
  assigneeId: null,
  closedAt: null,
  createdAt: at('2025-06-13T00:00:00.000Z'),
  updatedAt: at('2025-06-13T00:00:00.000Z'),
  ...fields,
});

const tag = (): Tag => ({ id: 'tag_hardware', tenantId: TENANT, name: 'hardware', color: '#64748b', createdById: ADA.id, createdAt: at(CREATED) });

const contact = (fields: Partial<Contact> = {}): Contact => ({
  id: 'con_globex',
  tenantId: TENANT,
  name: 'Hank Scorpio',
  email: 'hank@globex.test',
  phone: '+1 555 0100',
  company: 'Globex',
  ownerId: 'usr_grace',
  tags: ['lead'],
  createdAt: at(CREATED),
  updatedAt: at(CREATED),
  ...fields,
});

const shift = (): Shift => ({
  id: 'sh_grace_mon',
  tenantId: TENANT,
  userId: 'usr_grace',
  locationId: 'loc_paris',
  startsAt: at('2025-06-16T08:00:00.000Z'),
  endsAt: at('2025-06-16T16:00:00.000Z'),
  position: 'Front desk',
  notes: null,
  createdById: ADA.id,
  createdAt: at(CREATED),
  updatedAt: at(CREATED),
});

const invoice = (): Invoice => ({
  id: 'in_2025_05',
  tenantId: TENANT,
  number: 'TES-2025-0005',
  status: 'PAID',
  currency: 'usd',
  amountDue: 29000,
  amountPaid: 29000,
  periodStart: at('2025-05-01T00:00:00.000Z'),
  periodEnd: at('2025-06-01T00:00:00.000Z'),
  dueDate: at('2025-06-01T00:00:00.000Z'),
  paidAt: at('2025-06-01T06:00:00.000Z'),
  hostedUrl: 'https://billing.example.com/i/in_2025_05',
  pdfUrl: 'https://billing.example.com/i/in_2025_05.pdf',
  stripeInvoiceId: 'in_1PqAcme',
  createdAt: at('2025-06-01T00:00:00.000Z'),
});

const flag = (): FeatureFlag => ({
  id: 'ff_custom_roles',
  tenantId: TENANT,
  key: 'custom-roles',
  description: 'Custom roles (Business plan)',
  enabled: true,
  rolloutPercentage: 100,
  allowedUserIds: [],
  updatedById: ADA.id,
  createdAt: at(CREATED),
  updatedAt: at(CREATED),
});

const integration = (): Integration => ({
  id: 'int_slack',
  tenantId: TENANT,
  provider: 'slack',
  status: 'CONNECTED',
  config: { channel: '#ops' },
  signingSecret: null,
  connectedById: ADA.id,
  lastSyncedAt: at('2025-06-14T12:00:00.000Z'),
  createdAt: at(CREATED),
  updatedAt: at(CREATED),
});

const auditLog = (): AuditLog => ({
  id: 'log_1',
  tenantId: TENANT,
  actorId: ADA.id,
  actorEmail: ADA.email,
  action: 'user.updated',
  entityType: 'user',
  entityId: 'usr_grace',
  metadata: null,
  ip: '203.0.113.7',
  userAgent: 'Mozilla/5.0',
  createdAt: at('2025-06-14T10:00:00.000Z'),
});

const emailTemplate = (): EmailTemplate => ({
  id: 'tpl_invitation',
  tenantId: TENANT,
  key: 'invitation',
  subject: 'Join {{workspaceName}}',
  body: '{{inviterName}} saved you a seat: {{link}}',
  updatedById: ADA.id,
  createdAt: at(CREATED),
  updatedAt: at(CREATED),
});

const apiKey = (): ApiKey => ({
  id: 'key_ci',
  tenantId: TENANT,
  name: 'CI',
  prefix: 'tsk_live_a1b2c3',
  hashedKey: 'f'.repeat(64),
  scopes: ['users:read'],
  createdById: 'usr_grace',
  lastUsedAt: null,
  expiresAt: null,
  revokedAt: null,
  createdAt: at(CREATED),
});

const comment = (): Comment => ({
  id: 'cmt_battery',
  tenantId: TENANT,
  entityType: 'asset',
  entityId: 'ast_laptop',
  authorId: 'usr_grace',
  body: 'The battery is swelling.',
  mentions: [],
  editedAt: null,
  createdAt: at('2025-06-13T15:00:00.000Z'),
});

// ---------------------------------------------------------------------------------------------------------------
// Answers shared by many handlers.

interface Query {
  where?: Record<string, unknown>;
  data?: Record<string, unknown>;
  skip?: number;
}

/** A create answers the row it stored: the data with an id and timestamps. */
const created =
  (id: string) =>
  ({ data }: Query) => ({ id, ...data, createdAt: NOW, updatedAt: NOW });
/** An update answers the row with the data applied. */
const updated =
  <T extends object>(row: () => T) =>
  ({ data }: Query) => ({ ...row(), ...data, updatedAt: NOW });
const none = () => null;
const counted = (count: number) => () => ({ count });
const allowed = () => ({ success: true, remaining: 9, resetAt: WINDOW_RESET });
const seats = () => ({ used: 12, limit: 50 });

/** Prisma's `$transaction`: a callback gets the client itself; a list of queries is awaited together. */
function transaction(this: AnswerContext, work: unknown): unknown {
  if (typeof work === 'function') return (work as (client: unknown) => unknown)(this.recorderOf('@/lib/prisma', 'prisma'));
  return Promise.all(work as unknown[]);
}

const byId =
  <T>(rows: Record<string, () => T>) =>
  ({ where }: Query): T | null =>
    rows[String(where?.id)]?.() ?? null;

/** src/lib/notifications.ts's catalogue, a constant of a recorded module: the preferences list one entry per type. */
const NOTIFICATION_TYPES = ['invitation.accepted', 'ticket.updated', 'ticket.assigned', 'billing.invoice', 'export.ready', 'security.alert'];
const notificationTypes: RecordedAnswers = {
  'NOTIFICATION_TYPES.includes': (type: string) => NOTIFICATION_TYPES.includes(type),
  'NOTIFICATION_TYPES.map': (each: (type: string) => unknown) => NOTIFICATION_TYPES.map((type) => each(type)),
};
const preference = (type: string, email: boolean) => ({ id: `np_${type}`, tenantId: TENANT, userId: ADA.id, type, email, inApp: true, updatedAt: at(CREATED) });

const BUSINESS_PLAN = {
  id: 'business',
  name: 'Business',
  monthlyPriceCents: 9900,
  yearlyPriceCents: 99000,
  includedSeats: 50,
  features: ['SSO', 'Audit log (1 year)', 'Custom roles', 'Priority support'],
  public: true,
};

/** The answers a handler gets whatever it asks; `answers` adds its own. */
const fixture = (request: HandlerFixture['request'], answers: RecordedAnswers = {}): HandlerFixture => ({
  ...(request === undefined ? {} : { request }),
  answers,
});

// ---------------------------------------------------------------------------------------------------------------
// Per route file and method.

export const ADMIN_DASHBOARD_HANDLER_FIXTURES: Readonly<Record<string, Readonly<Partial<Record<string, HandlerFixture>>>>> = {
  'src/app/api/announcements/route.ts': {
    GET: fixture(undefined, { 'prisma.announcement.findMany': () => [announcement({ pinned: true }), announcement({ id: 'ann_payroll', title: 'Payroll moves to the 25th' })] }),
    POST: fixture(
      { body: { title: 'Quarterly all-hands', body: 'Thursday at 4pm in the atrium.', audience: 'EVERYONE', pinned: true, publishAt: '2025-06-16', expiresAt: '2025-06-20' } },
      { 'prisma.announcement.count': () => 1, 'prisma.announcement.create': created('ann_all_hands') },
    ),
  },
  'src/app/api/announcements/[id]/route.ts': {
    PATCH: fixture({ params: { id: 'ann_offsite' }, body: { title: 'Offsite in Lisbon (new dates)', pinned: true, expiresAt: '2025-07-01' } }, {
      'prisma.announcement.update': updated(announcement),
    }),
    DELETE: fixture({ params: { id: 'ann_offsite' } }, { 'prisma.announcement.deleteMany': counted(1) }),
  },
  'src/app/api/api-keys/[id]/route.ts': {
    DELETE: fixture({ params: { id: 'key_ci' } }, { 'prisma.apiKey.findFirst': apiKey, 'prisma.apiKey.update': updated(apiKey) }),
  },
  'src/app/api/approvals/route.ts': {
    GET: fixture({ query: '?status=pending' }, { 'prisma.approvalRequest.findMany': () => [approval()], 'prisma.approvalRequest.count': () => 1 }),
    POST: fixture(
      { body: { kind: 'PURCHASE', title: 'Conference ticket', details: 'React Summit, Amsterdam', amountCents: 69900 } },
      { 'prisma.approvalRequest.count': () => 2, 'prisma.approvalRequest.create': created('apr_conference') },
    ),
  },
  'src/app/api/approvals/[id]/route.ts': {
    PATCH: fixture({ params: { id: 'apr_desk' }, body: { decision: 'APPROVED', note: 'Within the equipment budget' } }, {
      'prisma.approvalRequest.findFirst': approval,
      'prisma.approvalRequest.update': updated(approval),
    }),
  },
  'src/app/api/assets/route.ts': {
    GET: fixture({ query: '?q=thinkpad&status=ASSIGNED' }, { 'prisma.asset.findMany': () => [asset()], 'prisma.asset.count': () => 1 }),
    POST: fixture(
      {
        body: {
          assetTag: 'LAP-0042',
          name: 'MacBook Pro 14',
          category: 'LAPTOP',
          serialNumber: 'C02XL0GJ',
          assigneeId: 'usr_grace',
          locationId: 'loc_paris',
          purchasedAt: '2025-05-02',
          costCents: 249900,
          tags: ['engineering'],
        },
      },
      {
        checkQuota: () => ({ allowed: true, used: 41, limit: 5000 }),
        'prisma.user.findFirst': grace,
        'prisma.location.findFirst': location,
        'prisma.asset.create': created('ast_macbook'),
      },
    ),
  },
  'src/app/api/assets/[id]/route.ts': {
    GET: fixture({ params: { id: 'ast_laptop' } }, {
      'prisma.asset.findFirst': () => asset(),
      'prisma.user.findFirst': () => ({ id: 'usr_grace', name: 'Grace Hopper', email: 'grace@acme.test' }),
      'prisma.location.findFirst': () => ({ id: 'loc_paris', name: 'Paris office', city: 'Paris' }),
      'prisma.auditLog.findMany': () => [{ action: 'asset.created', actorEmail: ADA.email, metadata: null, createdAt: at(CREATED) }],
    }),
    PATCH: fixture({ params: { id: 'ast_spare' }, body: { assigneeId: 'usr_grace', notes: 'Charger included' } }, {
      'prisma.asset.findFirst': () => asset({ id: 'ast_spare', assetTag: 'LAP-0011', status: 'IN_STOCK', assigneeId: null }),
      'prisma.user.findFirst': grace,
      'prisma.asset.update': ({ data }: Query) => ({ ...asset({ id: 'ast_spare', assetTag: 'LAP-0011' }), ...data, updatedAt: NOW }),
    }),
    DELETE: fixture({ params: { id: 'ast_typo' } }, {
      'prisma.asset.findFirst': () => asset({ id: 'ast_typo', assetTag: 'LAP-9999', status: 'IN_STOCK', assigneeId: null }),
      'prisma.comment.deleteMany': counted(0),
      'prisma.asset.delete': () => asset({ id: 'ast_typo', assetTag: 'LAP-9999', status: 'IN_STOCK', assigneeId: null }),
    }),
  },
  'src/app/api/audit-logs/route.ts': {
    GET: fixture({ query: '?action=user.&limit=20' }, {
      'prisma.tenant.findUnique': () => ({ plan: 'business' }),
      'prisma.auditLog.findMany': () => [auditLog()],
      'prisma.auditLog.count': () => 1,
    }),
  },
  'src/app/api/billing/invoices/route.ts': {
    GET: fixture({ query: '?status=paid' }, { 'prisma.invoice.findMany': () => [invoice()], 'prisma.invoice.count': () => 1 }),
  },
  'src/app/api/billing/invoices/[id]/route.ts': {
    GET: fixture({ params: { id: 'in_2025_05' } }, { 'prisma.invoice.findFirst': invoice }),
  },
  'src/app/api/billing/plans/route.ts': {
    GET: fixture(undefined, { 'prisma.subscription.findUnique': subscription }),
  },
  'src/app/api/billing/portal/route.ts': {
    POST: fixture(undefined, {
      getBillingCustomer: () => ({ tenant: tenant(), customerId: 'cus_acme' }),
      'billingProvider.createPortalSession': ({ customerId }: { customerId: string }) => ({ url: `https://billing.example.com/p/session/${customerId}` }),
    }),
  },
  'src/app/api/billing/subscription/route.ts': {
    GET: fixture(undefined, { 'prisma.subscription.findUnique': subscription, seatUsage: seats }),
    PUT: fixture({ body: { plan: 'business', seats: 40 } }, {
      isPlanId: (id: unknown) => ['free', 'starter', 'business', 'enterprise'].includes(String(id)),
      getPlan: () => BUSINESS_PLAN,
      'prisma.subscription.findUnique': subscription,
      seatUsage: seats,
      'billingProvider.updateSubscription': ({ subscriptionId, plan, seats: count }: { subscriptionId: string; plan: string; seats?: number }) => ({ id: subscriptionId, plan, seats: count }),
      'prisma.subscription.update': updated(subscription),
      'prisma.tenant.update': updated(tenant),
      prorationCents: () => 2310,
    }),
    DELETE: fixture({ query: '?reason=too_expensive' }, {
      'prisma.subscription.findUnique': subscription,
      'billingProvider.cancelSubscription': ({ subscriptionId }: { subscriptionId: string }) => ({ id: subscriptionId, cancelAtPeriodEnd: true }),
      'prisma.subscription.update': updated(subscription),
    }),
  },
  'src/app/api/comments/route.ts': {
    GET: fixture({ query: '?entityType=asset&entityId=ast_laptop&limit=20' }, {
      'prisma.asset.findFirst': () => ({ assigneeId: 'usr_grace' }),
      'prisma.comment.findMany': () => [comment()],
      'prisma.user.findMany': () => [{ id: 'usr_grace', name: 'Grace Hopper', email: 'grace@acme.test', image: null }],
    }),
    POST: fixture({ body: { entityType: 'asset', entityId: 'ast_laptop', body: 'Replacement ordered, @Grace', mentions: ['usr_grace'] } }, {
      'prisma.asset.findFirst': () => ({ assigneeId: 'usr_grace' }),
      'prisma.user.findMany': () => [{ id: 'usr_grace' }],
      'prisma.comment.create': created('cmt_replacement'),
    }),
  },
  'src/app/api/custom-fields/route.ts': {
    GET: fixture({ query: '?entityType=user' }, { 'prisma.customField.findMany': () => [customField()] }),
    POST: fixture({ body: { entityType: 'user', label: 'Office (EU)', type: 'select', options: ['Paris', 'Berlin'], required: true } }, {
      checkQuota: () => ({ allowed: true, used: 3, limit: 100 }),
      'prisma.customField.findFirst': () => ({ position: 2 }),
      'prisma.customField.create': created('cf_office'),
    }),
  },
  'src/app/api/custom-fields/[id]/route.ts': {
    PATCH: fixture({ params: { id: 'cf_cost_centre' }, body: { label: 'Cost centre', options: ['EU', 'US', 'APAC'], required: true } }, {
      'prisma.customField.findFirst': () => customField(),
      'prisma.customField.update': updated(customField),
    }),
    DELETE: fixture({ params: { id: 'cf_legacy' } }, {
      'prisma.customField.findFirst': () => customField({ id: 'cf_legacy', key: 'legacy_id', archivedAt: at('2025-06-01T00:00:00.000Z') }),
      'prisma.customField.delete': () => customField({ id: 'cf_legacy', key: 'legacy_id', archivedAt: at('2025-06-01T00:00:00.000Z') }),
    }),
  },
  'src/app/api/dashboard/stats/route.ts': {
    GET: fixture(undefined, {
      seatUsage: seats,
      'prisma.team.count': () => 4,
      'prisma.invitation.count': () => 2,
      'prisma.supportTicket.count': () => 1,
      'prisma.notification.count': () => 3,
      computeSummary: (_tenantId: string, days: number) => ({ days, events: 2, activeUsers: 1, topEvents: [{ name: 'page.view', count: 2 }], daily: [{ date: '2025-06-14', events: 2 }] }),
    }),
  },
  'src/app/api/departments/route.ts': {
    GET: fixture({ query: '?parentId=root' }, {
      'prisma.department.findMany': () => [DEPARTMENTS.dep_eng!(), DEPARTMENTS.dep_ops!()],
      'prisma.department.count': () => 2,
      'prisma.user.count': () => 6,
    }),
    POST: fixture({ body: { name: 'Customer Success', code: 'CS', parentId: 'dep_ops', headId: 'usr_grace', costCenter: 'CC-3100' } }, {
      'prisma.department.findFirst': byId(DEPARTMENTS),
      'prisma.user.findFirst': grace,
      'prisma.department.create': created('dep_cs'),
    }),
  },
  'src/app/api/departments/[id]/route.ts': {
    GET: fixture({ params: { id: 'dep_eng' } }, {
      'prisma.department.findFirst': byId(DEPARTMENTS),
      'prisma.user.findMany': () => [{ id: 'usr_grace', name: 'Grace Hopper', email: 'grace@acme.test', title: 'Engineer', image: null }],
      'prisma.department.findMany': () => [{ id: 'dep_platform', name: 'Platform' }],
      'prisma.user.findFirst': () => ({ id: 'usr_linus', name: 'Linus Torvalds', email: 'linus@acme.test' }),
    }),
    PATCH: fixture({ params: { id: 'dep_platform' }, body: { name: 'Platform Engineering', parentId: 'dep_eng', headId: 'usr_grace', costCenter: 'CC-1200' } }, {
      'prisma.department.findFirst': byId(DEPARTMENTS),
      'prisma.user.findFirst': grace,
      'prisma.department.update': updated(DEPARTMENTS.dep_platform!),
    }),
    DELETE: fixture({ params: { id: 'dep_archive' } }, {
      'prisma.department.findFirst': byId(DEPARTMENTS),
      'prisma.department.count': () => 0,
      'prisma.$transaction': transaction,
      'prisma.user.updateMany': counted(2),
      'prisma.department.delete': DEPARTMENTS.dep_archive!,
    }),
  },
  'src/app/api/email-templates/[key]/route.ts': {
    GET: fixture({ params: { key: 'invitation' } }, { 'prisma.emailTemplate.findUnique': emailTemplate }),
    PUT: fixture({ params: { key: 'invitation' }, body: { subject: '{{inviterName}} invited you to {{workspaceName}}', body: 'Accept within 7 days: {{link}}' } }, {
      'prisma.emailTemplate.upsert': ({ update }: { update: Record<string, unknown> }) => ({ ...emailTemplate(), ...update, updatedAt: NOW }),
    }),
    DELETE: fixture({ params: { key: 'invitation' } }, { 'prisma.emailTemplate.deleteMany': counted(1) }),
  },
  'src/app/api/feature-flags/route.ts': {
    GET: fixture(undefined, { 'prisma.featureFlag.findMany': () => [flag()] }),
    POST: fixture({ body: { key: 'new-dashboard', description: 'The redesigned home page', enabled: true, rolloutPercentage: 25 } }, {
      'prisma.featureFlag.create': created('ff_new_dashboard'),
    }),
  },
  'src/app/api/feature-flags/[key]/route.ts': {
    PATCH: fixture({ params: { key: 'custom-roles' }, body: { enabled: true, rolloutPercentage: 50, allowedUserIds: ['usr_grace'] } }, {
      'prisma.featureFlag.findUnique': flag,
      'prisma.featureFlag.update': updated(flag),
    }),
    DELETE: fixture({ params: { key: 'custom-roles' } }, { 'prisma.featureFlag.delete': flag }),
  },
  'src/app/api/integrations/route.ts': {
    GET: fixture(undefined, { 'prisma.integration.findMany': () => [integration()] }),
  },
  'src/app/api/invitations/route.ts': {
    GET: fixture({ query: '?status=all' }, {
      'prisma.invitation.findMany': () => [invitation(), invitation({ id: 'inv_old', email: 'old@acme.test', expiresAt: at('2025-06-01T00:00:00.000Z') })],
    }),
    POST: fixture({ body: { emails: ['hedy@acme.test', 'Alan@Acme.test', 'grace@acme.test'], role: 'MANAGER' } }, {
      rateLimit: allowed,
      rateLimitHeaders: () => ({ 'X-RateLimit-Remaining': '99', 'Retry-After': '3600' }),
      getTenantSettings: settings,
      seatUsage: seats,
      'prisma.tenant.findUniqueOrThrow': tenant,
      emailDomainAllowed: (email: string, domains: string[]) => domains.some((domain) => email.endsWith(`@${domain}`)),
      'prisma.user.findUnique': ({ where }: { where: { tenantId_email: { email: string } } }) => (where.tenantId_email.email === 'grace@acme.test' ? grace() : null),
      'prisma.invitation.findFirst': ({ where }: Query) => (where?.email === 'alan@acme.test' ? invitation({ id: 'inv_alan', email: 'alan@acme.test' }) : null),
      'prisma.invitation.create': created('inv_new'),
    }),
  },
  'src/app/api/invitations/[id]/route.ts': {
    DELETE: fixture({ params: { id: 'inv_hedy' } }, { 'prisma.invitation.findFirst': () => invitation(), 'prisma.invitation.update': updated(invitation) }),
  },
  'src/app/api/leave-requests/route.ts': {
    GET: fixture({ query: '?year=2025&status=pending' }, {
      'prisma.leaveRequest.findMany': () => [leave()],
      'prisma.leaveRequest.count': () => 1,
      vacationDaysTaken: () => 7,
    }),
    POST: fixture({ body: { type: 'VACATION', startDate: '2025-07-07', endDate: '2025-07-11', reason: 'Family trip' } }, {
      parseDay: (day: string) => new Date(`${day}T00:00:00Z`),
      countWorkingDays: () => 5,
      'prisma.leaveRequest.findFirst': none,
      vacationDaysTaken: () => 10,
      'prisma.leaveRequest.create': created('lv_ada_july'),
      'prisma.user.findFirst': () => ({ departmentId: 'dep_eng' }),
      'prisma.department.findFirst': () => ({ headId: 'usr_linus' }),
    }),
  },
  'src/app/api/leave-requests/[id]/route.ts': {
    PATCH: fixture({ params: { id: 'lv_grace_july' }, body: { status: 'APPROVED', note: 'Enjoy the break' } }, {
      'prisma.leaveRequest.findFirst': () => leave(),
      'prisma.leaveRequest.update': updated(leave),
    }),
  },
  'src/app/api/locations/route.ts': {
    GET: fixture({ query: '?country=fr' }, { 'prisma.location.findMany': () => [location()], 'prisma.asset.count': () => 12 }),
    POST: fixture({ body: { name: 'Berlin office', address: 'Torstraße 1', city: 'Berlin', country: 'de', timezone: 'Europe/Berlin' } }, {
      'prisma.location.findUnique': none,
      'prisma.location.create': created('loc_berlin'),
    }),
  },
  'src/app/api/notifications/[id]/route.ts': {
    PATCH: fixture({ params: { id: 'ntf_1' }, body: { read: true } }, { 'prisma.notification.updateMany': counted(1) }),
    DELETE: fixture({ params: { id: 'ntf_1' } }, { 'prisma.notification.deleteMany': counted(1) }),
  },
  'src/app/api/notifications/preferences/route.ts': {
    GET: fixture(undefined, { ...notificationTypes, 'prisma.notificationPreference.findMany': () => [preference('ticket.updated', false)] }),
    PUT: fixture({ body: { preferences: [{ type: 'ticket.updated', email: false, inApp: true }, { type: 'security.alert', email: false }, { type: 'unknown.type' }] } }, {
      ...notificationTypes,
      'prisma.notificationPreference.upsert': ({ create }: { create: Record<string, unknown> }) => ({ id: 'np_new', ...create, updatedAt: NOW }),
      'prisma.notificationPreference.findMany': () => [preference('ticket.updated', false), preference('security.alert', true)],
    }),
  },
  'src/app/api/onboarding/checklist/route.ts': {
    GET: fixture(undefined, { 'prisma.onboardingProgress.findMany': () => [{ step: 'profile', completedAt: at('2025-06-02T00:00:00.000Z') }] }),
    PATCH: fixture({ body: { step: 'branding', done: true } }, {
      'prisma.onboardingProgress.upsert': ({ create }: { create: Record<string, unknown> }) => ({ id: 'ob_branding', ...create, completedAt: NOW, createdAt: NOW }),
    }),
  },
  'src/app/api/purchase-orders/route.ts': {
    GET: fixture({ query: '?status=submitted&q=po-2025' }, { 'prisma.purchaseOrder.findMany': () => [purchaseOrder()], 'prisma.purchaseOrder.count': () => 1 }),
    POST: fixture({ body: { vendorId: 'ven_dell', currency: 'EUR', lines: [{ description: 'Latitude 7450', quantity: 3, unitPriceCents: 139900 }], notes: 'For the new hires', submit: true } }, {
      'prisma.vendor.findFirst': vendor,
      nextPurchaseOrderNumber: () => 'PO-2025-0042',
      orderTotalCents: (lines: { quantity: number; unitPriceCents: number }[]) => lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0),
      'prisma.purchaseOrder.create': created('po_new_hires'),
    }),
  },
  'src/app/api/purchase-orders/[id]/route.ts': {
    PATCH: fixture({ params: { id: 'po_laptops' }, body: { action: 'approve' } }, {
      'prisma.purchaseOrder.findFirst': () => purchaseOrder(),
      'prisma.purchaseOrder.update': updated(purchaseOrder),
    }),
  },
  'src/app/api/reports/exports/route.ts': {
    GET: fixture({ query: '?page=1' }, { 'prisma.reportExport.findMany': () => [reportExport()] }),
    POST: fixture({ body: { type: 'users', notify: true } }, {
      'prisma.reportExport.count': () => 1,
      'prisma.reportExport.create': ({ data }: Query) => ({ ...reportExport({ id: 'exp_new', status: 'QUEUED', content: null, rowCount: null, completedAt: null }), ...data, createdAt: NOW }),
      runExport: () => reportExport({ id: 'exp_new' }),
      appUrl: (path: string) => `http://localhost:3000${path}`,
    }),
  },
  'src/app/api/reports/exports/[id]/route.ts': {
    GET: fixture({ params: { id: 'exp_users' }, query: '?download=1' }, { 'prisma.reportExport.findFirst': () => reportExport() }),
  },
  'src/app/api/reports/overview/route.ts': {
    GET: fixture({ query: '?range=7d' }, {
      'prisma.user.count': () => 8,
      'prisma.supportTicket.count': () => 2,
      'prisma.invitation.count': () => 4,
      'prisma.auditLog.findMany': () => [{ createdAt: at('2025-06-13T10:00:00.000Z') }, { createdAt: at('2025-06-14T10:00:00.000Z') }, { createdAt: at('2025-06-14T11:00:00.000Z') }],
    }),
  },
  'src/app/api/roles/route.ts': {
    GET: fixture(undefined, { 'prisma.customRole.findMany': () => [customRole()], 'prisma.user.count': () => 2 }),
    POST: fixture({ body: { name: 'Auditor', description: 'Reads and exports the audit log', permissions: ['audit:view', 'audit:export', 'audit:view'] } }, {
      isFeatureEnabled: () => true,
      'prisma.customRole.create': created('role_auditor'),
    }),
  },
  'src/app/api/roles/[id]/route.ts': {
    PATCH: fixture({ params: { id: 'role_auditor' }, body: { name: ' Auditor ', permissions: ['audit:view', 'audit:export'] } }, {
      'prisma.customRole.findFirst': customRole,
      'prisma.customRole.update': updated(customRole),
    }),
    DELETE: fixture({ params: { id: 'role_auditor' } }, { 'prisma.user.count': () => 0, 'prisma.customRole.delete': customRole }),
  },
  'src/app/api/saved-views/route.ts': {
    GET: fixture({ query: '?resource=assets' }, { 'prisma.savedView.findMany': () => [savedView({ id: 'view_shared', ownerId: 'usr_linus', shared: true }), savedView()] }),
    POST: fixture({ body: { resource: 'assets', name: 'Retired laptops', filters: { status: 'RETIRED', category: 'LAPTOP' }, columns: ['assetTag', 'name'], sort: 'assetTag', shared: true } }, {
      'prisma.savedView.findUnique': none,
      'prisma.savedView.create': created('view_retired'),
    }),
  },
  'src/app/api/saved-views/[id]/route.ts': {
    PATCH: fixture({ params: { id: 'view_laptops' }, body: { name: 'Laptops by office', columns: ['assetTag', 'locationId'], shared: true } }, {
      'prisma.savedView.findFirst': () => savedView(),
      'prisma.savedView.update': updated(savedView),
    }),
    DELETE: fixture({ params: { id: 'view_laptops' } }, { 'prisma.savedView.findFirst': () => savedView(), 'prisma.savedView.delete': () => savedView() }),
  },
  'src/app/api/search/route.ts': {
    GET: fixture({ query: '?q=gr' }, {
      'prisma.user.findMany': () => [{ id: 'usr_grace', name: 'Grace Hopper', email: 'grace@acme.test' }],
      'prisma.team.findMany': () => [{ id: 'team_growth', name: 'Growth' }],
      'prisma.supportTicket.findMany': () => [{ id: 'tkt_export', subject: 'Greyed-out export button', status: 'OPEN' }],
    }),
  },
  'src/app/api/settings/route.ts': {
    GET: fixture(undefined, {
      'prisma.tenant.findUnique': () => ({ id: TENANT, name: 'Acme', slug: 'acme', domain: 'acme.test', plan: 'business' }),
      getTenantSettings: settings,
    }),
    PATCH: fixture({ body: { name: 'Acme Corporation', timezone: 'Europe/Paris', dateFormat: 'dd/MM/yyyy', allowedEmailDomains: ['acme.test', 'acme.fr'] } }, {
      'prisma.tenant.update': updated(tenant),
      'prisma.tenantSettings.upsert': ({ update }: { update: Record<string, unknown> }) => ({ ...settings(), ...update, updatedAt: NOW }),
    }),
  },
  'src/app/api/settings/branding/route.ts': {
    GET: fixture(undefined, { 'prisma.tenant.findUnique': tenant }),
    PUT: fixture({ body: { primaryColor: '#1d4ed8', logoUrl: 'https://cdn.acme.test/logo-2025.svg' } }, { 'prisma.tenant.update': updated(tenant) }),
  },
  'src/app/api/settings/webhooks/route.ts': {
    GET: fixture(undefined, { 'prisma.webhookEndpoint.findMany': () => [webhookEndpoint()] }),
    POST: fixture({ body: { url: 'https://hooks.acme.test/tickets', description: 'Ticket feed', events: ['ticket.created', 'ticket.updated'] } }, {
      generateToken: () => 'dGVzc2VyYS13ZWJob29rLXNlY3JldA',
      'prisma.webhookEndpoint.create': created('wh_tickets'),
    }),
  },
  'src/app/api/settings/webhooks/[id]/route.ts': {
    PATCH: fixture({ params: { id: 'wh_ops' }, body: { enabled: false, events: ['ticket.created', 42] } }, {
      'prisma.webhookEndpoint.findFirst': webhookEndpoint,
      'prisma.webhookEndpoint.update': updated(webhookEndpoint),
    }),
    DELETE: fixture({ params: { id: 'wh_ops' } }, { 'prisma.webhookEndpoint.deleteMany': counted(1) }),
  },
  'src/app/api/shifts/route.ts': {
    GET: fixture({ query: '?from=2025-06-16&days=7&locationId=loc_paris' }, { 'prisma.shift.findMany': () => [shift()] }),
    POST: fixture({ body: { userId: 'usr_grace', startsAt: '2025-06-17T08:00:00Z', endsAt: '2025-06-17T16:00:00Z', locationId: 'loc_paris', position: 'Front desk' } }, {
      'prisma.user.findFirst': grace,
      'prisma.location.findFirst': location,
      'prisma.shift.findFirst': none,
      'prisma.leaveRequest.findFirst': none,
      'prisma.shift.create': created('sh_grace_tue'),
    }),
  },
  'src/app/api/support/tickets/route.ts': {
    GET: fixture({ query: '?status=OPEN' }, { 'prisma.supportTicket.findMany': () => [ticket()], 'prisma.supportTicket.count': () => 1 }),
    POST: fixture({ body: { subject: 'Invoices show the wrong VAT number', body: 'Since the June run, our VAT number is missing.', priority: 'HIGH' } }, {
      rateLimit: allowed,
      'prisma.supportTicket.create': created('tkt_vat'),
    }),
  },
  'src/app/api/tags/route.ts': {
    GET: fixture(undefined, { 'prisma.tag.findMany': () => [tag()], 'prisma.asset.count': () => 3, 'prisma.contact.count': () => 1 }),
    POST: fixture({ body: { name: 'Refurbished', color: '#22c55e' } }, { 'prisma.tag.findUnique': none, 'prisma.tag.create': created('tag_refurbished') }),
  },
  'src/app/api/tags/[id]/route.ts': {
    DELETE: fixture({ params: { id: 'tag_hardware' } }, {
      'prisma.tag.findFirst': tag,
      'prisma.$transaction': transaction,
      'prisma.asset.findMany': () => [{ id: 'ast_laptop', tags: ['engineering', 'hardware'] }],
      'prisma.contact.findMany': () => [],
      'prisma.asset.update': ({ data }: Query) => ({ ...asset(), ...data }),
      'prisma.tag.delete': tag,
    }),
  },
  'src/app/api/teams/route.ts': {
    GET: fixture({ query: '?archived=true' }, {
      'prisma.team.findMany': () => [team()],
      'prisma.teamMember.findMany': () => [{ teamId: 'team_platform', userId: ADA.id }, { teamId: 'team_platform', userId: 'usr_grace' }],
    }),
    POST: fixture({ body: { name: 'Design Systems', description: 'The shared UI kit' } }, {
      'prisma.team.findUnique': none,
      'prisma.team.create': created('team_design'),
      'prisma.teamMember.create': created('tm_design_ada'),
    }),
  },
  'src/app/api/teams/[id]/route.ts': {
    GET: fixture({ params: { id: 'team_platform' } }, { 'prisma.team.findFirst': team, 'prisma.teamMember.count': () => 4 }),
    PATCH: fixture({ params: { id: 'team_platform' }, body: { name: 'Platform', description: 'Infrastructure, tooling and CI', archived: false } }, {
      'prisma.teamMember.findFirst': none,
      'prisma.team.update': updated(team),
    }),
    DELETE: fixture({ params: { id: 'team_platform' } }, { 'prisma.team.findFirst': team, 'prisma.teamMember.deleteMany': counted(4), 'prisma.team.delete': team }),
  },
  'src/app/api/teams/[id]/members/route.ts': {
    GET: fixture({ params: { id: 'team_platform' } }, {
      'prisma.team.findFirst': team,
      'prisma.teamMember.findMany': () => [teamMember(ADA.id, 'LEAD'), teamMember('usr_grace', 'MEMBER')],
      'prisma.user.findMany': () => [
        { id: ADA.id, name: ADA.name, email: ADA.email, image: null, title: 'CTO' },
        { id: 'usr_grace', name: 'Grace Hopper', email: 'grace@acme.test', image: null, title: 'Engineer' },
      ],
    }),
    POST: fixture({ params: { id: 'team_platform' }, body: { userIds: ['usr_grace', 'usr_linus', 'usr_other_tenant'], teamRole: 'MEMBER' } }, {
      'prisma.teamMember.findFirst': none,
      'prisma.team.findFirst': team,
      'prisma.user.findMany': () => [{ id: 'usr_grace' }, { id: 'usr_linus' }],
      'prisma.teamMember.findMany': () => [teamMember('usr_grace', 'MEMBER')],
      'prisma.teamMember.createMany': counted(1),
    }),
  },
  'src/app/api/teams/[id]/members/[userId]/route.ts': {
    PATCH: fixture({ params: { id: 'team_platform', userId: 'usr_grace' }, body: { role: 'LEAD' } }, {
      'prisma.teamMember.findFirst': () => teamMember('usr_grace', 'MEMBER'),
      'prisma.teamMember.update': updated(() => teamMember('usr_grace', 'MEMBER')),
    }),
    DELETE: fixture({ params: { id: 'team_platform', userId: 'usr_grace' } }, { 'prisma.teamMember.deleteMany': counted(1) }),
  },
  'src/app/api/usage/route.ts': {
    GET: fixture(undefined, {
      'prisma.tenant.findUnique': () => ({ plan: 'business' }),
      countUsage: (_tenantId: string, resource: string) => ({ seats: 12, assets: 41, customFields: 3, apiKeys: 2, webhookEndpoints: 1, exportsPerMonth: 9 })[resource] ?? 0,
      quotaLimit: (_tenantId: string, resource: string) => ({ seats: 50, assets: 5000, customFields: 100, apiKeys: 25, webhookEndpoints: 20, exportsPerMonth: 500 })[resource] ?? null,
      getPlan: () => BUSINESS_PLAN,
    }),
  },
  'src/app/api/users/route.ts': {
    GET: fixture({ query: '?search=grace&status=ACTIVE&role=MEMBER&page=1&pageSize=10' }, { 'prisma.user.findMany': () => [grace()], 'prisma.user.count': () => 1 }),
    POST: fixture({ body: { email: 'Hedy@Acme.test', name: 'Hedy Lamarr', title: 'Inventor', role: 'MANAGER', sendInvite: true } }, {
      getTenantSettings: settings,
      emailDomainAllowed: (email: string, domains: string[]) => domains.some((domain) => email.endsWith(`@${domain}`)),
      seatUsage: seats,
      'prisma.user.create': ({ data }: Query) => ({ ...user({ id: 'usr_hedy', email: 'hedy@acme.test', name: 'Hedy Lamarr', role: 'MANAGER' }), ...data, createdAt: NOW, updatedAt: NOW }),
      'prisma.invitation.create': created('inv_hedy'),
      'prisma.tenant.findUnique': tenant,
    }),
  },
  'src/app/api/users/[id]/route.ts': {
    GET: fixture({ params: { id: 'usr_grace' } }, {
      'prisma.user.findFirst': grace,
      'prisma.teamMember.findMany': () => [teamMember('usr_grace', 'MEMBER')],
      'prisma.team.findMany': () => [{ id: 'team_platform', name: 'Platform' }],
    }),
    PATCH: fixture({ params: { id: 'usr_grace' }, body: { title: 'Staff engineer', role: 'ADMIN' } }, {
      'prisma.user.findFirst': grace,
      'prisma.user.update': updated(grace),
    }),
    DELETE: fixture({ params: { id: 'usr_grace' } }, {
      'prisma.user.findFirst': grace,
      'prisma.user.count': () => 1,
      'prisma.$transaction': transaction,
      'prisma.user.update': updated(grace),
      'prisma.teamMember.deleteMany': counted(1),
      'prisma.apiKey.updateMany': counted(1),
    }),
  },
  'src/app/api/users/me/route.ts': {
    GET: fixture(undefined, {
      'prisma.tenant.findUnique': () => ({ id: TENANT, name: 'Acme', slug: 'acme', plan: 'business', logoUrl: 'https://cdn.acme.test/logo.svg' }),
      evaluateFlags: () => ({ 'custom-roles': true, 'new-dashboard': false }),
    }),
    PATCH: fixture({ body: { name: 'Ada King', title: 'CTO', locale: 'en-GB', timezone: 'Europe/London' } }, { 'prisma.user.update': updated(ada) }),
  },
  'src/app/api/vendors/route.ts': {
    GET: fixture(undefined, { 'prisma.vendor.findMany': () => [vendor()], 'prisma.purchaseOrder.count': () => 1 }),
    POST: fixture(
      { body: { name: 'Lenovo', category: 'HARDWARE', contactName: 'Sam Roe', contactEmail: 'Sam@Lenovo.example', website: 'https://www.lenovo.com', paymentTermsDays: 60 } },
      { 'prisma.vendor.create': created('ven_lenovo') },
    ),
  },
  'src/pages/api/analytics/events.ts': {
    POST: fixture({ body: { events: [{ name: 'page.view', properties: { path: '/assets' } }, { name: 'asset.opened' }, { name: 'Not An Event' }] } }, {
      rateLimit: allowed,
      'prisma.analyticsEvent.createMany': counted(2),
    }),
  },
  'src/pages/api/analytics/summary.ts': {
    GET: fixture({ query: '?days=7' }, {
      'prisma.analyticsEvent.findMany': () => [
        { name: 'page.view', userId: ADA.id, createdAt: at('2025-06-13T10:00:00.000Z') },
        { name: 'page.view', userId: 'usr_grace', createdAt: at('2025-06-14T10:00:00.000Z') },
        { name: 'asset.opened', userId: null, createdAt: at('2025-06-14T11:00:00.000Z') },
      ],
    }),
  },
  'src/pages/api/crm/contacts/index.ts': {
    GET: fixture({ query: '?search=globex&owner=me&page=1' }, { 'prisma.contact.findMany': () => [contact()], 'prisma.contact.count': () => 1 }),
    POST: fixture({ body: { name: ' Hank Scorpio ', email: 'Hank@Globex.test', phone: '+1 555 0100', company: 'Globex', tags: ['Lead', 'emea', 'lead'] } }, {
      'prisma.contact.create': created('con_hank'),
    }),
  },
  'src/pages/api/crm/contacts/[id].ts': {
    GET: fixture({ params: { id: 'con_globex' } }, { 'prisma.contact.findFirst': () => contact() }),
    PATCH: fixture({ params: { id: 'con_globex' }, body: { company: 'Globex Corporation', tags: ['customer'], ownerId: 'usr_linus' } }, {
      'prisma.contact.findFirst': () => contact(),
      'prisma.user.findFirst': linus,
      'prisma.contact.update': updated(contact),
    }),
    DELETE: fixture({ params: { id: 'con_globex' } }, { 'prisma.contact.findFirst': () => contact(), 'prisma.contact.delete': () => contact() }),
  },
  'src/pages/api/exports/users.ts': {
    // Two pages of members, then the empty page that ends the export.
    GET: fixture(undefined, {
      'prisma.user.findMany': ({ skip }: Query) =>
        skip === 0
          ? [ada(), grace()].map(({ email, name, role, status, createdAt }) => ({ email, name, role, status, createdAt }))
          : skip === 500
            ? [{ email: 'linus@acme.test', name: 'Linus Torvalds', role: 'MANAGER', status: 'ACTIVE', createdAt: at(CREATED) }]
            : [],
      toCsv: (rows: { email: string }[]) => `email\n${rows.map((row) => `${row.email}\n`).join('')}`,
      csvFilename: (kind: string) => `${kind}-2025-06-15.csv`,
    }),
  },
  'src/pages/api/onboarding/complete.ts': {
    POST: fixture({ body: { title: 'CTO', timezone: 'Europe/London', workspaceName: 'Acme Corporation' } }, {
      'prisma.user.findFirst': () => ({ ...ada(), onboardedAt: null }),
      'prisma.user.update': updated(ada),
      'prisma.tenant.update': updated(tenant),
    }),
  },
  'src/pages/api/tenant/current.ts': {
    GET: fixture(undefined, {
      'prisma.tenant.findUnique': () => ({ id: TENANT, name: 'Acme', slug: 'acme', plan: 'business', status: 'ACTIVE', logoUrl: null, primaryColor: '#0f766e' }),
      seatUsage: seats,
    }),
  },
  'src/pages/api/uploads/avatar.ts': {
    POST: fixture({ headers: { 'content-type': 'image/png' }, rawBody: '\u0089PNG\r\n\u001a\n avatar' }, { 'prisma.user.update': updated(ada) }),
  },
};
