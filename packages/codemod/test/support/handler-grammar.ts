/*
 * Route modules written the way production Next.js apps write them: a session read that is not always the first
 * statement, guards of every shape, answers other than the wrapper's own 401, bodies that cast and destructure the
 * user, files without semicolons. Each module is a combination of named idioms picked by a seeded generator, so a
 * failure names the idioms that produced it and the same seed always produces the same text.
 */

/** The seed the behaviour and lint tests share, so that they exercise the same modules. */
export const BEHAVIOUR_SEED = 20250615;

export interface GeneratedHandler {
  /** `GET`, `POST` … or `default` for a pages/api handler. */
  name: string;
  /** The choices that made the handler, `family:choice`: its module's, then its own. */
  idioms: string[];
}

export interface GeneratedRoute {
  id: string;
  filePath: string;
  source: string;
  /** Every grammar choice in the module, module-wide and per handler, `family:choice`, each once. */
  idioms: string[];
  handlers: GeneratedHandler[];
}

/** The modules `generateRoute(seed, 0 … count - 1)`. */
export function generateRoutes(seed: number, count: number): GeneratedRoute[] {
  return Array.from({ length: count }, (_, index) => generateRoute(seed, index));
}

/** One module, a function of the seed and its index alone: a failing module can be rebuilt without the others. */
export function generateRoute(seed: number, index: number): GeneratedRoute {
  const picker = new Picker(mulberry32((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0));
  return new RouteModuleWriter(picker, `gen-${index}`).write();
}

// ── randomness ────────────────────────────────────────────────────────────────────────────────────────────────

/** A small, fast PRNG with a 32-bit state: the same seed gives the same sequence on every platform. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Choice<Context> {
  weight: number;
  /** Whether the choice makes sense here (a pages-only answer, a guard that needs a variable a read declares). */
  when?: (context: Context) => boolean;
}

type Family<Key extends string, Context> = Record<Key, Choice<Context>>;

function openChoices<Key extends string, Context>(family: Family<Key, Context>, context: Context, except: readonly Key[] = []) {
  return (Object.entries(family) as Array<[Key, Choice<Context>]>).filter(
    ([key, choice]) => !except.includes(key) && (choice.when?.(context) ?? true),
  );
}

class Picker {
  constructor(private readonly random: () => number) {}

  /** One of the choices that apply, by weight. */
  pick<Key extends string, Context>(family: Family<Key, Context>, context: Context, except: readonly Key[] = []): Key {
    const open = openChoices(family, context, except);
    if (open.length === 0) throw new Error(`no choice applies among ${Object.keys(family).join(', ')}`);
    let roll = this.random() * open.reduce((sum, [, choice]) => sum + choice.weight, 0);
    for (const [key, choice] of open) {
      roll -= choice.weight;
      if (roll < 0) return key;
    }
    return open.at(-1)![0];
  }
}

// ── the grammar: what a module and each of its handlers may be made of ─────────────────────────────────────────

type Router = 'app' | 'pages';

interface ModuleChoices {
  router: Router;
  route: 'static' | 'dynamic';
  punctuation: 'semicolons' | 'no-semicolons';
  quotes: 'single' | 'double';
  comments: 'none' | 'in-signatures-and-expressions';
}

const ROUTER: Family<Router, null> = { app: { weight: 8 }, pages: { weight: 2 } };
const ROUTE: Family<ModuleChoices['route'], Router> = {
  static: { weight: 6 },
  dynamic: { weight: 4, when: (router) => router === 'app' },
};
const PUNCTUATION: Family<ModuleChoices['punctuation'], null> = { semicolons: { weight: 2 }, 'no-semicolons': { weight: 1 } };
const QUOTES: Family<ModuleChoices['quotes'], null> = { single: { weight: 3 }, double: { weight: 1 } };
const COMMENTS: Family<ModuleChoices['comments'], null> = { none: { weight: 4 }, 'in-signatures-and-expressions': { weight: 1 } };

/** Handlers a module adds that delegate to another rather than read the session themselves. */
type Extra = 'none' | 'head-delegates-to-get';
const EXTRA: Family<Extra, { router: Router; methods: string[] }> = {
  none: { weight: 8 },
  'head-delegates-to-get': { weight: 2, when: ({ router, methods }) => router === 'app' && methods.includes('GET') },
};

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const METHODS: Family<Method, null> = {
  GET: { weight: 5 },
  POST: { weight: 3 },
  PUT: { weight: 1 },
  PATCH: { weight: 2 },
  DELETE: { weight: 2 },
};
const METHOD_ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];
const HANDLER_COUNT: Family<'1' | '2' | '3', null> = { '1': { weight: 5 }, '2': { weight: 3 }, '3': { weight: 2 } };

/** What a handler's choices may depend on: where it lives and what it has chosen so far. */
interface HandlerContext {
  router: Router;
  dynamic: boolean;
  takesBody: boolean;
  read?: Read;
  guard?: Guard;
  guardForm?: GuardForm;
}

