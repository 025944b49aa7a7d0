#!/usr/bin/env node
/**
 * Seeded generator of realistic Next.js App Router route corpora: the input of the lint benchmark and of the
 * agreement tests between the rule, the codemod and the report.
 *
 * Every file is generated from its own PRNG stream, derived from (seed, index), so a corpus of N files is a prefix
 * of a corpus of N + k files with the same seed, and the same seed and count always give byte-identical output.
 * `manifest.json` records, per handler, the status the generator meant it to have and the lines of the session
 * calls it reaches: the ground truth the tools are checked against.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectFiles } from './corpus-project.mjs';
import { typedProjectFiles } from './corpus-typed.mjs';

const SELF = fileURLToPath(import.meta.url);

/** Changes whenever the generator changes, so a cached corpus is never reused across generator versions. */
export const GENERATOR_HASH = createHash('sha256')
  .update(fs.readFileSync(SELF))
  .update(fs.readFileSync(new URL('./corpus-project.mjs', import.meta.url)))
  .update(fs.readFileSync(new URL('./corpus-typed.mjs', import.meta.url)))
  .digest('hex')
  .slice(0, 16);

export const MIN_FILE_LINES = 30;
export const MAX_FILE_LINES = 250;

// ─── random numbers ─────────────────────────────────────────────────────────────────────────────────