type Form = 'function-declaration' | 'arrow-const' | 'satisfies-handler' | 'overloaded' | 'pages-default-export';
const FORM: Family<Form, HandlerContext> = {
  'function-declaration': { weight: 6, when: (h) => h.router === 'app' },
  'arrow-const': { weight: 2, when: (h) => h.router === 'app' },
  'satisfies-handler': { weight: 1, when: (h) => h.router === 'app' },
  // The overloads name a context the static route does not have to pass; a dynamic one always does.
  overloaded: { weight: 1, when: (h) => h.router === 'app' && !h.dynamic },
  'pages-default-export': { weight: 1, when: (h) => h.router === 'pages' },
};

/** Code that runs before the session is read: what anonymous callers reach, and what they may observe. */
type Before =
  | 'method-not-allowed'
  | 'options-preflight'
  | 'public-branch-next-url'
  | 'public-branch-new-url'
  | 'public-branch-query'
  | 'await-params'
  | 'json-body-with-catch'
  | 'json-body-bare'
  | 'audit-call';
const BEFORE: Family<Before, HandlerContext> = {
  'method-not-allowed': { weight: 2, when: (h) => h.router === 'pages' },
  'options-preflight': { weight: 1, when: (h) => h.router === 'pages' },
  'public-branch-next-url': { weight: 2, when: (h) => h.router === 'app' },
  'public-branch-new-url': { weight: 1, when: (h) => h.router === 'app' },
  'public-branch-query': { weight: 2, when: (h) => h.router === 'pages' },
  'await-params': { weight: 3, when: (h) => h.dynamic },
  'json-body-with-catch': { weight: 2, when: (h) => h.router === 'app' && h.takesBody },
  'json-body-bare': { weight: 1, when: (h) => h.router === 'app' && h.takesBody },
  'audit-call': { weight: 2 },
};
/** The order these statements take in a handler that has several. */
const BEFORE_ORDER = Object.keys(BEFORE) as Before[];
const BEFORE_COUNT: Family<'0' | '1' | '2', null> = { '0': { weight: 5 }, '1': { weight: 4 }, '2': { weight: 2 } };

type Read = 'plain' | 'cast-session-or-null' | 'admin-options' | 'non-null-assertion';
const READ: Family<Read, HandlerContext> = {
  plain: { weight: 8 },
  'cast-session-or-null': { weight: 2 },
  'admin-options': { weight: 1 },
  // `(await getServerSession(authOptions))!`: the author trusts middleware to keep anonymous callers out.
  'non-null-assertion': { weight: 1 },
};

type Placement = 'top' | 'in-if-branch' | 'in-switch-case';
const PLACEMENT: Family<Placement, HandlerContext> = {
  top: { weight: 8 },
  'in-if-branch': { weight: 1 },
  'in-switch-case': { weight: 1 },
};

type Try = 'none' | 'around-whole-handler';
const TRY: Family<Try, HandlerContext> = { none: { weight: 3 }, 'around-whole-handler': { weight: 1 } };

/** Reads of the session between the call and the guard: they run for anonymous callers too. */
type PureRead = 'none' | 'role-any-cast' | 'role-nullish' | 'user-alias' | 'user-custom-cast' | 'user-id' | 'email-or-empty';
const PURE_READ: Family<PureRead, HandlerContext> = {
  none: { weight: 6, when: (h) => !guardNeeds(h.guard, 'user') && !guardNeeds(h.guard, 'role') && !guardNeeds(h.guard, 'userId') },
  'role-any-cast': { weight: 1, when: (h) => !guardNeeds(h.guard, 'user') && !guardNeeds(h.guard, 'userId') },
  'role-nullish': { weight: 1, when: (h) => !guardNeeds(h.guard, 'user') && !guardNeeds(h.guard, 'userId') },
  'user-alias': { weight: 1, when: (h) => !guardNeeds(h.guard, 'role') && !guardNeeds(h.guard, 'userId') },
  'user-custom-cast': { weight: 1, when: (h) => !guardNeeds(h.guard, 'role') && !guardNeeds(h.guard, 'userId') },
  'user-id': { weight: 1, when: (h) => !guardNeeds(h.guard, 'user') && !guardNeeds(h.guard, 'role') },
  'email-or-empty': { weight: 1, when: (h) => !guardNeeds(h.guard, 'user') && !guardNeeds(h.guard, 'role') && !guardNeeds(h.guard, 'userId') },
};

type Guard =
  | 'not-session'
  | 'not-session-user'
  | 'not-session-user-id'
  | 'not-user'
  | 'not-user-id'
  | 'not-user-id-variable'
  | 'session-is-null'
  | 'no-user-or-no-permission'
  | 'none';
const GUARD: Family<Guard, HandlerContext> = {
  'not-session': { weight: 3, when: (h) => h.read !== 'non-null-assertion' },
  'not-session-user': { weight: 4, when: (h) => h.read !== 'non-null-assertion' },
  'not-session-user-id': { weight: 2, when: (h) => h.read !== 'non-null-assertion' },
  'not-user': { weight: 1, when: (h) => h.read !== 'non-null-assertion' },
  'not-user-id': { weight: 2, when: (h) => h.read !== 'non-null-assertion' },
  'not-user-id-variable': { weight: 1, when: (h) => h.read !== 'non-null-assertion' },
  'session-is-null': { weight: 1, when: (h) => h.read !== 'non-null-assertion' },
  'no-user-or-no-permission': { weight: 1, when: (h) => h.read !== 'non-null-assertion' },
  none: { weight: 1 },
};

/** The variable a guard tests, which a pure read must have declared. */
function guardNeeds(guard: Guard | undefined, variable: 'user' | 'role' | 'userId'): boolean {
  const needs: Partial<Record<Guard, string>> = { 'not-user': 'user', 'not-user-id': 'user', 'not-user-id-variable': 'userId', 'no-user-or-no-permission': 'role' };
  return guard !== undefined && needs[guard] === variable;
}

type GuardForm = 'inline' | 'block';
const GUARD_FORM: Family<GuardForm, HandlerContext> = { inline: { weight: 3 }, block: { weight: 2 } };

type Answer =
  | 'json-401-unauthorized'
  | 'json-401-not-authenticated'
  | 'json-403-forbidden'
  | 'json-404-not-found'
  | 'throw-error'
  | 'www-authenticate-header'
  | 'audit-then-401'
  | 'empty-401'
  | 'pages-401-then-bare-return'
  | 'pages-return-401';
const ANSWER: Family<Answer, HandlerContext> = {
  'json-401-unauthorized': { weight: 6, when: (h) => h.router === 'app' },
  'json-401-not-authenticated': { weight: 1, when: (h) => h.router === 'app' },
  'json-403-forbidden': { weight: 1, when: (h) => h.router === 'app' },
  'json-404-not-found': { weight: 1, when: (h) => h.router === 'app' },
  'throw-error': { weight: 1 },
  'www-authenticate-header': { weight: 1, when: (h) => h.router === 'app' },
  'audit-then-401': { weight: 1, when: (h) => h.guardForm === 'block' },
  'empty-401': { weight: 1, when: (h) => h.router === 'app' },
  'pages-401-then-bare-return': { weight: 2, when: (h) => h.router === 'pages' && h.guardForm === 'block' },
  'pages-return-401': { weight: 3, when: (h) => h.router === 'pages' },
};

/** A statement right after the guard; the bracket and paren ones are where a file without semicolons needs care. */
type AfterGuard = 'nothing' | 'role-check-403' | 'bracket-after-declaration' | 'bracket-after-block-guard' | 'paren-iife';
const AFTER_GUARD: Family<AfterGuard, HandlerContext> = {
  nothing: { weight: 6 },
  'role-check-403': { weight: 2 },
  'bracket-after-declaration': { weight: 1 },
  'bracket-after-block-guard': { weight: 1, when: (h) => h.guardForm === 'block' },
  // Fire-and-forget work that throws rejects where no one catches it: only after a guard that keeps the session non-null.
  'paren-iife': { weight: 1, when: (h) => h.read !== 'non-null-assertion' },
};

type Body =
  | 'find-many-by-tenant'
  | 'lookup-by-user-id'
  | 'tenant-from-any-cast'
  | 'tenant-from-query-or-session'
  | 'destructure-user'
  | 'email-null-ternary'
  | 'user-or-null-in-response'
  | 'email-in-response'
  | 'same-file-tenant-helper'
  | 'create-from-json-body'
  | 'personalised-greeting'
  | 'personalised-optional-list';
const signedIn = (h: HandlerContext) => h.guard !== 'none' || h.read === 'non-null-assertion';
const BODY: Family<Body, HandlerContext & { pureRead: PureRead }> = {
  'find-many-by-tenant': { weight: 4, when: signedIn },
  'lookup-by-user-id': { weight: 2, when: signedIn },
  'tenant-from-any-cast': { weight: 1, when: signedIn },
  // The caller may name another tenant: what no-client-tenant-id is for.
  'tenant-from-query-or-session': { weight: 1, when: signedIn },
  // `id: userId` would declare userId a second time.
  'destructure-user': { weight: 1, when: (h) => signedIn(h) && h.pureRead !== 'user-id' },
  'email-null-ternary': { weight: 1, when: signedIn },
  'user-or-null-in-response': { weight: 1, when: signedIn },
  'email-in-response': { weight: 1, when: signedIn },
  'same-file-tenant-helper': { weight: 1, when: signedIn },
  'create-from-json-body': { weight: 3, when: (h) => signedIn(h) && h.takesBody },
  'personalised-greeting': { weight: 1, when: (h) => !signedIn(h) },
  'personalised-optional-list': { weight: 1, when: (h) => !signedIn(h) },
};