/** mulberry32: a small, fast 32-bit PRNG; good enough for test data, and identical on every platform. */
export function mulberry32(seed) {
  let state = seed >>> 0;
  return function next() {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A well-mixed 32-bit seed for file `index` of corpus `seed`: neighbouring indexes get unrelated streams. */
export function fileSeed(seed, index) {
  let h = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * The PRNG that generates file `index` of corpus `seed`; `attempt` gives another stream for the same file when the
 * first one planned a URL an earlier file already serves.
 */
export const fileRng = (seed, index, attempt = 0) => mulberry32(fileSeed((seed + Math.imul(attempt, 0x51ed27)) >>> 0, index));

/** Fresh plans tried for a file whose URL is taken, before it moves to `/api/v2/…`. */
const URL_ATTEMPTS = 40;

/** `42` and `"42"` are the same seed; any other string is hashed (FNV-1a), so `--seed nightly` works too. */
export function normalizeSeed(seed) {
  if (typeof seed === 'number' && Number.isInteger(seed)) return seed >>> 0;
  const text = String(seed);
  if (/^\d+$/.test(text)) return Number(text) >>> 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

class Random {
  constructor(next) {
    this.next = next;
  }

  int(min, max) {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p) {
    return this.next() < p;
  }

  pick(items) {
    return items[Math.floor(this.next() * items.length)];
  }

  /** `[[value, weight], …]` → one value, with probability proportional to its weight. */
  weighted(table) {
    const total = table.reduce((sum, [, weight]) => sum + weight, 0);
    let r = this.next() * total;
    for (const [value, weight] of table) {
      r -= weight;
      if (r < 0) return value;
    }
    return table[table.length - 1][0];
  }

  sample(items, count) {
    const pool = [...items];
    const out = [];
    while (out.length < count && pool.length > 0) out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]);
    return out;
  }
}

// ─── vocabulary ─────────────────────────────────────────────────────────────────────────────────────

const DOMAINS = [
  { name: 'billing', group: '(dashboard)', resources: ['invoices', 'credit-notes', 'tax-rates', 'subscriptions', 'usage-records', 'coupons', 'quotes', 'statements'] },
  { name: 'payments', resources: ['charges', 'refunds', 'payouts', 'payment-methods', 'disputes', 'checkout-sessions', 'transfers'] },
  { name: 'projects', group: '(dashboard)', resources: ['projects', 'tasks', 'milestones', 'time-entries', 'files', 'comments', 'labels', 'boards'] },
  { name: 'teams', resources: ['members', 'invitations', 'roles', 'groups', 'seats'] },
  { name: 'admin', group: '(admin)', resources: ['tenants', 'users', 'audit-logs', 'feature-flags', 'impersonations', 'settings', 'exports'] },
  { name: 'reports', resources: ['revenue', 'utilization', 'aging', 'cohorts', 'exports', 'dashboards'] },
  { name: 'customers', resources: ['customers', 'contacts', 'notes', 'segments', 'imports'] },
  { name: 'integrations', resources: ['connections', 'slack', 'github', 'quickbooks', 'xero', 'zapier'] },
  { name: 'notifications', resources: ['notifications', 'preferences', 'channels', 'digests'] },
  { name: 'inventory', resources: ['products', 'warehouses', 'stock-movements', 'suppliers', 'purchase-orders'] },
  { name: 'support', resources: ['tickets', 'macros', 'sla-policies', 'ratings'] },
  { name: 'documents', resources: ['documents', 'templates', 'signatures', 'folders'] },
  { name: 'analytics', resources: ['events', 'funnels', 'retention', 'segments'] },
  { name: 'account', resources: ['profile', 'api-keys', 'sessions', 'mfa', 'password'] },
  { name: 'crm', group: '(dashboard)', resources: ['leads', 'deals', 'pipelines', 'activities', 'accounts', 'stages'] },
  { name: 'hr', resources: ['employees', 'time-off', 'payroll-runs', 'reviews', 'departments', 'positions'] },
  { name: 'marketing', resources: ['campaigns', 'audiences', 'emails', 'landing-pages', 'forms', 'experiments'] },
  { name: 'scheduling', resources: ['appointments', 'calendars', 'availability', 'bookings', 'rooms'] },
  { name: 'compliance', group: '(admin)', resources: ['policies', 'controls', 'evidence', 'audits', 'risks'] },
  { name: 'assets', resources: ['devices', 'licenses', 'vendors', 'contracts', 'locations'] },
  { name: 'knowledge', resources: ['articles', 'collections', 'feedback', 'drafts', 'translations'] },
  { name: 'orders', group: '(dashboard)', resources: ['orders', 'shipments', 'returns', 'carts', 'fulfillments', 'discounts'] },
  { name: 'workflows', resources: ['workflows', 'runs', 'triggers', 'steps', 'schedules'] },
  { name: 'storage', resources: ['buckets', 'uploads', 'quotas', 'shares'] },
];

/**
 * The domains of a typed corpus (`--typed`): the first twelve, 69 resources, so that its Prisma schema has the 60 to
 * 80 models of a real app rather than one per resource of all of them.
 */
const TYPED_DOMAINS = DOMAINS.slice(0, 12);

const ITEM_ACTIONS = ['archive', 'restore', 'duplicate', 'send', 'approve', 'history', 'assign', 'attachments', 'activity', 'export'];
const COLLECTION_ACTIONS = ['bulk', 'search', 'export', 'import', 'stats', 'summary'];
const WEBHOOK_PROVIDERS = [
  'stripe', 'github', 'slack', 'sendgrid', 'twilio', 'shopify', 'hubspot', 'intercom', 'docusign', 'plaid', 'postmark',
  'zoom', 'linear', 'calendly', 'mailgun', 'segment', 'paypal', 'square', 'zendesk', 'jira', 'gitlab', 'bitbucket',
  'discord', 'telegram', 'whatsapp', 'typeform',
];
const WEBHOOK_TOPICS = ['events', 'billing', 'accounts', 'messages', 'installations', 'status'];
const PUBLIC_RESOURCES = [
  'status', 'pricing', 'changelog', 'plans', 'openapi', 'locales', 'legal', 'feature-tour', 'integrations-directory',
  'templates-gallery', 'careers', 'docs-search', 'countries', 'currencies', 'timezones', 'og-image',
];
const PUBLIC_VIEWS = ['latest', 'summary', 'feed', 'rss', 'search', 'by-locale'];
const STATUSES = ['draft', 'pending', 'active', 'approved', 'archived', 'rejected'];
const HANDLER_ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Names a generated statement may declare; a resource whose name collides gets a prefix. */
const TAKEN_NAMES = new Set([
  'session', 'user', 'admin', 'ctx', 'viewer', 'member', 'tenant', 'role', 'event', 'input', 'created', 'updated',
  'page', 'export', 'import', 'signature', 'payload', 'challenge', 'slug', 'password', 'action', 'plan', 'quota',
  'subscription', 'bucket', 'text', 'optional', 'amount', 'isoDate', 'email', 'oneOf', 'validate',
  // Reserved words a resource name could become.
  'return', 'delete', 'new', 'default', 'case', 'switch', 'class', 'function', 'package', 'interface', 'public',
  'private', 'static', 'yield', 'let', 'enum', 'await', 'void', 'with', 'this', 'super', 'in', 'do', 'if', 'for',
]);

export const PUBLIC_ROUTES = [
  {
    path: '/api/webhooks/**',
    reason: 'Called by third-party providers, not by signed-in users; each handler verifies the provider signature instead.',
  },
  {
    path: '/api/public/**',
    methods: ['GET', 'HEAD', 'OPTIONS'],
    reason: 'Marketing and status data served to anonymous visitors; reads no tenant data.',
  },
  { path: '/api/auth/**', reason: "NextAuth's own sign-in, callback and session endpoints." },
];

export const CORPUS_CONFIG = {
  indirectSessionGetters: [{ name: 'requireAdmin', from: '@/lib/auth-middleware' }],
  wrappers: [{ name: 'withTenantContext', from: '@/lib/api-wrapper' }],
  contextAccessor: { name: 'requireTenantContext', from: '@/lib/tenant-utils' },
  publicRoutes: PUBLIC_ROUTES,
};

// ─── names ──────────────────────────────────────────────────────────────────────────────────────────

function singular(word) {
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(ss|ch|sh|x)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

const camel = (kebab) => kebab.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
const pascal = (kebab) => camel(kebab).replace(/^[a-z]/, (c) => c.toUpperCase());
const words = (kebab) => kebab.replace(/-/g, ' ');
const capitalize = (text) => text.charAt(0).toUpperCase() + text.slice(1);

/** `invoiceId` for invoices; `targetTenantId` where the plain name is already the caller's own `tenantId`. */
function idParamOf(resource) {
  const model = camel(singular(resource));
  return model === 'tenant' || model === 'user' ? `target${pascal(singular(resource))}Id` : `${model}Id`;
}

/**
 * The dynamic segment under a resource: `[id]` for some resources, `[invoiceId]` for others, but always the same one
 * for a given resource, since Next.js refuses sibling dynamic segments with different names.
 */
function itemParamOf(domain, resource) {
  let h = 0;
  for (const c of `${domain}/${resource}`) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h % 2 === 0 ? 'id' : idParamOf(resource);
}

/** Everything a handler needs to name its resource: table, variables, labels. */
function describeResource(resource) {
  const one = singular(resource);
  const model = camel(one);
  const variable = TAKEN_NAMES.has(model) ? `target${pascal(one)}` : model;
  const many = camel(resource) === model || TAKEN_NAMES.has(camel(resource)) ? `${model}Rows` : camel(resource);
  return { resource, model, Model: pascal(one), variable, many, label: words(one), labels: words(resource) };
}

// ─── code as lines ──────────────────────────────────────────────────────────────────────────────────

/** A generated line; `site` marks the line of a session call so the manifest can give its line number. */
const line = (text, site) => (site === undefined ? text : { text, site });
const textOf = (item) => (typeof item === 'string' ? item : item.text);

function indent(items, depth = 1) {
  const pad = '  '.repeat(depth);
  return items.map((item) => {
    const text = textOf(item);
    const padded = text === '' ? '' : pad + text;
    return typeof item === 'string' ? padded : { ...item, text: padded };
  });
}

// ─── the route file ─────────────────────────────────────────────────────────────────────────────────

/** Imports of one file, rendered in a stable order: packages first, then project modules. */
class ImportSet {
  constructor() {
    this.modules = new Map();
  }

  entry(module) {
    let entry = this.modules.get(module);
    if (!entry) {
      entry = { defaultLocal: null, named: new Map(), namespace: null, typeOnly: new Map() };
      this.modules.set(module, entry);
    }
    return entry;
  }

  named(module, name, alias = name) {
    this.entry(module).named.set(name, alias);
  }

  type(module, name) {
    this.entry(module).typeOnly.set(name, name);
  }

  namespace(module, local) {
    this.entry(module).namespace = local;
  }

  defaultImport(module, local) {
    this.entry(module).defaultLocal = local;
  }

  render() {
    const rank = (m) => (m.startsWith('node:') ? 0 : m.startsWith('@/') || m.startsWith('.') ? 2 : 1);
    const modules = [...this.modules.keys()].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
    const out = [];
    for (const module of modules) {
      const { defaultLocal, named, namespace, typeOnly } = this.modules.get(module);
      if (defaultLocal) out.push(`import ${defaultLocal} from '${module}'`);
      if (namespace) out.push(`import * as ${namespace} from '${module}'`);
      const specifiers = [...named].map(([name, alias]) => (alias === name ? name : `${name} as ${alias}`));
      if (specifiers.length > 0) {
        specifiers.push(...[...typeOnly.keys()].map((t) => `type ${t}`));
        out.push(`import { ${specifiers.join(', ')} } from '${module}'`);
      } else if (typeOnly.size > 0) {
        out.push(`import type { ${[...typeOnly.keys()].join(', ')} } from '${module}'`);
      }
    }
    return out;
  }
}

const SESSION_IMPORT_STYLES = [
  ['named', 78],
  ['aliased', 8],
  ['namespace', 7],
  ['next-auth-next', 7],
];

/**
 * Per-handler weights in files outside publicRoutes. Public files (~5% of files) and CORS preflights make up the rest,
 * which lands near 60% direct, 10% helpers, 8% requireAdmin(), 10% wrapped, 2% partial, 5% public or no session.
 */
const HANDLER_STYLES = [
  ['direct', 60],
  ['helper', 10],
  ['admin', 6.5],
  ['migrated', 10],
  ['partial', 2.5],
  ['unwrapped', 2.5],
];

/**
 * The manifest's `style` of a handler and the status it implies: `direct` reads the session itself, `helper` through
 * a chain of same-file functions, `admin` through requireAdmin(); `migrated` is wrapped and uses the context
 * accessor, `partial` is wrapped but still reads the session; `unwrapped` trusts a tenant slug from the request,
 * `options` answers CORS preflights; `public` and `nextauth` live under publicRoutes.
 */
export const STATUS_OF_STYLE = {
  direct: 'unmigrated',
  helper: 'unmigrated',
  admin: 'unmigrated',
  migrated: 'migrated',
  partial: 'partial',
  unwrapped: 'unwrapped',
  options: 'unwrapped',
  public: 'public',
  nextauth: 'public',
};

/**
 * One route file in the making: the plan (path, methods, styles), the imports and module-level pieces its
 * handlers need, and the handlers themselves, grown block by block until the file reaches its line budget.
 */
class RouteFile {
  constructor(rng, plan, typed = false) {
    this.rng = rng;
    this.plan = plan;
    this.typed = typed;
    this.imports = new ImportSet();
    this.pieces = new Map();
    this.handlers = [];
    this.exportLists = [];
    this.segmentConfig = [];
    this.sites = 0;
    this.idioms = new Set();
    this.helperChain = null;
    this.sessionImport = rng.weighted(SESSION_IMPORT_STYLES);
    this.relativeLib = rng.chance(0.08);
    this.wrapperAlias = rng.chance(0.05) ? rng.pick(['withTenant', 'tenantRoute', 'withTenantScope']) : null;
    this.getterAlias = rng.pick(['getSession', 'getAuthSession', 'readSession']);
    if (this.relativeLib) this.idioms.add('relative-import');
  }

  nextSite() {
    return this.sites++;
  }

  /** `@/lib/x`, or the same module as a relative path from this file. */
  lib(name) {
    if (!this.relativeLib) return `@/lib/${name}`;
    const depth = this.plan.file.split('/').length - 1;
    return `${'../'.repeat(depth)}lib/${name}`;
  }

  piece(key, build) {
    if (!this.pieces.has(key)) this.pieces.set(key, build());
    return key;
  }

  /** The text of a call that reads the session, importing the getter the way this file does. */
  sessionCall() {
    this.imports.named(this.lib('auth'), 'authOptions');
    switch (this.sessionImport) {
      case 'aliased':
        this.imports.named('next-auth', 'getServerSession', this.getterAlias);
        this.idioms.add('aliased-import');
        return `${this.getterAlias}(authOptions)`;
      case 'namespace':
        this.imports.namespace('next-auth', 'NextAuth');
        this.idioms.add('namespace-import');
        return 'NextAuth.getServerSession(authOptions)';
      case 'next-auth-next':
        this.imports.named('next-auth/next', 'getServerSession');
        this.idioms.add('next-auth-next');
        return 'getServerSession(authOptions)';
      default:
        this.imports.named('next-auth', 'getServerSession');
        return 'getServerSession(authOptions)';
    }
  }

  sessionType() {
    if (this.sessionImport === 'namespace') {
      this.imports.namespace('next-auth', 'NextAuth');
      return 'NextAuth.Session';
    }
    this.imports.type('next-auth', 'Session');
    return 'Session';
  }

  wrapperName() {
    const local = this.wrapperAlias ?? 'withTenantContext';
    this.imports.named(this.lib('api-wrapper'), 'withTenantContext', local);
    if (this.wrapperAlias) this.idioms.add('aliased-wrapper');
    return local;
  }

  server(...names) {
    for (const name of names) this.imports.named('next/server', name);
  }

  db() {
    this.imports.named(this.lib('db'), 'db');
    return 'db';
  }

  render() {
    const out = [...this.imports.render()];
    if (this.segmentConfig.length > 0) out.push('', ...this.segmentConfig);
    for (const items of this.pieces.values()) out.push('', ...items);
    for (const handler of this.handlers) out.push('', ...renderHandler(this, handler));
    for (const list of this.exportLists) out.push('', list);
    return out;
  }

  lineCount() {
    return this.render().length;
  }
}

// ─── plans ──────────────────────────────────────────────────────────────────────────────────────────

function paramsFor(names, catchAll) {
  if (names.length === 0) return null;
  const fields = names.map((n) => (catchAll && n === names[names.length - 1] ? `${n}: string[]` : `${n}: string`));
  return { names, type: `{ ${fields.join('; ')} }` };
}

/** Where the file lives and what it serves: URL shape, subject resource, dynamic params, methods. */
function planRoute(rng, index, apiVersion, domains = DOMAINS) {
  if (index === 0) {
    return {
      kind: 'nextauth',
      segments: ['api', 'auth', '[...nextauth]'],
      group: null,
      methods: ['GET', 'POST'],
      subject: describeResource('sessions'),
      params: null,
      public: true,
    };
  }
  if (rng.chance(0.05)) return planPublicRoute(rng, apiVersion);

  const domain = rng.pick(domains);
  const resource = rng.pick(domain.resources);
  const shape = rng.weighted([
    ['collection', 30],
    ['item', 30],
    ['item-action', 15],
    ['collection-action', 10],
    ['nested-item', 12],
    ['catch-all', 3],
  ]);
  const paramName = itemParamOf(domain.name, resource);
  const segments = ['api', domain.name, resource];
  let subject = describeResource(resource);
  const params = [];
  let action = null;
  switch (shape) {
    case 'item':
      segments.push(`[${paramName}]`);
      params.push(paramName);
      break;
    case 'item-action':
      action = rng.pick(ITEM_ACTIONS);
      segments.push(`[${paramName}]`, action);
      params.push(paramName);
      break;
    case 'collection-action':
      action = rng.pick(COLLECTION_ACTIONS);
      segments.push(action);
      break;
    case 'nested-item': {
      const others = domain.resources.filter((r) => r !== resource);
      const child = rng.pick(others);
      const parentParam = itemParamOf(domain.name, resource);
      const childParam = parentParam === idParamOf(child) ? 'childId' : idParamOf(child);
      segments.push(`[${parentParam}]`, child, `[${childParam}]`);
      params.push(parentParam, childParam);
      subject = { ...describeResource(child), parentParam, parentField: idParamOf(resource) };
      break;
    }
    case 'catch-all':
      segments.push('browse', '[...path]');
      params.push('path');
      break;
    default:
      break;
  }
  if (apiVersion) segments.splice(1, 0, `v${apiVersion}`);
  const pool = {
    collection: ['GET', 'POST', 'DELETE', 'HEAD'],
    item: ['GET', 'PATCH', 'DELETE', 'PUT', 'HEAD'],
    'item-action': ['POST', 'GET', 'DELETE'],
    'collection-action': ['search', 'export', 'stats', 'summary'].includes(action) ? ['GET', 'HEAD', 'POST'] : ['POST', 'GET'],
    'nested-item': ['GET', 'PATCH', 'DELETE', 'PUT'],
    'catch-all': ['GET', 'POST'],
  }[shape];
  const count = rng.weighted([
    [1, 35],
    [2, 35],
    [3, 20],
    [4, 10],
  ]);
  const methods = [pool[0], ...rng.sample(pool.slice(1), count - 1)];
  if (rng.chance(0.06)) methods.push('OPTIONS');
  return {
    kind: 'app',
    shape,
    action,
    domain: domain.name,
    segments,
    group: domain.group && rng.chance(0.5) ? domain.group : null,
    methods: sortMethods(methods),
    subject,
    params: paramsFor(params, shape === 'catch-all'),
    public: false,
  };
}

function planPublicRoute(rng, apiVersion) {
  const webhook = rng.chance(0.7);
  const segments = webhook
    ? ['api', 'webhooks', rng.pick(WEBHOOK_PROVIDERS)]
    : ['api', 'public', rng.pick(PUBLIC_RESOURCES)];
  if (rng.chance(0.6)) segments.push(rng.pick(webhook ? WEBHOOK_TOPICS : PUBLIC_VIEWS));
  // Public URL globs cover anything below these prefixes, so versions go last to keep them public.
  if (apiVersion) segments.push(`v${apiVersion}`);
  const methods = webhook
    ? sortMethods(rng.chance(0.25) ? ['POST', 'GET'] : ['POST'])
    : sortMethods(['GET', ...(rng.chance(0.2) ? ['HEAD'] : []), ...(rng.chance(0.15) ? ['OPTIONS'] : [])]);
  return {
    kind: webhook ? 'webhook' : 'public',
    provider: webhook ? segments[2] : null,
    segments,
    group: webhook && rng.chance(0.4) ? '(integrations)' : null,
    methods,
    subject: describeResource(webhook ? 'events' : 'plans'),
    params: null,
    public: true,
  };
}

const sortMethods = (methods) => [...new Set(methods)].sort((a, b) => HANDLER_ORDER.indexOf(a) - HANDLER_ORDER.indexOf(b));

// ─── handlers ───────────────────────────────────────────────────────────────────────────────────────

/** The signature of a handler function, with the route params in the style this handler uses. */
function signature(file, handler) {
  const { params } = file.plan;
  if (handler.method === 'OPTIONS') return '()';
  if (!params) return '(req: NextRequest)';
  switch (handler.paramsStyle) {
    case 'sync':
      return `(req: NextRequest, { params }: { params: ${params.type} })`;
    case 'context':
      return `(req: NextRequest, context: { params: Promise<${params.type}> })`;
    default:
      return `(req: NextRequest, { params }: { params: Promise<${params.type}> })`;
  }
}

function paramsLine(file, handler) {
  const { params } = file.plan;
  if (!params || handler.method === 'OPTIONS') return [];
  const names = `{ ${params.names.join(', ')} }`;
  switch (handler.paramsStyle) {
    case 'sync':
      return [`const ${names} = params`];
    case 'context':
      return [`const ${names} = await context.params`];
    default:
      return [`const ${names} = await params`];
  }
}

function renderHandler(file, handler) {
  const body = [...handler.prologue, ...paramsLine(file, handler), ...handler.blocks.flatMap((b) => b.lines), ...handler.finish()];
  const sig = signature(file, handler);
  const async = handler.method === 'OPTIONS' ? '' : 'async ';
  const doc = handler.doc ? [`/** ${handler.doc} */`] : [];
  const name = handler.method;
  switch (handler.form) {
    case 'arrow':
      return [...doc, `export const ${name} = ${async}${sig} => {`, ...indent(body), '}'];
    case 'function-expression':
      return [...doc, `export const ${name} = ${async}function ${handler.fnName ?? ''}${sig} {`, ...indent(body), '}'];
    case 'wrapped':
      return [...doc, `export const ${name} = ${handler.wrapOpen}${async}${sig} => {`, ...indent(body), `}${handler.wrapClose}`];
    case 'wrapped-named':
      return [
        `${async}function ${handler.fnName}${sig} {`,
        ...indent(body),
        '}',
        '',
        ...doc,
        `export const ${name} = ${handler.wrapOpen}${handler.fnName}${handler.wrapClose}`,
      ];
    case 'shared':
      return renderSharedHandler(file, handler);
    default:
      return [...doc, `export ${async}function ${name}${sig} {`, ...indent(body), '}'];
  }
}

/** One function serving several methods through `export { handler as GET, handler as POST }`. */
function renderSharedHandler(file, handler) {
  const sig = signature(file, handler);
  const cases = handler.cases.flatMap((c) => [
    `case '${c.method}': {`,
    ...indent([...c.blocks.flatMap((b) => b.lines), ...c.finish()]),
    '}',
  ]);
  const body = [
    ...handler.prologue,
    ...paramsLine(file, handler),
    'switch (req.method) {',
    ...indent([...cases, 'default:', "  return NextResponse.json({ error: 'Method not allowed' }, { status: 405 })"]),
    '}',
  ];
  if (handler.wrapOpen) {
    return [`const handler = ${handler.wrapOpen}async ${sig} => {`, ...indent(body), `}${handler.wrapClose}`];
  }
  return [`async function handler${sig} {`, ...indent(body), '}'];
}

/** The first statements of a handler: how it learns who is calling, ending with `tenantId` and friends in scope. */
function buildPrologue(file, handler) {
  const { rng } = file;
  const sites = [];
  const unauthorized = "return NextResponse.json({ error: 'Unauthorized' }, { status: 401 })";
  file.server('NextResponse');
  let items;
  let provides = ['tenantId', 'userId', 'role'];
  switch (handler.style) {
    case 'direct': {
      const site = file.nextSite();
      sites.push(site);
      const call = file.sessionCall();
      const variant = rng.weighted([
        ['standard', 45],
        ['any-cast', 20],
        ['try-catch', 10],
        ['typed', 10],
        ['destructured', 15],
      ]);
      if (variant === 'try-catch') {
        file.idioms.add('try-catch-session');
        items = [
          `let session: ${file.sessionType()} | null = null`,
          'try {',
          line(`  session = await ${call}`, site),
          '} catch (err) {',
          "  console.error('Session lookup failed', err)",
          "  return NextResponse.json({ error: 'Authentication is unavailable' }, { status: 503 })",
          '}',
          'if (!session?.user) {',
          `  ${unauthorized}`,
          '}',
          'const tenantId = session.user.tenantId',
          'const userId = session.user.id',
          'const role = session.user.role',
        ];
      } else if (variant === 'typed') {
        items = [
          line(`const session = (await ${call}) as ${file.sessionType()} | null`, site),
          `if (!session?.user?.tenantId) ${unauthorized}`,
          'const { tenantId, id: userId, role } = session.user',
        ];
      } else if (variant === 'destructured') {
        items = [
          line(`const session = await ${call}`, site),
          'if (!session?.user) {',
          `  ${unauthorized}`,
          '}',
          'const { user } = session',
          'const tenantId = user.tenantId',
          'const userId = user.id',
          "const role = user.role ?? 'member'",
        ];
      } else if (variant === 'any-cast') {
        file.idioms.add('as-any-tenant');
        items = [
          line(`const session = await ${call}`, site),
          `if (!session?.user) ${unauthorized}`,
          'const tenantId = (session.user as any).tenantId as string',
          'const userId = (session.user as any).id as string',
          "const role = ((session.user as any).role ?? 'member') as string",
        ];
      } else {
        items = [
          line(`const session = await ${call}`, site),
          'if (!session?.user) {',
          `  ${unauthorized}`,
          '}',
          'const tenantId = session.user.tenantId',
          'const userId = session.user.id',
          'const role = session.user.role',
        ];
      }
      break;
    }
    case 'helper': {
      const chain = helperChain(file);
      sites.push(chain.site);
      file.idioms.add(`helper-chain-${chain.depth}`);
      items = [
        `const viewer = await ${chain.entry}(${chain.needsRequest ? 'req' : ''})`,
        'if (!viewer) {',
        `  ${unauthorized}`,
        '}',
        'const { tenantId, userId, role } = viewer',
      ];
      break;
    }
    case 'admin': {
      const site = file.nextSite();
      sites.push(site);
      const module = file.lib('auth-middleware');
      file.imports.named(module, 'requireAdmin');
      if (rng.chance(0.6)) {
        file.imports.named(module, 'authErrorResponse');
        file.imports.type(module, 'CurrentUser');
        items = [
          'let admin: CurrentUser',
          'try {',
          line('  admin = await requireAdmin()', site),
          '} catch (err) {',
          '  return authErrorResponse(err)',
          '}',
        ];
      } else {
        items = [line('const admin = await requireAdmin()', site)];
      }
      items.push('const tenantId = admin.tenantId', 'const userId = admin.id', 'const role = admin.role');
      break;
    }
    case 'migrated':
    case 'partial': {
      file.imports.named(file.lib('tenant-utils'), 'requireTenantContext');
      items = rng.chance(0.6)
        ? ['const ctx = requireTenantContext()', 'const { tenantId, userId, role } = ctx']
        : ['const { tenantId, userId, role } = requireTenantContext()'];
      if (handler.style === 'partial') {
        if (rng.chance(0.3)) {
          const chain = helperChain(file);
          sites.push(chain.site);
          items.push(
            `const viewer = await ${chain.entry}(${chain.needsRequest ? 'req' : ''})`,
            "const notifyEmail = viewer ? `${viewer.userId}@users.invalid` : null",
          );
        } else {
          const site = file.nextSite();
          sites.push(site);
          items.push(
            '// The tenant context carries no e-mail address yet, so this still asks NextAuth for it.',
            line(`const session = await ${file.sessionCall()}`, site),
            'const notifyEmail = session?.user?.email ?? null',
          );
        }
        handler.outputs.push('notifyEmail');
      }
      break;
    }
    case 'unwrapped': {
      items = [
        "const slug = req.nextUrl.searchParams.get('tenant') ?? req.headers.get('x-tenant-slug')",
        'if (!slug) {',
        "  return NextResponse.json({ error: 'tenant is required' }, { status: 400 })",
        '}',
        `const tenantRecord = await ${file.db()}.tenant.findFirst({ where: { slug } })`,
        'if (!tenantRecord) {',
        "  return NextResponse.json({ error: 'Unknown tenant' }, { status: 404 })",
        '}',
        'const tenantId = tenantRecord.id',
        "const userId = 'anonymous'",
      ];
      provides = ['tenantId', 'userId'];
      break;
    }
    case 'public':
      ({ items, provides } = publicPrologue(file, handler, sites));
      break;
    default:
      throw new Error(`no prologue for style ${handler.style}`);
  }
  return { items, sites, provides };
}

/** The same-module helpers that read the session, created once per file: 1 to 3 functions deep. */
function helperChain(file) {
  if (file.helperChain) return file.helperChain;
  const { rng } = file;
  const depth = rng.weighted([
    [1, 50],
    [2, 35],
    [3, 15],
  ]);
  const site = file.nextSite();
  const call = file.sessionCall();
  const reader = rng.pick(['getSessionUser', 'getCurrentTenantUser', 'loadViewer', 'currentMember']);
  const arrow = rng.chance(0.3);
  const open = arrow ? `const ${reader} = async () => {` : `async function ${reader}() {`;
  file.piece('helper-1', () => [
    '/** The signed-in user of the active tenant, or null. */',
    open,
    line(`  const session = await ${call}`, site),
    '  if (!session?.user?.tenantId) return null',
    '  return {',
    '    tenantId: session.user.tenantId,',
    '    userId: session.user.id,',
    "    role: session.user.role ?? 'member',",
    '  }',
    '}',
  ]);
  let entry = reader;
  let needsRequest = false;
  if (depth >= 2) {
    file.piece('helper-2', () => [
      "const MEMBER_ROLES: readonly string[] = ['owner', 'admin', 'member']",
      '',
      `async function requireMember(allowed: readonly string[] = MEMBER_ROLES) {`,
      `  const member = await ${reader}()`,
      '  if (!member || !allowed.includes(member.role)) return null',
      '  return member',
      '}',
    ]);
    entry = 'requireMember';
  }
  if (depth >= 3) {
    file.server('NextRequest');
    file.piece('helper-3', () => [
      '/** The member plus the workspace the request is scoped to (header set by the dashboard). */',
      'async function resolveScope(req: NextRequest) {',
      '  const member = await requireMember()',
      '  if (!member) return null',
      "  const workspaceId = req.headers.get('x-workspace-id') ?? member.tenantId",
      '  return { ...member, workspaceId }',
      '}',
    ]);
    entry = 'resolveScope';
    needsRequest = true;
  }
  file.helperChain = { depth, site, entry, needsRequest };
  return file.helperChain;
}

function publicPrologue(file, handler, sites) {
  const { plan, rng } = file;
  if (plan.kind === 'webhook' && handler.method === 'POST') {
    const provider = plan.provider;
    const secret = `${provider.toUpperCase()}_WEBHOOK_SECRET`;
    file.imports.named('node:crypto', 'createHmac');
    file.imports.named('node:crypto', 'timingSafeEqual');
    const events = ['created', 'updated', 'deleted', 'completed', 'failed'].map((e) => `${rng.pick(['invoice', 'payment', 'customer', 'account', 'message'])}.${e}`);
    const uniqueEvents = [...new Set(events)];
    return {
      provides: ['tenantId', 'userId'],
      items: [
        `const signatureHeader = req.headers.get('x-${provider}-signature')`,
        'if (!signatureHeader) {',
        "  return NextResponse.json({ error: 'Missing signature' }, { status: 400 })",
        '}',
        'const rawBody = await req.text()',
        `const expected = createHmac('sha256', process.env.${secret} ?? '').update(rawBody).digest('hex')`,
        'if (expected.length !== signatureHeader.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(signatureHeader))) {',
        "  return NextResponse.json({ error: 'Invalid signature' }, { status: 401 })",
        '}',
        'const hook = JSON.parse(rawBody) as { id: string; type: string; account?: string; data: Record<string, any> }',
        "const tenantId = String(hook.account ?? hook.data.tenantId ?? '')",
        `const userId = 'webhook:${provider}'`,
        'switch (hook.type) {',
        ...uniqueEvents.flatMap((type, i) => [
          `  case '${type}':`,
          `    await ${file.db()}.${type.split('.')[0]}.updateMany({ where: { tenantId, externalId: hook.data.id }, data: { status: '${STATUSES[i % STATUSES.length]}', syncedAt: new Date().toISOString() } })`,
          '    break',
        ]),
        '  default:',
        `    console.info(\`Ignoring ${provider} event \${hook.type}\`)`,
        '}',
      ],
    };
  }
  if (plan.kind === 'webhook') {
    return {
      provides: [],
      terminal: true,
      items: [
        "const challenge = req.nextUrl.searchParams.get('challenge')",
        "if (!challenge) return NextResponse.json({ error: 'Missing challenge' }, { status: 400 })",
        "return new NextResponse(challenge, { headers: { 'Content-Type': 'text/plain' } })",
      ],
    };
  }
  if (plan.kind === 'nextauth') return { provides: [], items: [] };
  const items = [
    "const locale = req.nextUrl.searchParams.get('locale') ?? 'en'",
    `const plans = await ${file.db()}.plan.findMany({ where: { published: true, locale }, orderBy: { position: 'asc' } })`,
  ];
  if (rng.chance(0.25)) {
    // A public page that greets signed-in visitors: it reads the session, and is still public.
    const site = file.nextSite();
    sites.push(site);
    file.idioms.add('public-optional-session');
    items.push(line(`const visitor = await ${file.sessionCall()}`, site));
    handler.outputs.push('signedIn: Boolean(visitor?.user)');
  }
  handler.outputs.push('plans');
  return { provides: [], items };
}

// ─── business logic blocks ──────────────────────────────────────────────────────────────────────────

const FIELD_CHECKS = [
  ['name', 'text(120)'],
  ['title', 'text(200)'],
  ['description', 'optional(text(2000))'],
  ['status', `oneOf(${STATUSES.slice(0, 4).map((s) => `'${s}'`).join(', ')})`],
  ['amountCents', 'amount'],
  ['currency', "oneOf('USD', 'EUR', 'GBP')"],
  ['dueAt', 'optional(isoDate)'],
  ['email', 'optional(email)'],
  ['quantity', 'amount'],
  ['notes', 'optional(text(500))'],
  ['ownerId', 'optional(text(64))'],
  ['priority', "oneOf('low', 'normal', 'high', 'urgent')"],
];

/** The inline, zod-like validation kit every file that parses a body shares. */
function validationKit(file) {
  return file.piece('validation', () => [
    'type FieldCheck = (value: unknown) => string | null',
    '',
    'const text = (max: number): FieldCheck => (value) =>',
    "  typeof value === 'string' && value.trim().length > 0 && value.length <= max ? null : `must be a string of 1 to ${max} characters`",
    'const optional = (check: FieldCheck): FieldCheck => (value) => (value === undefined ? null : check(value))',
    "const amount: FieldCheck = (value) => (Number.isInteger(value) && (value as number) >= 0 ? null : 'must be a non-negative integer')",
    "const isoDate: FieldCheck = (value) => (typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? null : 'must be an ISO date')",
    "const email: FieldCheck = (value) => (typeof value === 'string' && /^[^\\s@]+@[^\\s@]+$/.test(value) ? null : 'must be an e-mail address')",
    'const oneOf = (...options: string[]): FieldCheck => (value) =>',
    "  typeof value === 'string' && options.includes(value) ? null : `must be one of ${options.join(', ')}`",
    '',
    'function validate(input: unknown, shape: Record<string, FieldCheck>) {',
    '  const data: Record<string, unknown> = {}',
    '  const errors: Record<string, string> = {}',
    "  const source = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {}",
    '  for (const [field, check] of Object.entries(shape)) {',
    '    const problem = check(source[field])',
    '    if (problem) errors[field] = `${field} ${problem}`',
    '    else if (source[field] !== undefined) data[field] = source[field]',
    '  }',
    '  return { data, errors }',
    '}',
  ]);
}

function shapeFor(file, handler) {
  const { subject } = file.plan;
  const verb = { POST: 'create', PUT: 'replace', PATCH: 'update' }[handler.method] ?? 'update';
  const name = `${verb}${subject.Model}Shape`;
  validationKit(file);
  file.piece(`shape:${name}`, () => {
    const fields = file.rng.sample(FIELD_CHECKS, file.rng.int(3, 6));
    const check = (c) => (handler.method === 'PATCH' && !c.startsWith('optional') ? `optional(${c})` : c);
    return [`const ${name}: Record<string, FieldCheck> = {`, ...fields.map(([f, c]) => `  ${f}: ${check(c)},`), '}'];
  });
  return name;
}

function whereOne(file) {
  const { params, subject } = file.plan;
  const id = params ? params.names[params.names.length - 1] : 'id';
  const { parentField, parentParam } = subject;
  const parent = !parentParam ? '' : parentField === parentParam ? `, ${parentField}` : `, ${parentField}: ${parentParam}`;
  return `{ id: ${id}, tenantId${parent} }`;
}

/** Blocks every handler of a given shape and method starts with: the request's actual purpose. */
function coreBlocks(file, handler) {
  const { plan } = file;
  const s = plan.subject;
  const db = file.db();
  const itemRoute = plan.shape === 'item' || plan.shape === 'nested-item' || plan.shape === 'item-action';
  const blocks = file.typed ? [policyBlock(file, handler)] : [];
  const fetchOne = () => ({
    name: 'fetch-one',
    lines: [
      `const ${s.variable} = await ${db}.${s.model}.findFirst({ where: ${whereOne(file)} })`,
      `if (!${s.variable}) {`,
      `  return NextResponse.json({ error: '${capitalize(s.label)} not found' }, { status: 404 })`,
      '}',
    ],
  });
  const validateBody = () => {
    const shape = shapeFor(file, handler);
    return {
      name: 'validate',
      lines: [
        'const json = await req.json().catch(() => null)',
        `const { data: input, errors } = validate(json, ${shape})`,
        'if (Object.keys(errors).length > 0) {',
        "  return NextResponse.json({ error: 'Invalid request body', details: errors }, { status: 422 })",
        '}',
      ],
    };
  };
  if (plan.shape === 'catch-all') {
    blocks.push({
      name: 'catch-all',
      lines: [
        "const [section = 'overview', ...rest] = path",
        'let view: Record<string, unknown>',
        'switch (section) {',
        "  case 'overview':",
        `    view = { count: await ${db}.${s.model}.count({ where: { tenantId } }) }`,
        '    break',
        "  case 'recent':",
        `    view = { items: await ${db}.${s.model}.findMany({ where: { tenantId }, orderBy: { createdAt: 'desc' }, take: 10 }) }`,
        '    break',
        '  default:',
        "    return NextResponse.json({ error: `Unknown section ${[section, ...rest].join('/')}` }, { status: 404 })",
        '}',
      ],
      outputs: ['section', 'view'],
    });
    return blocks;
  }
  switch (handler.method) {
    case 'GET':
      if (itemRoute) {
        blocks.push({ ...fetchOne(), outputs: [s.variable] });
        if (plan.shape === 'item-action') blocks.push(historyBlock(file));
      } else if (plan.action === 'export') {
        blocks.push(csvBlock(file));
      } else if (plan.action === 'stats' || plan.action === 'summary') {
        blocks.push(aggregateBlock(file));
      } else {
        blocks.push(listBlock(file, plan.action === 'search'));
      }
      break;
    case 'HEAD':
      if (itemRoute) {
        blocks.push(fetchOne());
        handler.finishWith = [`return new NextResponse(null, { status: 200, headers: { 'Last-Modified': String(${s.variable}.updatedAt ?? '') } })`];
      } else {
        blocks.push({ name: 'count', lines: [`const total = await ${db}.${s.model}.count({ where: { tenantId } })`] });
        handler.finishWith = ["return new NextResponse(null, { status: 200, headers: { 'X-Total-Count': String(total) } })"];
      }
      break;
    case 'POST':
      if (plan.shape === 'item-action') {
        blocks.push(fetchOne(), actionBlock(file));
      } else if (plan.action === 'bulk' || plan.action === 'import') {
        blocks.push(bulkBlock(file));
      } else {
        blocks.push(validateBody(), {
          name: 'create',
          lines: [
            `const created = await ${db}.${s.model}.create({`,
            '  data: {',
            '    ...input,',
            '    tenantId,',
            ...(handler.provides.includes('userId') ? ['    createdBy: userId,'] : []),
            '    createdAt: new Date().toISOString(),',
            '  },',
            '})',
          ],
          outputs: ['created'],
          status: 201,
        });
      }
      break;
    case 'PUT':
    case 'PATCH':
      blocks.push(itemRoute ? fetchOne() : null, validateBody(), {
        name: 'update',
        lines: [
          `const updated = await ${db}.${s.model}.update({`,
          `  where: { id: ${itemRoute ? `${s.variable}.id` : 'String(input.id)'} },`,
          `  data: { ...input, updatedAt: new Date().toISOString()${handler.provides.includes('userId') ? ', updatedBy: userId' : ''} },`,
          '})',
        ],
        outputs: ['updated'],
      });
      break;
    case 'DELETE':
      if (itemRoute) {
        blocks.push(fetchOne(), {
          name: 'remove',
          lines: [
            `await ${db}.${s.model}.delete({ where: { id: ${s.variable}.id } })`,
          ],
        });
      } else {
        blocks.push(bulkDeleteBlock(file));
      }
      handler.finishWith = ['return new NextResponse(null, { status: 204 })'];
      break;
    default:
      break;
  }
  return blocks.filter(Boolean);
}

/** In a typed corpus, every handler first asks the lib module of its resource whether the tenant may do this. */
function policyBlock(file, handler) {
  const { plan } = file;
  const policy = `${plan.subject.model}Policy`;
  file.imports.named(file.lib(`${plan.domain}/${plan.subject.resource}`), policy);
  return {
    name: 'policy',
    lines: [
      `const denied = await ${policy}.check(tenantId, '${handler.method}')`,
      'if (denied) {',
      '  return NextResponse.json({ error: denied.message }, { status: denied.status })',
      '}',
    ],
  };
}

function listBlock(file, search) {
  const s = file.plan.subject;
  const mapped = file.rng.chance(0.5);
  if (mapped) dtoMapper(file);
  return {
    name: 'list',
    lines: [
      'const search = req.nextUrl.searchParams',
      "const limit = Math.min(Math.max(Number(search.get('limit') ?? 25), 1), 100)",
      "const cursor = search.get('cursor')",
      "const status = search.get('status')",
      ...(search ? ["const q = (search.get('q') ?? '').trim()"] : []),
      `const ${s.many} = await ${file.db()}.${s.model}.findMany({`,
      `  where: { tenantId, ...(status ? { status } : {})${search ? ", ...(q ? { name: { contains: q, mode: 'insensitive' } } : {})" : ''} },`,
      "  orderBy: { createdAt: search.get('sort') === 'oldest' ? 'asc' : 'desc' },",
      '  take: limit + 1,',
      '  ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),',
      '})',
      `const hasMore = ${s.many}.length > limit`,
      `const items = ${s.many}.slice(0, limit)${mapped ? `.map(to${s.Model}Dto)` : ''}`,
      'const nextCursor = hasMore ? items[items.length - 1]?.id ?? null : null',
    ],
    outputs: ['data: items', 'nextCursor', 'hasMore'],
  };
}

function dtoMapper(file) {
  const s = file.plan.subject;
  const base = `/api/${file.plan.segments.slice(1, 3).join('/')}`;
  return file.piece(`dto:${s.Model}`, () => [
    `function to${s.Model}Dto(row: Record<string, any>) {`,
    '  return {',
    '    id: row.id as string,',
    "    status: row.status ?? 'draft',",
    `    displayName: \`\${row.name ?? row.title ?? row.id} (\${row.status ?? 'draft'})\`,`,
    "    amount: row.amountCents === undefined ? null : { cents: row.amountCents, currency: row.currency ?? 'USD' },",
    `    links: { self: \`${base}/\${row.id}\` },`,
    '    createdAt: row.createdAt,',
    '    updatedAt: row.updatedAt ?? row.createdAt,',
    '  }',
    '}',
  ]);
}

function csvBlock(file) {
  const s = file.plan.subject;
  return {
    name: 'csv',
    lines: [
      `const exportRows = await ${file.db()}.${s.model}.findMany({ where: { tenantId }, orderBy: { createdAt: 'desc' }, take: 5000 })`,
      // Typed rows have no index signature, so a typed corpus names its columns as literals.
      `const columns = ['id', 'status', 'amountCents', 'currency', 'createdAt']${file.typed ? ' as const' : ''}`,
      "const csvLines = [columns.join(',')]",
      'for (const row of exportRows) {',
      "  csvLines.push(columns.map((column) => JSON.stringify(row[column] ?? '')).join(','))",
      '}',
    ],
    finish: [
      "return new NextResponse(csvLines.join('\\n'), {",
      '  headers: {',
      "    'Content-Type': 'text/csv; charset=utf-8',",
      `    'Content-Disposition': \`attachment; filename="${s.resource}-\${tenantId}.csv"\`,`,
      '  },',
      '})',
    ],
  };
}

function aggregateBlock(file) {
  const s = file.plan.subject;
  return {
    name: 'aggregate',
    lines: [
      `const recent = await ${file.db()}.${s.model}.findMany({ where: { tenantId }, take: 1000 })`,
      'const byStatus: Record<string, { count: number; amountCents: number }> = {}',
      'let grandTotalCents = 0',
      'for (const row of recent) {',
      "  const bucket = (byStatus[row.status ?? 'unknown'] ??= { count: 0, amountCents: 0 })",
      '  bucket.count += 1',
      '  bucket.amountCents += row.amountCents ?? 0',
      '  grandTotalCents += row.amountCents ?? 0',
      '}',
    ],
    outputs: ['byStatus', 'grandTotalCents'],
  };
}

function historyBlock(file) {
  const s = file.plan.subject;
  return {
    name: 'history',
    lines: [
      `const history = await ${file.db()}.auditLog.findMany({`,
      `  where: { tenantId, target: \`${s.model}:\${${s.variable}.id}\` },`,
      "  orderBy: { at: 'desc' },",
      '  take: 50,',
      '})',
      'const timeline = history.map((entry) => ({',
      '  at: entry.at,',
      '  actor: entry.actorId,',
      "  summary: `${entry.action.replace(/[._]/g, ' ')} by ${entry.actorName ?? entry.actorId}`,",
      '}))',
    ],
    outputs: ['timeline'],
  };
}

const ACTION_TARGET_STATUS = {
  archive: 'archived',
  restore: 'active',
  duplicate: 'draft',
  send: 'sent',
  approve: 'approved',
  assign: 'assigned',
};

function actionTransitions(s, action) {
  return [
    "  case 'archived':",
    `    return NextResponse.json({ error: 'Archived ${s.labels} cannot be changed; restore them first' }, { status: 409 })`,
    "  case 'draft':",
    "  case 'pending':",
    `    nextStatus = '${ACTION_TARGET_STATUS[action]}'`,
    '    break',
    '  default:',
    `    nextStatus = ${s.variable}.status`,
    '}',
  ];
}

function actionBlock(file) {
  const s = file.plan.subject;
  const action = ACTION_TARGET_STATUS[file.plan.action] ? file.plan.action : 'archive';
  const result = `${camel(action)}Result`;
  return {
    name: 'action',
    lines: [
      'let nextStatus: string',
      `switch (${s.variable}.status) {`,
      ...(action === 'restore'
        ? [
            "  case 'archived':",
            "    nextStatus = 'active'",
            '    break',
            '  default:',
            `    return NextResponse.json({ error: 'Only archived ${s.labels} can be restored' }, { status: 409 })`,
            '}',
          ]
        : actionTransitions(s, action)),
      `const ${result} = await ${file.db()}.${s.model}.update({`,
      `  where: { id: ${s.variable}.id },`,
      `  data: { status: nextStatus, lastAction: '${action}', lastActionAt: new Date().toISOString() },`,
      '})',
    ],
    outputs: [`result: ${result}`],
  };
}

function bulkBlock(file) {
  const s = file.plan.subject;
  return {
    name: 'bulk',
    lines: [
      "const batch = (await req.json().catch(() => null)) as { items?: Array<Record<string, unknown>> } | null",
      'if (!Array.isArray(batch?.items) || batch.items.length === 0 || batch.items.length > 500) {',
      "  return NextResponse.json({ error: 'items must be an array of 1 to 500 rows' }, { status: 400 })",
      '}',
      'const failures: Array<{ index: number; reason: string }> = []',
      'let written = 0',
      'for (const [index, row] of batch.items.entries()) {',
      "  if (typeof row.name !== 'string' || row.name.length === 0) {",
      "    failures.push({ index, reason: 'name is required' })",
      '    continue',
      '  }',
      `  await ${file.db()}.${s.model}.upsert({`,
      '    where: { tenantId_externalId: { tenantId, externalId: String(row.externalId ?? row.name) } },',
      '    create: { ...row, tenantId },',
      '    update: { ...row },',
      '  })',
      '  written++',
      '}',
    ],
    outputs: ['written', 'failures'],
  };
}

function bulkDeleteBlock(file) {
  const s = file.plan.subject;
  return {
    name: 'bulk-delete',
    lines: [
      "const ids = (req.nextUrl.searchParams.get('ids') ?? '').split(',').filter(Boolean)",
      'if (ids.length === 0) {',
      "  return NextResponse.json({ error: 'ids is required' }, { status: 400 })",
      '}',
      `await ${file.db()}.${s.model}.deleteMany({ where: { tenantId, id: { in: ids } } })`,
    ],
  };
}

/** Optional blocks that make handlers longer and varied; each may appear once per handler. */
const EXTRA_BLOCKS = [
  {
    name: 'role-guard',
    needs: ['role'],
    applies: (h) => WRITE_METHODS.has(h.method),
    build: (file) => [
      "if (!['owner', 'admin'].includes(role)) {",
      `  return NextResponse.json({ error: 'Only owners and admins can change ${file.plan.subject.labels}' }, { status: 403 })`,
      '}',
    ],
    early: true,
  },
  {
    name: 'plan-limit',
    needs: ['tenantId'],
    applies: (h) => h.method === 'POST' && h.style !== 'public',
    build: (file) => {
      const s = file.plan.subject;
      file.piece('plan-limits', () => [
        'const PLAN_LIMITS: Record<string, number> = { free: 10, starter: 100, growth: 1000, scale: 10000 }',
      ]);
      return [
        `const existingCount = await ${file.db()}.${s.model}.count({ where: { tenantId } })`,
        "const subscription = await db.subscription.findFirst({ where: { tenantId }, select: { planId: true } })",
        "const planId = subscription?.planId ?? 'free'",
        'const limit = PLAN_LIMITS[planId] ?? 10',
        'if (existingCount >= limit) {',
        `  return NextResponse.json({ error: \`The \${planId} plan allows \${limit} ${s.labels}\` }, { status: 402 })`,
        '}',
      ];
    },
    early: true,
    conflicts: ['list'],
  },
  {
    name: 'date-range',
    needs: [],
    applies: (h) => h.method === 'GET',
    build: () => [
      "const from = new Date(req.nextUrl.searchParams.get('from') ?? Date.now() - 30 * 86_400_000)",
      "const to = new Date(req.nextUrl.searchParams.get('to') ?? Date.now())",
      'if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from > to) {',
      "  return NextResponse.json({ error: 'from must be a date before to' }, { status: 400 })",
      '}',
      'const days: string[] = []',
      'for (const day = new Date(from); day <= to; day.setUTCDate(day.getUTCDate() + 1)) {',
      '  days.push(day.toISOString().slice(0, 10))',
      '}',
    ],
    outputs: ['range: { from: from.toISOString(), to: to.toISOString(), days: days.length }'],
    early: true,
  },
  {
    name: 'etag',
    needs: ['tenantId'],
    applies: (h) => h.method === 'GET',
    build: (file) => [
      `const latest = await ${file.db()}.${file.plan.subject.model}.aggregate({ where: { tenantId }, _max: { updatedAt: true } })`,
      'const etag = `W/"${tenantId}-${latest._max?.updatedAt ?? 0}"`',
      "if (req.headers.get('if-none-match') === etag) {",
      '  return new NextResponse(null, { status: 304 })',
      '}',
    ],
    early: true,
  },
  {
    name: 'related',
    needs: ['tenantId'],
    applies: (h) => h.method === 'GET',
    build: (file) => [
      "const includeIds = (req.nextUrl.searchParams.get('include') ?? '').split(',').filter(Boolean).slice(0, 20)",
      'const related = await Promise.all(',
      '  includeIds.map(async (relatedId) => {',
      `    const row = await ${file.db()}.comment.findFirst({ where: { id: relatedId, tenantId } })`,
      "    return row ? { id: row.id, kind: 'comment', label: `${row.title ?? row.id} (${row.authorName ?? 'unknown'})` } : null",
      '  }),',
      ')',
    ],
    outputs: ['related: related.filter(Boolean)'],
  },
  {
    name: 'audit',
    needs: ['tenantId', 'userId'],
    applies: (h) => WRITE_METHODS.has(h.method),
    build: (file, h) => {
      const s = file.plan.subject;
      const verb = { POST: 'created', PUT: 'replaced', PATCH: 'updated', DELETE: 'deleted' }[h.method];
      return [
        `await ${file.db()}.auditLog.create({`,
        '  data: {',
        '    tenantId,',
        '    actorId: userId,',
        `    action: '${s.model}.${verb}',`,
        `    target: \`${s.model}:\${${file.plan.params ? file.plan.params.names[file.plan.params.names.length - 1] : 'tenantId'}}\`,`,
        "    ip: req.headers.get('x-forwarded-for')?.split(',')[0]?.trim() ?? null,",
        '    at: new Date().toISOString(),',
        '  },',
        '})',
      ];
    },
  },
  {
    name: 'notify',
    needs: ['tenantId', 'userId'],
    applies: (h) => h.method === 'POST' || h.method === 'PATCH',
    build: (file) => {
      const s = file.plan.subject;
      return [
        `const recipients = await ${file.db()}.membership.findMany({ where: { tenantId, role: { in: ['owner', 'admin'] } } })`,
        'for (const recipient of recipients) {',
        '  if (recipient.userId === userId) continue',
        `  await db.notification.create({`,
        '    data: {',
        '      tenantId,',
        '      userId: recipient.userId,',
        `      kind: '${s.model}.changed',`,
        `      title: \`${/^[aeiou]/.test(s.label) ? 'An' : 'A'} ${s.label} was changed by \${userId}\`,`,
        '      read: false,',
        '    },',
        '  })',
        '}',
      ];
    },
  },
  {
    name: 'summary-switch',
    needs: ['tenantId'],
    applies: (h) => h.method === 'GET',
    build: (file) => [
      "const period = req.nextUrl.searchParams.get('period') ?? 'month'",
      'let bucketMs: number',
      'switch (period) {',
      "  case 'day':",
      '    bucketMs = 86_400_000',
      '    break',
      "  case 'week':",
      '    bucketMs = 7 * 86_400_000',
      '    break',
      "  case 'quarter':",
      '    bucketMs = 91 * 86_400_000',
      '    break',
      '  default:',
      '    bucketMs = 30 * 86_400_000',
      '}',
      `const windowRows = await ${file.db()}.${file.plan.subject.model}.findMany({ where: { tenantId, createdAt: { gte: new Date(Date.now() - bucketMs * 12).toISOString() } } })`,
      'const series = new Map<number, number>()',
      'for (const row of windowRows) {',
      '  const bucket = Math.floor(Date.parse(row.createdAt) / bucketMs) * bucketMs',
      '  series.set(bucket, (series.get(bucket) ?? 0) + 1)',
      '}',
    ],
    outputs: ['period', 'series: Object.fromEntries(series)'],
  },
  {
    name: 'session-recheck',
    needs: ['role'],
    early: true,
    applies: (h) => h.style === 'direct' && WRITE_METHODS.has(h.method) && h.rechecksSession,
    build: (file, h, owner) => {
      const site = file.nextSite();
      owner.sites.push(site);
      file.idioms.add('second-session-read');
      return [
        '// Long-running change: make sure the caller still holds the same role before committing.',
        line(`const fresh = await ${file.sessionCall()}`, site),
        'if (fresh?.user?.role !== role) {',
        "  return NextResponse.json({ error: 'Your role changed; reload and try again' }, { status: 409 })",
        '}',
      ];
    },
  },
];

function newHandler(file, method, style) {
  const { rng } = file;
  const handler = {
    method,
    style,
    form: 'function',
    paramsStyle: rng.weighted([
      ['promise', 80],
      ['sync', 10],
      ['context', 10],
    ]),
    prologue: [],
    blocks: [],
    outputs: [],
    provides: [],
    sites: [],
    doc: null,
    finishWith: null,
    status: 200,
    // A few long-running writes read the session a second time; most handlers never do.
    rechecksSession: rng.chance(0.08),
  };
  if (file.plan.params) file.idioms.add(`params-${handler.paramsStyle}`);
  handler.finish = () => {
    for (const block of handler.blocks) if (block.finish) return block.finish;
    if (handler.finishWith) return handler.finishWith;
    const outputs = [...handler.outputs, ...handler.blocks.flatMap((b) => b.outputs ?? [])];
    const payload = outputs.length > 0 ? `{ ${outputs.join(', ')} }` : '{ ok: true }';
    return [`return NextResponse.json(${payload}${handler.status !== 200 ? `, { status: ${handler.status} }` : ''})`];
  };
  return handler;
}

function setupForm(file, handler) {
  const { rng } = file;
  if (handler.style === 'migrated' || handler.style === 'partial') {
    const wrap = file.wrapperName();
    const form = rng.weighted([
      ['inline', 75],
      ['rate-limited', 10],
      ['rate-limited-inner', 5],
      ['named', 10],
    ]);
    handler.form = form === 'named' ? 'wrapped-named' : 'wrapped';
    if (form === 'rate-limited' || form === 'rate-limited-inner') {
      file.imports.named(file.lib('rate-limit'), 'withRateLimit');
      file.idioms.add('composed-wrapper');
      const limits = `{ capacity: ${rng.pick([5, 10, 20, 60])}, refillPerSecond: ${rng.pick([0.5, 1, 2])} }`;
      handler.wrapOpen = form === 'rate-limited' ? `withRateLimit(${wrap}(` : `${wrap}(withRateLimit(`;
      handler.wrapClose = form === 'rate-limited' ? `), ${limits})` : `, ${limits}))`;
    } else {
      handler.wrapOpen = `${wrap}(`;
      handler.wrapClose = ')';
    }
    if (form === 'named') {
      file.idioms.add('wrapped-named-function');
      const verb = { GET: 'get', HEAD: 'head', POST: 'create', PUT: 'replace', PATCH: 'update', DELETE: 'delete' }[handler.method];
      handler.fnName = `${verb}${handler.method === 'GET' && !file.plan.params ? pascal(file.plan.subject.resource) : file.plan.subject.Model}`;
    }
    return;
  }
  handler.form = rng.weighted([
    ['function', 75],
    ['arrow', 15],
    ['function-expression', 10],
  ]);
  if (handler.form === 'function-expression') {
    file.idioms.add('function-expression');
    handler.fnName = rng.chance(0.5) ? handler.method : '';
  }
  if (handler.form === 'arrow') file.idioms.add('arrow-const');
}

const DOCS = {
  GET: (s) => `Lists ${s.labels} of the active tenant.`,
  POST: (s) => `Creates a ${s.label} in the active tenant.`,
  PATCH: (s) => `Updates a ${s.label}; fields left out keep their value.`,
  PUT: (s) => `Replaces a ${s.label}.`,
  DELETE: (s) => `Deletes ${s.labels} of the active tenant.`,
  HEAD: (s) => `Cheap existence check for ${s.labels}.`,
};

function buildHandler(file, method, style) {
  const handler = newHandler(file, method, style);
  if (style === 'options') {
    handler.form = 'function';
    handler.finishWith = [
      'return new NextResponse(null, {',
      '  status: 204,',
      '  headers: {',
      "    'Access-Control-Allow-Origin': process.env.APP_ORIGIN ?? '*',",
      `    'Access-Control-Allow-Methods': '${file.plan.methods.join(', ')}',`,
      "    'Access-Control-Allow-Headers': 'Content-Type, Authorization',",
      '  },',
      '})',
    ];
    file.server('NextResponse');
    return handler;
  }
  file.server('NextRequest', 'NextResponse');
  setupForm(file, handler);
  const prologue = buildPrologue(file, handler);
  handler.prologue = prologue.items;
  handler.sites.push(...prologue.sites);
  handler.provides = prologue.provides;
  if (prologue.terminal) {
    handler.finishWith = [];
    return handler;
  }
  if (style !== 'public') handler.blocks.push(...coreBlocks(file, handler));
  if (file.rng.chance(0.3) && DOCS[method]) handler.doc = DOCS[method](file.plan.subject);
  for (const block of handler.blocks) if (block.status) handler.status = block.status;
  return handler;
}

/** A handler body for `export { handler as GET, handler as POST }`: one prologue, one case per method. */
function buildSharedHandler(file, methods, style) {
  const handler = newHandler(file, methods[0], style);
  file.server('NextRequest', 'NextResponse');
  file.idioms.add('export-specifiers');
  if (style === 'migrated') {
    const wrap = file.wrapperName();
    handler.wrapOpen = `${wrap}(`;
    handler.wrapClose = ')';
  }
  handler.form = 'shared';
  const prologue = buildPrologue(file, handler);
  handler.prologue = prologue.items;
  handler.sites.push(...prologue.sites);
  handler.provides = prologue.provides;
  handler.cases = methods.map((method) => {
    const c = newHandler(file, method, style);
    c.provides = handler.provides;
    c.blocks.push(...coreBlocks(file, c));
    for (const block of c.blocks) if (block.status) c.status = block.status;
    return c;
  });
  file.exportLists.push(`export { ${methods.map((m) => `handler as ${m}`).join(', ')} }`);
  return handler;
}

function chooseStyle(file, method, previous) {
  if (method === 'OPTIONS') return 'options';
  if (file.plan.public) return 'public';
  if (previous && file.rng.chance(0.6)) return previous;
  const boost = file.plan.domain === 'admin' ? 4 : 1;
  return file.rng.weighted(HANDLER_STYLES.map(([style, w]) => [style, style === 'admin' ? w * boost : w]));
}

function addSegmentConfig(file) {
  const { rng } = file;
  if (rng.chance(0.25)) {
    file.segmentConfig.push("export const dynamic = 'force-dynamic'");
    file.idioms.add('segment-config');
  }
  if (rng.chance(0.1)) file.segmentConfig.push("export const runtime = 'nodejs'");
  if (rng.chance(0.05)) file.segmentConfig.push('export const revalidate = 0');
  if (rng.chance(0.05)) file.segmentConfig.push(`export const maxDuration = ${rng.pick([10, 30, 60])}`);
}

/** `app/api/auth/[...nextauth]/route.ts`, with the sign-in throttle many apps put in front of NextAuth. */
function buildNextAuthRoute(file) {
  file.imports.defaultImport('next-auth', 'NextAuth');
  file.imports.named(file.lib('auth'), 'authOptions');
  file.server('NextRequest', 'NextResponse');
  file.pieces.set('nextauth', [
    '// Sign-in, callback, CSRF and session endpoints are all served by NextAuth itself.',
    'const nextAuthHandler = NextAuth(authOptions)',
    '',
    "const BLOCKED_NETWORKS = (process.env.AUTH_BLOCKED_NETWORKS ?? '').split(',').map((n) => n.trim()).filter(Boolean)",
    'const attempts = new Map<string, { count: number; windowStart: number }>()',
    '',
    '/** Throttles credential sign-ins per address before NextAuth sees them. */',
    'async function handler(req: NextRequest, context: { params: Promise<{ nextauth: string[] }> }) {',
    '  const { nextauth } = await context.params',
    "  const ip = req.headers.get('x-forwarded-for')?.split(',')[0]?.trim() ?? 'unknown'",
    '  if (BLOCKED_NETWORKS.some((prefix) => ip.startsWith(prefix))) {',
    "    return NextResponse.json({ error: 'Sign-in is not available from this network' }, { status: 403 })",
    '  }',
    "  if (req.method === 'POST' && nextauth[0] === 'callback') {",
    '    const now = Date.now()',
    '    const entry = attempts.get(ip) ?? { count: 0, windowStart: now }',
    '    if (now - entry.windowStart > 15 * 60_000) {',
    '      entry.count = 0',
    '      entry.windowStart = now',
    '    }',
    '    entry.count += 1',
    '    attempts.set(ip, entry)',
    '    if (entry.count > 10) {',
    "      return NextResponse.json({ error: 'Too many sign-in attempts; try again later' }, { status: 429 })",
    '    }',
    '  }',
    '  return nextAuthHandler(req, context)',
    '}',
  ]);
  file.exportLists.push('export { handler as GET, handler as POST }');
  file.idioms.add('export-specifiers');
}

/** Grows handlers with optional blocks, and the file with padding, until it reaches its line budget. */
function fillToBudget(file, target) {
  const { rng } = file;
  const growable = file.handlers.flatMap((h) => (h.form === 'shared' ? h.cases.map((c) => ({ owner: h, h: c })) : [{ owner: h, h }]))
    .filter(({ h }) => h.style !== 'options' && h.finishWith?.length !== 0);
  let misses = 0;
  while (growable.length > 0 && file.lineCount() < target && misses < 12) {
    const { owner, h } = rng.pick(growable);
    const provides = owner.provides;
    const used = new Set(h.blocks.map((b) => b.name));
    const candidates = EXTRA_BLOCKS.filter(
      (b) => !used.has(b.name) && b.applies(h) && b.needs.every((n) => provides.includes(n)) && !(b.conflicts ?? []).some((c) => used.has(c)),
    );
    if (candidates.length === 0) {
      misses++;
      continue;
    }
    const spec = rng.pick(candidates);
    const before = file.lineCount();
    const sitesBefore = owner.sites.length;
    const piecesBefore = new Set(file.pieces.keys());
    const block = { name: spec.name, lines: spec.build(file, h, owner), outputs: spec.outputs };
    if (spec.early) {
      const core = h.blocks.findIndex((b) => b.name !== 'validate' && b.name !== 'fetch-one');
      h.blocks.splice(core === -1 ? h.blocks.length : core, 0, block);
    } else {
      h.blocks.push(block);
    }
    if (file.lineCount() > Math.min(target + 8, MAX_FILE_LINES)) {
      h.blocks.splice(h.blocks.indexOf(block), 1);
      owner.sites.length = sitesBefore;
      for (const key of [...file.pieces.keys()]) if (!piecesBefore.has(key)) file.pieces.delete(key);
      misses++;
    } else if (file.lineCount() === before) {
      misses++;
    }
  }
  for (let i = 0; file.lineCount() < MIN_FILE_LINES; i++) {
    file.pieces.set(`padding-${i}`, [
      '/** Messages shown to API clients, kept in one place so support can find them. */',
      `const MESSAGES_${i} = {`,
      "  unauthorized: 'Sign in to continue.',",
      "  forbidden: 'Your role does not allow this action.',",
      "  notFound: 'Nothing was found at this address.',",
      "  conflict: 'Someone else changed this first; reload and try again.',",
      "  rateLimited: 'Too many requests; wait a moment.',",
      '} as const',
    ]);
  }
}

// ─── public API ─────────────────────────────────────────────────────────────────────────────────────

/**
 * Generates route file `index` from `rng` (a `() => number` in [0, 1), e.g. `fileRng(seed, index)`).
 * Pure: returns `{ file, urlPath, code, handlers, idioms, calling }`, where `file` is the project-relative path and
 * each handler is `{ name, status, style, sessionCallLines }`; `calling` is what a test of the route needs. `apiVersion`
 * moves the route under `/api/v<n>` (or, for public routes, to a `v<n>` suffix) when another file already serves its
 * URL. `typed` draws the route from the typed domains, and has each app handler ask its resource's policy first.
 */
export function generateRouteFile(rng, index, { apiVersion, typed = false } = {}) {
  const random = rng instanceof Random ? rng : new Random(rng);
  const plan = planRoute(random, index, apiVersion, typed ? TYPED_DOMAINS : DOMAINS);
  const dirs = ['app', ...(plan.group ? [plan.group] : []), ...plan.segments];
  plan.file = [...dirs, 'route.ts'].join('/');
  const file = new RouteFile(random, plan, typed);
  // How a test calls each handler: OPTIONS takes nothing, the others the request and maybe the route params.
  const callOf = (method, handler) => (method === 'OPTIONS' ? 'none' : !plan.params ? 'request' : handler.paramsStyle === 'sync' ? 'sync' : 'promise');

  const entries = [];
  if (plan.kind === 'nextauth') {
    buildNextAuthRoute(file);
    for (const method of plan.methods) entries.push({ name: method, style: 'nextauth', sites: [], call: 'promise' });
  } else {
    addSegmentConfig(file);
    const methods = plan.methods.filter((m) => m !== 'OPTIONS');
    const shared = !plan.public && methods.length >= 2 && plan.shape !== 'catch-all' && random.chance(0.05);
    if (shared) {
      const style = random.weighted([
        ['direct', 60],
        ['helper', 12],
        ['admin', 8],
        ['migrated', 12],
      ]);
      const handler = buildSharedHandler(file, methods, style);
      file.handlers.push(handler);
      for (const method of methods) entries.push({ name: method, style, sites: handler.sites, call: callOf(method, handler) });
    }
    let previous = null;
    for (const method of plan.methods) {
      if (shared && method !== 'OPTIONS') continue;
      const style = chooseStyle(file, method, previous);
      if (style !== 'options') previous = style;
      const handler = buildHandler(file, method, style);
      file.handlers.push(handler);
      entries.push({ name: method, style, sites: handler.sites, call: callOf(method, handler) });
    }
    const target = MIN_FILE_LINES + Math.floor((MAX_FILE_LINES - MIN_FILE_LINES) * random.next() ** 1.6);
    fillToBudget(file, target);
  }

  const rendered = file.render();
  const siteLines = new Map();
  rendered.forEach((item, i) => {
    if (typeof item !== 'string') siteLines.set(item.site, i + 1);
  });
  const code = `${rendered.map(textOf).join('\n')}\n`;
  const order = (name) => HANDLER_ORDER.indexOf(name);
  const handlers = entries
    .sort((a, b) => order(a.name) - order(b.name))
    .map(({ name, style, sites }) => ({
      name,
      status: plan.public ? 'public' : STATUS_OF_STYLE[style],
      style,
      sessionCallLines: [...new Set(sites.map((s) => siteLines.get(s)))].sort((a, b) => a - b),
    }));
  return {
    file: plan.file,
    urlPath: `/${plan.segments.join('/')}`,
    code,
    lines: rendered.length,
    handlers,
    idioms: [...file.idioms].sort(),
    // What the tests of a typed corpus need to know about the route; not part of the manifest.
    calling: {
      domain: plan.kind === 'app' ? plan.domain : null,
      resource: plan.kind === 'app' ? plan.subject.resource : null,
      params: plan.params && { names: plan.params.names, catchAll: plan.shape === 'catch-all' },
      handlers: handlers.map((h) => ({ name: h.name, status: h.status, call: entries.find((e) => e.name === h.name).call })),
    },
  };
}

/** Generates a whole corpus in memory: `{ files: Map<path, text>, manifest }`. No file system access. */
/** The domains of a typed corpus as its schema generator takes them: each resource with its model and names. */
function typedDomains() {
  return TYPED_DOMAINS.map((domain) => ({
    name: domain.name,
    resources: domain.resources.map((resource) => ({ ...describeResource(resource), idParam: idParamOf(resource), plural: camel(resource) })),
  }));
}

/**
 * Generates a whole corpus in memory: `{ files: Map<path, text>, manifest }`. No file system access. `typed` makes
 * the app of the typecheck benchmark: routes of the first twelve domains, each asking its resource's lib module for
 * a policy, around a generated Prisma client, typed lib modules and tests (see corpus-typed.mjs).
 */
export function generateCorpusFiles({ seed = 42, files = 2000, typed = false, prisma = false } = {}) {
  const normalizedSeed = normalizeSeed(seed);
  const out = new Map();
  const routes = [];
  const calling = [];
  const taken = new Set();
  for (let index = 0; index < files; index++) {
    // Next.js rejects two routes that differ only in the names of their dynamic segments, so compare without them.
    const urlKey = (url) => url.replace(/\[[^\]]*\]/g, '[]');
    let route = generateRouteFile(fileRng(normalizedSeed, index), index, { typed });
    for (let attempt = 1; attempt < URL_ATTEMPTS && taken.has(urlKey(route.urlPath)); attempt++) {
      route = generateRouteFile(fileRng(normalizedSeed, index, attempt), index, { typed });
    }
    for (let version = 2; taken.has(urlKey(route.urlPath)); version++) {
      route = generateRouteFile(fileRng(normalizedSeed, index), index, { apiVersion: version, typed });
    }
    taken.add(urlKey(route.urlPath));
    out.set(route.file, route.code);
    routes.push({ file: route.file, urlPath: route.urlPath, lines: route.lines, idioms: route.idioms, handlers: route.handlers });
    calling.push({ index, file: route.file, urlPath: route.urlPath, ...route.calling });
  }
  const project = projectFiles(CORPUS_CONFIG);
  for (const [file, text] of Object.entries(project)) out.set(file, text);
  if (prisma && !typed) out.set('prisma/schema.prisma', plainSchema([...out.values()]));
  let typedApp = null;
  if (typed) {
    const app = typedProjectFiles({ domains: typedDomains(), routes: calling, tsconfig: JSON.parse(project['tsconfig.json']) });
    for (const [file, text] of app.files) out.set(file, text);
    typedApp = { ...app.stats, libModules: [...out.keys()].filter((file) => file.startsWith('lib/')).length };
  }

  const byStatus = {};
  const byStyle = {};
  let handlers = 0;
  let expectedFindings = 0;
  for (const route of routes) {
    const reported = new Set();
    for (const h of route.handlers) {
      handlers++;
      byStatus[h.status] = (byStatus[h.status] ?? 0) + 1;
      byStyle[h.style] = (byStyle[h.style] ?? 0) + 1;
      if (h.status === 'unmigrated') for (const l of h.sessionCallLines) reported.add(l);
    }
    expectedFindings += reported.size;
  }
  const manifest = {
    generator: 'tenant-isolation bench corpus',
    generatorHash: GENERATOR_HASH,
    seed: normalizedSeed,
    files,
    ...(typed ? { typed: true, typedApp } : {}),
    ...(prisma && !typed ? { prisma: true } : {}),
    config: 'tenant-isolation.config.json',
    totals: { handlers, byStatus: sortKeys(byStatus), byStyle: sortKeys(byStyle), expectedFindings },
    routes,
  };
  out.set('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  return { files: out, manifest };
}

/** Models every tenant can see: no tenant field. */
const GLOBAL_MODELS = new Set(['tenant', 'plan']);

/**
 * The Prisma schema of a plain corpus (`--prisma`): a model for every delegate its routes call (`db.invoice.…`), each
 * with a tenant field and a relation to Tenant, except the global ones; the query-scoping check reads it.
 */
function plainSchema(texts) {
  const delegates = new Set(['tenant']);
  for (const text of texts) for (const match of text.matchAll(/\bdb\.([a-z][A-Za-z0-9]*)\.[a-zA-Z]+\(/g)) delegates.add(match[1]);
  const name = (delegate) => delegate.charAt(0).toUpperCase() + delegate.slice(1);
  const scoped = [...delegates].filter((d) => !GLOBAL_MODELS.has(d)).sort();
  const out = ['generator client {', '  provider = "prisma-client-js"', '}', '', 'datasource db {', '  provider = "postgresql"', '  url      = env("DATABASE_URL")', '}'];
  out.push('', 'model Tenant {', '  id   String @id @default(cuid())', '  slug String @unique', ...scoped.map((d) => `  ${d}s ${name(d)}[]`), '}');
  if (delegates.has('plan')) out.push('', 'model Plan {', '  id        String  @id @default(cuid())', '  published Boolean @default(false)', '  locale    String', '  position  Int', '}');
  for (const d of scoped) {
    out.push(
      '',
      `model ${name(d)} {`,
      '  id         String   @id @default(cuid())',
      '  tenantId   String',
      '  tenant     Tenant   @relation(fields: [tenantId], references: [id])',
      '  externalId String?',
      '  status     String   @default("draft")',
      '  createdAt  DateTime @default(now())',
      '  updatedAt  DateTime @updatedAt',
      '',
      '  @@index([tenantId, createdAt])',
      '}',
    );
  }
  return `${out.join('\n')}\n`;
}

const sortKeys = (object) => Object.fromEntries(Object.entries(object).sort(([a], [b]) => (a < b ? -1 : 1)));

/** Writes a corpus to `dir`, replacing an earlier corpus there; refuses any other non-empty directory. */
export function generateCorpus({ seed = 42, files = 2000, typed = false, prisma = false, dir }) {
  if (!dir) throw new Error('generateCorpus: `dir` is required');
  const target = path.resolve(dir);
  if (fs.existsSync(target) && fs.readdirSync(target).length > 0) {
    if (!isCorpusDir(target)) {
      throw new Error(`${target} is not empty and holds no generated corpus (no manifest.json); choose an empty or new directory`);
    }
    fs.rmSync(target, { recursive: true, force: true });
  }
  const { files: contents, manifest } = generateCorpusFiles({ seed, files, typed, prisma });
  for (const [file, text] of contents) {
    const full = path.join(target, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text);
  }
  return { dir: target, manifest };
}

function readManifest(dir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  } catch {
    return null;
  }
}

function isCorpusDir(dir) {
  return readManifest(dir)?.generator === 'tenant-isolation bench corpus';
}

/**
 * The corpus for (seed, files) under `root`, generated only when missing or made by another generator version:
 * `<root>/seed-<seed>-files-<files>`, or `…-typed` for a typed corpus.
 */
export function ensureCorpus({ seed = 42, files = 2000, typed = false, prisma = false, root }) {
  const normalizedSeed = normalizeSeed(seed);
  const withSchema = prisma && !typed;
  const dir = path.join(path.resolve(root), `seed-${normalizedSeed}-files-${files}${typed ? '-typed' : ''}${withSchema ? '-prisma' : ''}`);
  const manifest = readManifest(dir);
  if (
    manifest &&
    manifest.generatorHash === GENERATOR_HASH &&
    manifest.seed === normalizedSeed &&
    manifest.files === files &&
    (manifest.typed ?? false) === typed &&
    (manifest.prisma ?? false) === withSchema
  ) {
    return { dir, manifest, reused: true };
  }
  return { ...generateCorpus({ seed: normalizedSeed, files, typed, prisma: withSchema, dir }), reused: false };
}

// ─── command line ───────────────────────────────────────────────────────────────────────────────────

const USAGE = `Usage: node bench/corpus.mjs [--seed N] [--files N] [--typed] [--prisma] --out DIR

Writes a seeded, realistic Next.js App Router project of route handlers to DIR: app/**/route.ts files in
realistic proportions (direct getServerSession reads, same-file helpers, requireAdmin(), wrapped, partial,
public), lib/ stubs, tsconfig.json, tenant-isolation.config.json and manifest.json (the intended status of
every handler and the lines of the session calls it reaches). The same seed and count give identical bytes.

Options:
  --seed N    PRNG seed: an integer, or any string (hashed)   [default: 42]
  --files N   number of route files                          [default: 2000]
  --typed     the app of the typecheck benchmark: routes of 12 domains that also import a lib module each,
              a generated Prisma client (node_modules/.prisma/client) behind lib/db.ts, typed lib modules,
              and Jest tests that call a third of the route handlers; type-checks when DIR is inside this
              repository, where next, next-auth and the @types resolve
  --prisma    also write prisma/schema.prisma: a tenant-scoped model for every delegate the routes call
              (Tenant and Plan global), which the query-scoping check reads
  --out DIR   output directory; must be empty, new, or an earlier corpus
  --help      show this help
`;

export function parseArgs(argv, spec) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      out.help = true;
      continue;
    }
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match || !(match[1] in spec)) throw new UsageError(`unknown option ${arg}`);
    const [, name, inline] = match;
    if (spec[name] === 'flag') {
      out[name] = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    if (spec[name] === 'count') {
      if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`--${name} must be a positive integer, got ${value}`);
      out[name] = Number(value);
    } else {
      out[name] = value;
    }
  }
  return out;
}