/** Every choice the grammar can make, `family:choice`: what 600 modules of the shared seed should cover. */
export const GRAMMAR_CHOICES: readonly string[] = Object.entries({
  router: ROUTER,
  route: ROUTE,
  punctuation: PUNCTUATION,
  quotes: QUOTES,
  comments: COMMENTS,
  extra: EXTRA,
  form: FORM,
  before: { nothing: {}, ...BEFORE },
  read: READ,
  placement: PLACEMENT,
  try: TRY,
  'pure-read': PURE_READ,
  guard: GUARD,
  'guard-form': GUARD_FORM,
  answer: ANSWER,
  'after-guard': AFTER_GUARD,
  body: BODY,
}).flatMap(([family, choices]) => Object.keys(choices).map((choice) => `${family}:${choice}`));

// ── writing a module ──────────────────────────────────────────────────────────────────────────────────────────

interface HandlerChoices {
  form: Form;
  before: Before[];
  read: Read;
  placement: Placement;
  try: Try;
  pureRead: PureRead;
  guard: Guard;
  guardForm: GuardForm | null;
  answer: Answer | null;
  afterGuard: AfterGuard | null;
  body: Body;
}

/** Names a module imports when its text uses them, and where from; `type` ones are imported as types. */
const IMPORTABLE: ReadonlyArray<{ name: string; from: string; type?: boolean }> = [
  { name: 'getServerSession', from: 'next-auth' },
  { name: 'Session', from: 'next-auth', type: true },
  { name: 'NextRequest', from: 'next/server' },
  { name: 'NextResponse', from: 'next/server' },
  { name: 'NextApiRequest', from: 'next', type: true },
  { name: 'NextApiResponse', from: 'next', type: true },
  { name: 'authOptions', from: '@/lib/auth' },
  { name: 'adminAuthOptions', from: '@/lib/auth' },
  { name: 'db', from: '@/lib/db' },
  { name: 'audit', from: '@/lib/audit' },
  { name: 'hasPermission', from: '@/lib/permissions' },
  { name: 'PERMISSIONS', from: '@/lib/permissions' },
];

/** Module-level declarations, written when a handler uses the name they declare. */
const MODULE_DECLARATIONS: ReadonlyArray<{ name: string; text: (dynamic: boolean) => string }> = [
  {
    name: 'RouteContext',
    text: (dynamic) => `type RouteContext = { params: Promise<${dynamic ? '{ id: string }' : 'Record<string, string>'}> };`,
  },
  {
    name: 'Handler',
    text: (dynamic) => `type Handler = (req: NextRequest${dynamic ? ', ctx: RouteContext' : ''}) => Promise<Response>;`,
  },
  { name: 'CustomUser', text: () => 'type CustomUser = { id: string; tenantId: string; role?: string; email?: string | null };' },
  { name: 'recentTenants', text: () => '/** Tenants seen by this instance, for the cache warmer. */\nconst recentTenants = new Set<string>();' },
  {
    name: 'loadProjects',
    text: () => 'async function loadProjects(tenantId: string) {\n  return db.project.findMany({ where: { tenantId }, orderBy: { updatedAt: \'desc\' } });\n}',
  },
];

class RouteModuleWriter {
  private readonly module: ModuleChoices;
  private readonly moduleIdioms: string[] = [];

  constructor(
    private readonly picker: Picker,
    private readonly id: string,
  ) {
    const router = picker.pick(ROUTER, null);
    this.module = {
      router,
      route: picker.pick(ROUTE, router),
      punctuation: picker.pick(PUNCTUATION, null),
      quotes: picker.pick(QUOTES, null),
      comments: picker.pick(COMMENTS, null),
    };
    const { route, punctuation, quotes, comments } = this.module;
    this.moduleIdioms.push(`router:${router}`, `route:${route}`, `punctuation:${punctuation}`, `quotes:${quotes}`, `comments:${comments}`);
  }

  write(): GeneratedRoute {
    const { router, route } = this.module;
    const methods = router === 'pages' ? ['default'] : this.methods();
    const extra = this.picker.pick(EXTRA, { router, methods });
    this.moduleIdioms.push(`extra:${extra}`);

    const handlers: GeneratedHandler[] = [];
    const handlerTexts: string[] = [];
    for (const method of methods) {
      const served = method === 'default' ? this.picker.pick(METHODS, null) : method;
      const choices = this.handlerChoices(served);
      const { text, parameters } = new HandlerWriter(this.module, method, served, choices).write();
      handlers.push({ name: method, idioms: [...this.moduleIdioms, ...handlerIdioms(choices)] });
      handlerTexts.push(text);
      if (method === 'GET' && extra === 'head-delegates-to-get') {
        handlerTexts.push(headDelegatingTo(parameters));
        handlers.push({ name: 'HEAD', idioms: [...this.moduleIdioms] });
      }
    }

    const body = handlerTexts.join('\n\n');
    const declarations = MODULE_DECLARATIONS.filter(({ name }) => new RegExp(`\\b${name}\\b`).test(body)).map(({ text }) =>
      text(route === 'dynamic'),
    );
    const source = this.punctuate([importsFor([...declarations, body].join('\n')), ...declarations, body].join('\n\n') + '\n');
    const filePath =
      router === 'pages' ? `pages/api/${this.id}.ts` : route === 'dynamic' ? `app/api/${this.id}/[id]/route.ts` : `app/api/${this.id}/route.ts`;
    const idioms = [...new Set(handlers.flatMap((h) => h.idioms))];
    return { id: this.id, filePath, source, idioms, handlers };
  }

  private methods(): string[] {
    const count = Number(this.picker.pick(HANDLER_COUNT, null));
    const chosen: Method[] = [];
    while (chosen.length < count) chosen.push(this.picker.pick(METHODS, null, chosen));
    return chosen.sort((a, b) => METHOD_ORDER.indexOf(a) - METHOD_ORDER.indexOf(b));
  }

  private handlerChoices(served: string): HandlerChoices {
    const { picker } = this;
    const context: HandlerContext = {
      router: this.module.router,
      dynamic: this.module.route === 'dynamic',
      takesBody: ['POST', 'PUT', 'PATCH'].includes(served),
    };
    const form = picker.pick(FORM, context);
    const before: Before[] = [];
    const beforeCount = Number(picker.pick(BEFORE_COUNT, null));
    for (let i = 0; i < beforeCount; i++) {
      // The two body reads, the two public branches and the two method checks exclude each other.
      const excluded = [...before, ...before.flatMap((b) => RIVALS[b] ?? [])];
      if (openChoices(BEFORE, context, excluded).length === 0) break;
      before.push(picker.pick(BEFORE, context, excluded));
    }
    before.sort((a, b) => BEFORE_ORDER.indexOf(a) - BEFORE_ORDER.indexOf(b));
    const read = (context.read = picker.pick(READ, context));
    const placement = picker.pick(PLACEMENT, context);
    const inTry = picker.pick(TRY, context);
    const guard = (context.guard = picker.pick(GUARD, context));
    const pureRead = picker.pick(PURE_READ, context);
    const guardForm = guard === 'none' ? null : (context.guardForm = picker.pick(GUARD_FORM, context));
    const answer = guard === 'none' ? null : picker.pick(ANSWER, context);
    const afterGuard = signedIn(context) ? picker.pick(AFTER_GUARD, context) : null;
    const body = picker.pick(BODY, { ...context, pureRead });
    return { form, before, read, placement, try: inTry, pureRead, guard, guardForm, answer, afterGuard, body };
  }

  /** Drops the semicolons at line ends and swaps the quotes, as the module's style says; the text has no apostrophes. */
  private punctuate(source: string): string {
    let text = source;
    if (this.module.punctuation === 'no-semicolons') text = text.replace(/;([ \t]*(\/\/.*)?)$/gm, '$1');
    if (this.module.quotes === 'double') text = text.replace(/'/g, '"');
    return text;
  }
}

const RIVALS: Partial<Record<Before, Before[]>> = {
  'json-body-with-catch': ['json-body-bare'],
  'json-body-bare': ['json-body-with-catch'],
  'public-branch-next-url': ['public-branch-new-url'],
  'public-branch-new-url': ['public-branch-next-url'],
  'method-not-allowed': ['options-preflight'],
  'options-preflight': ['method-not-allowed'],
};

function handlerIdioms(c: HandlerChoices): string[] {
  return [
    `form:${c.form}`,
    ...(c.before.length === 0 ? ['before:nothing'] : c.before.map((b) => `before:${b}`)),
    `read:${c.read}`,
    `placement:${c.placement}`,
    `try:${c.try}`,
    `pure-read:${c.pureRead}`,
    `guard:${c.guard}`,
    ...(c.guardForm ? [`guard-form:${c.guardForm}`] : []),
    ...(c.answer ? [`answer:${c.answer}`] : []),
    ...(c.afterGuard ? [`after-guard:${c.afterGuard}`] : []),
    `body:${c.body}`,
  ];
}

/** The import declarations for the names the text uses, in the order a person would write them. */
function importsFor(text: string): string {
  const byModule = new Map<string, { values: string[]; types: string[] }>();
  for (const { name, from, type } of IMPORTABLE) {
    if (!new RegExp(`\\b${name}\\b`).test(text)) continue;
    const entry = byModule.get(from) ?? { values: [], types: [] };
    (type ? entry.types : entry.values).push(name);
    byModule.set(from, entry);
  }
  const lines: string[] = [];
  for (const [from, { values, types }] of byModule) {
    if (values.length > 0) lines.push(`import { ${values.join(', ')} } from '${from}';`);
    if (types.length > 0) lines.push(`import type { ${types.join(', ')} } from '${from}';`);
  }
  return lines.join('\n');
}

/** What an App Router handler takes, and so what a handler that delegates to it passes on. */
type Parameters = 'none' | 'request' | 'request-and-context';

/** `export async function HEAD(req: NextRequest) { return GET(req) }`, passing what GET takes. */
function headDelegatingTo(parameters: Parameters): string {
  const signature = { none: '', request: 'req: NextRequest', 'request-and-context': 'req: NextRequest, ctx: RouteContext' }[parameters];
  const args = { none: '', request: 'req', 'request-and-context': 'req, ctx' }[parameters];
  return `export async function HEAD(${signature}) {\n  return GET(${args});\n}`;
}

// ── writing a handler ─────────────────────────────────────────────────────────────────────────────────────────

type Lines = string[];

const indent = (lines: Lines, levels = 1): Lines => lines.map((line) => (line === '' ? line : '  '.repeat(levels) + line));

class HandlerWriter {
  private readonly app: boolean;
  private readonly dynamic: boolean;
  private readonly commented: boolean;
  private readonly semicolons: boolean;