export class UsageError extends Error {}

function main(argv) {
  let args;
  try {
    args = parseArgs(argv, { seed: 'string', files: 'count', typed: 'flag', prisma: 'flag', out: 'string' });
    if (args.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    if (!args.out) throw new UsageError('--out DIR is required');
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`corpus: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  const started = performance.now();
  let result;
  try {
    result = generateCorpus({ seed: args.seed ?? 42, files: args.files ?? 2000, typed: args.typed ?? false, prisma: args.prisma ?? false, dir: args.out });
  } catch (error) {
    process.stderr.write(`corpus: ${error.message}\n`);
    return 2;
  }
  const { totals } = result.manifest;
  const statuses = Object.entries(totals.byStatus)
    .map(([status, count]) => `${status} ${count}`)
    .join(', ');
  process.stdout.write(
    `Wrote ${result.manifest.files} route files with ${totals.handlers} handlers (${statuses}) to ${result.dir} ` +
      `in ${Math.round(performance.now() - started)} ms\n`,
  );
  const { typedApp } = result.manifest;
  if (typedApp) {
    process.stdout.write(
      `  with ${typedApp.models} Prisma models (client: ${typedApp.clientLines} lines), ${typedApp.libModules} lib modules and ${typedApp.tests} test files\n`,
    );
  }
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === SELF) {
  process.exitCode = main(process.argv.slice(2));
}