  constructor(
    module: ModuleChoices,
    private readonly name: string,
    private readonly served: string,
    private readonly c: HandlerChoices,
  ) {
    this.app = module.router === 'app';
    this.dynamic = module.route === 'dynamic';
    this.commented = module.comments !== 'none';
    this.semicolons = module.punctuation === 'semicolons';
  }

  write(): { text: string; parameters: Parameters } {
    let statements = [...this.c.before.flatMap((b) => this.before(b)), ...this.placed(this.sessionBlock())];
    if (this.c.try === 'around-whole-handler') {
      statements = ['try {', ...indent(statements), '} catch (e) {', ...indent([`return ${this.respond("{ error: 'Internal' }", 500)};`]), '}'];
    }
    return this.wrapInFunction(statements);
  }

  // ── the response of either router

  /** The response expression: `NextResponse.json(…)` or, in pages/api, `res.status(…).json(…)`. */
  private respond(payload: string, status?: number): string {
    if (!this.app) return `res.status(${status ?? 200}).json(${payload})`;
    if (status === undefined) return `NextResponse.json(${payload})`;
    return `NextResponse.json(${payload}, { status: ${status}${status === 401 && this.commented ? ' /* signed out */' : ''} })`;
  }

  private get query(): string {
    return this.app ? "req.nextUrl.searchParams.get('view')" : 'req.query.view';
  }

  // ── before the session read

  private before(before: Before): Lines {
    switch (before) {
      case 'method-not-allowed':
        return [`if (req.method !== '${this.served}') return res.status(405).json({ error: 'Method not allowed' });`];
      case 'options-preflight':
        return ["if (req.method === 'OPTIONS') return res.status(204).end();"];
      case 'public-branch-next-url':
        return [`if (req.nextUrl.searchParams.get('view') === 'public') return ${this.respond('{ public: true }')};`];
      case 'public-branch-new-url':
        return [
          'const { searchParams } = new URL(req.url);',
          `if (searchParams.get('view') === 'public') return ${this.respond('{ public: true }')};`,
        ];
      case 'public-branch-query':
        return [`if (req.query.view === 'public') return ${this.respond('{ public: true }')};`];
      case 'await-params':
        return ['const { id } = await params;'];
      case 'json-body-with-catch':
        return ['const body = await req.json().catch(() => ({}));'];
      case 'json-body-bare':
        return ['const body = await req.json();'];
      case 'audit-call':
        return ["await audit('page-view');"];
    }
  }

  // ── where the session block sits

  private placed(block: Lines): Lines {
    switch (this.c.placement) {
      case 'top':
        return block;
      case 'in-if-branch': {
        const preview = this.app ? "req.nextUrl.searchParams.get('preview') !== '1'" : "req.query.preview !== '1'";
        return [`if (${preview}) {`, ...indent(block), '}', `return ${this.respond('{ preview: true }')};`];
      }
      case 'in-switch-case':
        return [
          `switch (${this.query}) {`,
          "  case 'public':",
          `    return ${this.respond('{ public: true }')};`,
          '  default: {',
          ...indent(block, 2),
          '  }',
          '}',
        ];
    }
  }

  // ── the session read, the reads before the guard, the guard, and what the handler does for a signed-in caller

  private sessionBlock(): Lines {
    const lines: Lines = [];
    if (this.commented) lines.push('// Everything below is scoped to the signed-in tenant.');
    lines.push(this.sessionRead(), ...this.pureRead());
    const guard = this.guard();
    lines.push(...guard);
    if (this.c.afterGuard) lines.push(...this.afterGuard(this.c.afterGuard));
    if (this.dynamic && !this.c.before.includes('await-params')) lines.push('const { id } = await params;');
    lines.push(...this.body(this.c.body));
    return lines;
  }

  private sessionRead(): string {
    const options = this.c.read === 'admin-options' ? 'adminAuthOptions' : 'authOptions';
    const args = `${this.app ? '' : 'req, res, '}${options}${this.commented ? ' /* jwt strategy */' : ''}`;
    const call = `getServerSession(${args})`;
    const trailing = this.commented ? ' // the caller' : '';
    switch (this.c.read) {
      case 'plain':
      case 'admin-options':
        return `const session = await ${call};${trailing}`;
      case 'cast-session-or-null':
        return `const session = (await ${call}) as Session | null;${trailing}`;
      case 'non-null-assertion':
        return `const session = (await ${call})!;${trailing}`;
    }
  }

  private pureRead(): Lines {
    switch (this.c.pureRead) {
      case 'none':
        return [];
      case 'role-any-cast':
        return ['const role = (session?.user as any)?.role as string | undefined;'];
      case 'role-nullish':
        return ["const role = session?.user?.role ?? '';"];
      case 'user-alias':
        return ['const user = session?.user;'];
      case 'user-custom-cast':
        return ['const user = session?.user as CustomUser;'];
      case 'user-id':
        return ['const userId = session?.user?.id;'];
      case 'email-or-empty':
        return ["const email = session?.user?.email || '';"];
    }
  }

  private guard(): Lines {
    const { guard, guardForm, answer } = this.c;
    if (guard === 'none' || !guardForm || !answer) return [];
    const condition = {
      'not-session': '!session',
      'not-session-user': '!session?.user',
      'not-session-user-id': '!session?.user?.id',
      'not-user': '!user',
      'not-user-id': '!user?.id',
      'not-user-id-variable': '!userId',
      'session-is-null': 'session === null',
      'no-user-or-no-permission': '!session?.user || !hasPermission(role, PERMISSIONS.TEAM_VIEW)',
    }[guard];
    const answerLines = this.answer(answer);
    if (guardForm === 'inline') return [`if (${condition}) ${answerLines[0]}`];
    return [`if (${condition}) {`, ...indent(answerLines), '}'];
  }

  private answer(answer: Answer): Lines {
    switch (answer) {
      case 'json-401-unauthorized':
        return [`return ${this.respond("{ error: 'Unauthorized' }", 401)};`];
      case 'json-401-not-authenticated':
        return [`return ${this.respond("{ error: 'Not authenticated' }", 401)};`];
      case 'json-403-forbidden':
        return [`return ${this.respond("{ error: 'Forbidden' }", 403)};`];
      case 'json-404-not-found':
        return [`return ${this.respond("{ error: 'Not found' }", 404)};`];
      case 'throw-error':
        return ["throw new Error('Unauthorized');"];
      case 'www-authenticate-header':
        return ["return NextResponse.json({ error: 'Unauthorized' }, { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } });"];
      case 'audit-then-401':
        return ["await audit('denied');", `return ${this.respond("{ error: 'Unauthorized' }", 401)};`];
      case 'empty-401':
        return ['return new NextResponse(null, { status: 401 });'];
      case 'pages-401-then-bare-return':
        return ["res.status(401).json({ error: 'Unauthorized' });", 'return;'];
      case 'pages-return-401':
        return ["return res.status(401).json({ error: 'Unauthorized' });"];
    }
  }

  /** The signed-in user as the code after the guard reaches it, with the narrowing TypeScript gives it there. */
  private get user(): string {
    if (this.c.guard === 'not-user' || this.c.guard === 'not-user-id') return 'user';
    // `if (!userId) return …` narrows userId, not the session.
    if (this.c.guard === 'not-user-id-variable') return 'session!.user';
    return 'session.user';
  }

  private afterGuard(afterGuard: AfterGuard): Lines {
    const user = this.user;
    const leading = this.semicolons ? '' : ';';
    switch (afterGuard) {
      case 'nothing':
        return [];
      case 'role-check-403':
        return [`if (${user}.role !== 'owner') return ${this.respond("{ error: 'Forbidden' }", 403)};`];
      case 'bracket-after-declaration':
        return ['const seen: string[] = [];', `${leading}[${user}.tenantId, ${user}.id].forEach((key) => seen.push(key));`];
      case 'bracket-after-block-guard':
        // Right after the guard's closing brace, which ends the statement: valid without a semicolon before it.
        return [`[${user}.tenantId].forEach((tenant) => recentTenants.add(tenant));`];
      case 'paren-iife':
        return [`${leading}(async () => {`, `  await audit('viewed', ${user}.id);`, '})();'];
    }
  }

  private body(body: Body): Lines {
    const user = this.user;
    const scope = this.dynamic ? `id, tenantId: ${user}.tenantId${this.commented ? ' /* scope */' : ''}` : `tenantId: ${user}.tenantId`;
    const find = this.dynamic ? 'findFirst' : 'findMany';
    switch (body) {
      case 'find-many-by-tenant':
        return [`const invoices = await db.invoice.${find}({ where: { ${scope} } });`, `return ${this.respond('invoices')};`];
      case 'lookup-by-user-id':
        return [`const preferences = await db.preference.findUnique({ where: { userId: ${user}.id } });`, `return ${this.respond('preferences ?? {}')};`];
      case 'tenant-from-any-cast':
        return [
          `const tenantId = (${user} as any).tenantId as string;`,
          `const rows = await db.project.${find}({ where: { ${this.dynamic ? 'id, ' : ''}tenantId } });`,
          `return ${this.respond('rows')};`,
        ];
      case 'tenant-from-query-or-session': {
        const fromQuery = this.app ? "req.nextUrl.searchParams.get('tenantId')" : '(req.query.tenantId as string | undefined)';
        return [
          `const tenantId = ${fromQuery} ?? ${user}.tenantId;`,
          `const rows = await db.project.${find}({ where: { ${this.dynamic ? 'id, ' : ''}tenantId } });`,
          `return ${this.respond('rows')};`,
        ];
      }
      case 'destructure-user':
        return [
          `const { tenantId, id: userId } = ${user};`,
          `const entries = await db.timeEntry.findMany({ where: { tenantId, userId${this.dynamic ? ', projectId: id' : ''} } });`,
          `return ${this.respond('entries')};`,
        ];
      case 'email-null-ternary':
        return [`const contact = ${user}.email === null ? 'no email on file' : ${user}.email;`, `return ${this.respond('{ contact }')};`];
      case 'user-or-null-in-response':
        return [`return ${this.respond(`{ user: ${user} || null }`)};`];
      case 'email-in-response':
        return [
          `const account = await db.account.findFirst({ where: { ${scope} } });`,
          `return ${this.respond(`{ account, email: ${user}.email }`)};`,
        ];
      case 'same-file-tenant-helper':
        return [`const projects = await loadProjects(${user}.tenantId);`, `return ${this.respond('projects')};`];
      case 'create-from-json-body': {
        const input = this.c.before.some((b) => b.startsWith('json-body')) ? 'body' : this.app ? 'input' : 'req.body';
        const read = input === 'input' ? ['const input = await req.json().catch(() => ({}));'] : [];
        const data = `{ ...${input}, ${this.dynamic ? 'id, ' : ''}tenantId: ${user}.tenantId, createdBy: ${user}.id }`;
        return [...read, `const widget = await db.widget.create({ data: ${data} as any });`, `return ${this.respond('widget', 201)};`];
      }
      case 'personalised-greeting':
        return ["const name = session?.user?.name ?? 'guest';", `return ${this.respond('{ greeting: `Hello, ${name}` }')};`];
      case 'personalised-optional-list':
        return [
          `const invoices = session ? await db.invoice.findMany({ where: { tenantId: session.user.tenantId } }) : [];`,
          `return ${this.respond('{ invoices, signedIn: !!session }')};`,
        ];
    }
  }

  // ── the function around it all

  private wrapInFunction(statements: Lines): { text: string; parameters: Parameters } {
    const body = indent(statements);
    if (!this.app) {
      const text = ['export default async function handler(req: NextApiRequest, res: NextApiResponse) {', ...body, '}'].join('\n');
      return { text, parameters: 'request' };
    }
    const usesRequest = /\breq\b/.test(statements.join('\n'));
    const parameters: Parameters = this.dynamic ? 'request-and-context' : usesRequest || this.c.form === 'overloaded' ? 'request' : 'none';
    const request = `${usesRequest ? 'req' : '_req'}: NextRequest${this.commented ? ' /* from the edge */' : ''}`;
    const params = { none: '', request, 'request-and-context': `${request}, { params }: RouteContext` }[parameters];
    const { name } = this;
    const lines = ((): Lines => {
      switch (this.c.form) {
        case 'function-declaration':
        case 'pages-default-export':
          return [`export async function ${name}(${params}) {`, ...body, '}'];
        case 'arrow-const':
          return [`export const ${name} = async (${params}) => {`, ...body, '};'];
        case 'satisfies-handler':
          return [`export const ${name} = (async (${params}) => {`, ...body, '}) satisfies Handler;'];
        case 'overloaded':
          return [
            `export function ${name}(req: NextRequest): Promise<NextResponse>;`,
            `export function ${name}(req: NextRequest, ctx: RouteContext): Promise<NextResponse>;`,
            `export async function ${name}(${params}, _ctx?: RouteContext): Promise<NextResponse> {`,
            ...body,
            '}',
          ];
      }
    })();
    return { text: lines.join('\n'), parameters };
  }
}
