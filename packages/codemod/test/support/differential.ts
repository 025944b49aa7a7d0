import { AsyncLocalStorage } from 'node:async_hooks';
import * as nodeCrypto from 'node:crypto';
import { isBuiltin } from 'node:module';
import * as path from 'node:path';
import { isDeepStrictEqual, types } from 'node:util';
import { NextRequest } from 'next/server';
import ts from 'typescript';
import { HTTP_METHODS } from '@tenant-isolation/core';
import { deterministicCrypto } from './deterministic-crypto';
import { NOW } from './example-app-requests';
import { createAppLoader, tsconfigPathAliases } from './load-app';

/*
 * Runs a route module before and after a rewrite in the same fixed world and compares what each answers. The world
 * is an app's real wrappers and tenant context (fixtures/example-app's withTenantContext / withTenantApiRoute and
 * tenant-utils unless the module names another AppWorld), a session source that answers per scenario, and a
 * recorder in place of every other module, so the call log shows every effect a handler has on the rest of the app.
 * A world may say what a handler's recorded calls answer and which request its app sends it (handlerFixtures), so
 * that its success path is compared too, not only its guards.
 */

export interface RouteModuleUnderTest {
  source: string;
  /** Where the module lives in the app, e.g. 'app/api/x/route.ts' or 'pages/api/x.ts'. */
  filePath: string;
  /** The app it lives in; EXAMPLE_APP_WORLD when absent. */
  app?: AppWorld;
  /**
   * Other modules of the app, by path, with the text to run instead of the file's: run for real rather than
   * recorded. For a route file that takes its handler from another module (`export { default } from '…'`).
   */
  modules?: Readonly<Record<string, string>>;
}

/** One of the fixed sessions every handler is called with. */
export interface SessionCase {
  label: string;
  kind: Scenario['kind'];
  cookie: Scenario['cookie'];
  session: SessionShape | null;
}

/**
 * The app a route module runs in: which of its modules run for real (the wrapper, the tenant context and what they
 * need), how it signs the tenant cookie, where its NextAuth options are, and the sessions its handlers are called
 * with. Paths are relative to `root`; imports resolve with the paths of the root's tsconfig.json.
 */
export interface AppWorld {
  root: string;
  /** App modules that run for real, by the specifier the app imports them with: their file. Every other one is recorded. */
  runsForReal: Readonly<Record<string, string>>;
  /** The module the wrappers come from and their names, for the wrapper's own answers (its 401 and 403). */
  wrappers: { from: string; appRouter: string; pages: string };
  /** The function that turns a tenant id into the tenant_sig cookie's value. */
  cookieSigner: { file: string; exportName: string };
  /** The environment variable the signer reads its secret from. */
  secretVariable: string;
  /**
   * The module the app takes its NextAuth options from: the options the wrapper reads the session with, and other
   * options a handler may read it with (which answer the same user signed in through another provider).
   */
  auth: { from: string; options: string; otherOptions: readonly string[] };
  /** The tenant the `right` cookie is signed for, and the one the `wrong` cookie is signed for. */
  tenants: { right: string; wrong: string };
  sessionCases: readonly SessionCase[];
  /**
   * Per route file (as `filePath` names it) and HTTP method (for pages/api, the method the request is sent with): the
   * request the app's own client sends the handler and what the recorded modules answer it, so that its signed-in
   * scenarios reach the success path rather than a validation or "not found" answer.
   */
  handlerFixtures?: Readonly<Record<string, Readonly<Partial<Record<string, HandlerFixture>>>>>;
}

/** A request to one handler as the app's client sends it; every part is optional, the harness fills in the rest. */
export interface AppRequest {
  /** Values of the route's dynamic segments, over the harness's own (`[id]` → 'id_1'). */
  params?: Readonly<Record<string, string | string[]>>;
  /** '' or a query string starting with '?'. */
  query?: string;
  /** Headers over the harness's own (the tenant cookie and `content-type: application/json`). */
  headers?: Readonly<Record<string, string>>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is, for a handler that reads the raw body in a content type of its own (an upload). */
  rawBody?: string;
}

/**
 * What calls to recorded functions answer instead of a recorder, by the path the call log shows the function
 * under ('prisma.user.findFirst', 'seatUsage'). Each call is still logged; the answer is called with the call's
 * arguments every time, so one that builds its rows afresh keeps a handler that changes them from changing what the
 * next call gets.
 */
export type RecordedAnswers = Readonly<Record<string, (this: AnswerContext, ...args: never[]) => unknown>>;

/** What an answer can reach besides its arguments (as `this`). */
export interface AnswerContext {
  /** The recorder of a recorded module's export, e.g. the client a transaction hands its callback: `recorderOf('@/lib/prisma', 'prisma')`. */
  recorderOf(specifier: string, exportName: string): unknown;
}

export interface HandlerFixture {
  /** Sent in one more scenario per session, besides the generic queries and bodies. */
  request?: AppRequest;
  /** Answered in every scenario of the handler. */
  answers?: RecordedAnswers;
}

export interface SessionShape {
  user: {
    id?: string;
    tenantId?: string;
    email?: string | null;
    name?: string | null;
    role?: string;
    tenantRole?: string;
    [field: string]: unknown;
  };
  expires: string;
}

export interface Answer {
  status: number;
  /** Every header, keys lower-cased and sorted. */
  headers: Record<string, string>;
  body: string;
}

export interface Observation {
  outcome: Answer | { threw: { name: string; message: string } } | { noResponse: true };
  /** Every call the handler made to a recorded module or to console, in order, then those of the work it handed to `after()`. */
  calls: string[];
}

export interface Scenario {
  name: string;
  method: string;
  /** '' or a query string starting with '?'. */
  query: string;
  body?: string;
  /** Values of the route's dynamic segments over the harness's own. */
  params?: Readonly<Record<string, string | string[]>>;
  /** Headers over the harness's own. */
  headers?: Readonly<Record<string, string>>;
  session: SessionShape | null;
  cookie: 'right' | 'wrong' | 'none';
  kind: 'anonymous' | 'signed-in' | 'wrong-tenant' | 'no-tenant-in-session';
}

export interface BehaviourDifference {
  scenario: string;
  before: Observation;
  after: Observation;
  why: string;
}

export interface CompareOptions {
  /** Handlers migrated with the wrapper's anonymous response: their anonymous answer may become the wrapper's 401. */
  anonymousAccepted?: string[];
  /** The scenarios to run instead of scenariosForPair(before, after), e.g. with sessions shaped for a custom session mapping. */
  scenarios?: Scenario[];
}

/** The secret the cookie signer of every world reads, so the right cookie is one its wrapper accepts. */
const COOKIE_SECRET = 'differential-tenant-cookie-secret';
/** How long a handler may take to answer before the observation says it hung. */
const ANSWER_DEADLINE_MS = 5000;
/**
 * How many calls to recorded modules one scenario may make. A loop that waits for a recorded query to come back
 * empty (paging until `rows.length === 0`) never ends, and awaiting recorders never leaves the microtask queue, so
 * the deadline's timer would never fire: past the limit every recorded call throws instead.
 */
const RECORDED_CALL_LIMIT = 2000;

const ALICE = { id: 'usr_alice', email: 'alice@acme.test', name: 'Alice Moreau', tenantId: 'ten_acme', role: 'owner', tenantRole: 'finance' };
/** When the sessions of every world expire: after NOW, the frozen clock. */
export const SESSION_EXPIRES = '2025-06-15T17:00:00.000Z';
const EXPIRES = SESSION_EXPIRES;

const EXAMPLE_SESSION_CASES: readonly SessionCase[] = [
  { label: 'anonymous', kind: 'anonymous', cookie: 'none', session: null },
  { label: 'signed in (full session, right cookie)', kind: 'signed-in', cookie: 'right', session: { user: { ...ALICE }, expires: EXPIRES } },
  {
    label: 'signed in (email and name null, no role, right cookie)',
    kind: 'signed-in',
    cookie: 'right',
    session: { user: { id: ALICE.id, email: null, name: null, tenantId: ALICE.tenantId, tenantRole: ALICE.tenantRole }, expires: EXPIRES },
  },
  {
    label: 'signed in (only id and tenantId, right cookie)',
    kind: 'signed-in',
    cookie: 'right',
    session: { user: { id: ALICE.id, tenantId: ALICE.tenantId }, expires: EXPIRES },
  },
  // Without an admin, no scenario would take a handler's `role === 'admin'` branch.
  { label: 'signed in as admin (right cookie)', kind: 'signed-in', cookie: 'right', session: { user: { ...ALICE, role: 'admin' }, expires: EXPIRES } },
  { label: 'signed in (cookie for another tenant)', kind: 'wrong-tenant', cookie: 'wrong', session: { user: { ...ALICE }, expires: EXPIRES } },
  { label: 'signed in (no tenant cookie)', kind: 'wrong-tenant', cookie: 'none', session: { user: { ...ALICE }, expires: EXPIRES } },
  {
    label: 'signed in without a tenant (right cookie)',
    kind: 'no-tenant-in-session',
    cookie: 'right',
    session: { user: { id: ALICE.id, email: ALICE.email, name: ALICE.name, role: ALICE.role }, expires: EXPIRES },
  },
];

/** fixtures/example-app: lib/api-wrapper.ts and lib/tenant-utils.ts run for real; Alice of Acme signs in. */
export const EXAMPLE_APP_WORLD: AppWorld = {
  root: path.resolve(__dirname, '../../../../fixtures/example-app'),
  runsForReal: { '@/lib/api-wrapper': 'lib/api-wrapper.ts', '@/lib/tenant-utils': 'lib/tenant-utils.ts' },
  wrappers: { from: '@/lib/api-wrapper', appRouter: 'withTenantContext', pages: 'withTenantApiRoute' },
  cookieSigner: { file: 'lib/api-wrapper.ts', exportName: 'signTenantId' },
  secretVariable: 'TENANT_SIG_SECRET',
  auth: { from: '@/lib/auth', options: 'authOptions', otherOptions: ['adminAuthOptions'] },
  tenants: { right: ALICE.tenantId, wrong: 'ten_globex' },
  sessionCases: EXAMPLE_SESSION_CASES,
};

const worldOf = (module: RouteModuleUnderTest): AppWorld => module.app ?? EXAMPLE_APP_WORLD;

const QUERIES = ['', '?view=public', '?preview=1&format=csv'] as const;
const BODIES = [
  { label: 'JSON body', text: '{"name":"Widget","tenantId":"ten_other"}' },
  { label: 'malformed body', text: 'not json' },
] as const;
const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);
/** The methods a pages/api handler is called with; the default export answers them all. */
const PAGES_METHODS = ['GET', 'POST', 'OPTIONS', 'DELETE'] as const;

const isPagesRoute = (filePath: string): boolean => /^(src\/)?pages\//.test(filePath);

/** The export a scenario runs: the method's own for an App Router module, the default export for pages/api. */
export function handlerOf(module: RouteModuleUnderTest, scenario: Pick<Scenario, 'method'>): string {
  return isPagesRoute(module.filePath) ? 'default' : scenario.method;
}

/** The HTTP method handlers a route module exports, read from its text without running it. */
function exportedMethods(module: RouteModuleUnderTest): string[] {
  const kind = /\.(tsx|jsx)$/.test(module.filePath) ? ts.ScriptKind.TSX : /\.(js|mjs|cjs)$/.test(module.filePath) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const file = ts.createSourceFile(module.filePath, module.source, ts.ScriptTarget.Latest, false, kind);
  const exported = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const names = new Set<string>();
  for (const statement of file.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name && exported(statement)) names.add(statement.name.text);
    if (ts.isVariableStatement(statement) && exported(statement)) {
      for (const declaration of statement.declarationList.declarations) if (ts.isIdentifier(declaration.name)) names.add(declaration.name.text);
    }
    if (ts.isExportDeclaration(statement) && !statement.isTypeOnly && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const specifier of statement.exportClause.elements) if (!specifier.isTypeOnly) names.add(specifier.name.text);
    }
  }
  return HTTP_METHODS.filter((method) => names.has(method));
}

/**
 * Every exported method (App Router) or GET/POST/OPTIONS/DELETE (pages/api) × the fixed sessions × the query
 * variants, and for a method that takes a body × a JSON and a malformed body. pages/api calls other than GET send
 * only the empty query, which keeps a pages handler near 60 scenarios. A method the world has a request for
 * (AppWorld.handlerFixtures) is sent that request too, once per session.
 */
export function scenariosFor(module: RouteModuleUnderTest): Scenario[] {
  const pages = isPagesRoute(module.filePath);
  const world = worldOf(module);
  const sessions = (scenario: Omit<Scenario, 'session' | 'cookie' | 'kind'>): Scenario[] =>
    world.sessionCases.map((c) => ({ ...scenario, name: `${scenario.name}, ${c.label}`, session: c.session, cookie: c.cookie, kind: c.kind }));
  const generic = (pages ? PAGES_METHODS : exportedMethods(module)).flatMap((method) => {
    const queries = pages && method !== 'GET' ? [''] : QUERIES;
    const bodies = (pages ? method === 'POST' : METHODS_WITH_BODY.has(method)) ? BODIES : [undefined];
    const handler = pages ? `default ${method}` : method;
    return queries.flatMap((query) =>
      bodies.flatMap((body) =>
        sessions({ name: `${handler}${query ? ` ${query}` : ''}${body ? `, ${body.label}` : ''}`, method, query, ...(body ? { body: body.text } : {}) }),
      ),
    );
  });
  // A pages/api handler answers every method, so the app's requests may use one the generic scenarios do not (PATCH).
  const fixtures = Object.entries(world.handlerFixtures?.[module.filePath] ?? {}).filter(([method]) => pages || exportedMethods(module).includes(method));
  const asTheAppSendsIt = fixtures.flatMap(([method, fixture]) => {
    const request = fixture?.request;
    if (request === undefined) return [];
    const query = request.query ?? '';
    const body = request.rawBody ?? (request.body === undefined ? undefined : JSON.stringify(request.body));
    return sessions({
      name: `${pages ? `default ${method}` : method}${query ? ` ${query}` : ''}, the app's request`,
      method,
      query,
      ...(body === undefined ? {} : { body }),
      ...(request.params ? { params: request.params } : {}),
      ...(request.headers ? { headers: request.headers } : {}),
    });
  });
  return [...generic, ...asTheAppSendsIt];
}

// ---------------------------------------------------------------------------------------------------------------
// Recorders: every module the harness does not run for real.

const recorderPaths = new WeakMap<object, string>();
const mockRequests = new WeakSet<object>();
const mockResponses = new WeakSet<object>();

const isRecorder = (value: unknown): boolean => typeof value === 'function' && recorderPaths.has(value);

/**
 * A value as the call log shows it: deterministic, null apart from undefined, object keys sorted (argument order
 * of a literal does not change what a call does), requests and responses by kind, recorders by their path.
 */
export function describeValue(value: unknown, seen: Set<object> = new Set()): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'boolean':
      return String(value);
    case 'bigint':
      return `${value}n`;
    case 'symbol':
      return value.toString();
    case 'function':
      return recorderPaths.get(value) ?? '[function]';
  }
  const object = value as object;
  if (mockRequests.has(object) || object instanceof Request) return '[request]';
  if (mockResponses.has(object) || object instanceof Response) return '[response]';
  if (seen.has(object)) return '[circular]';
  // util.types rather than instanceof: what the handler's Request parses or throws comes from another realm.
  if (types.isDate(object)) return Number.isNaN(object.getTime()) ? 'Date(invalid)' : `Date(${object.toISOString()})`;
  if (types.isNativeError(object)) return `${object.name}(${JSON.stringify(object.message)})`;
  if (types.isPromise(object)) return '[promise]';
  if (ArrayBuffer.isView(object)) return `${object.constructor.name}(${Buffer.from(object.buffer, object.byteOffset, object.byteLength).toString('hex')})`;
  seen.add(object);
  try {
    if (Array.isArray(object)) return `[${object.map((item) => describeValue(item, seen)).join(', ')}]`;
    if (types.isMap(object)) return `Map{${[...object].map(([k, v]) => `${describeValue(k, seen)} => ${describeValue(v, seen)}`).join(', ')}}`;
    if (types.isSet(object)) return `Set{${[...object].map((item) => describeValue(item, seen)).join(', ')}}`;
    if (isReactElement(object)) return describeReactElement(object, seen);
    // By constructor name, not identity: JSON a Request parses comes from another realm, with its own Object.
    const constructorName = (Object.getPrototypeOf(object) as { constructor?: { name?: string } } | null)?.constructor?.name;
    const className = constructorName === undefined || constructorName === 'Object' ? '' : constructorName;
    const entries = Object.keys(object)
      .sort()
      .map((key) => `${key}: ${describeValue((object as Record<string, unknown>)[key], seen)}`);
    return `${className}{${entries.join(', ')}}`;
  } finally {
    seen.delete(object);
  }
}

/** Appends one entry to the call log of the world a recorder belongs to. */
interface ReactElementLike {
  $$typeof: symbol;
  type: unknown;
  key: unknown;
  props: Record<string, unknown>;
}

function isReactElement(object: object): object is ReactElementLike {
  return typeof (object as { $$typeof?: unknown }).$$typeof === 'symbol' && typeof (object as { props?: unknown }).props === 'object';
}

/** Children that render nothing: React draws null, undefined, true and false alike. */
const rendersNothing = (child: unknown) => child === null || child === undefined || typeof child === 'boolean';

/** An element as it renders: its type, key and props, with children that render nothing shown as one thing. */
function describeReactElement(element: ReactElementLike, seen: Set<object>): string {
  const { children, ...props } = element.props;
  const shownChildren = Array.isArray(children) ? children.map((c) => (rendersNothing(c) ? '(nothing)' : c)) : rendersNothing(children) ? [] : [children];
  const type = typeof element.type === 'string' ? element.type : describeValue(element.type, seen);
  const key = element.key === null || element.key === undefined ? '' : ` key=${describeValue(element.key, seen)}`;
  return `<${type}${key} ${describeValue(props, seen)}>${describeValue(shownChildren, seen)}</${type}>`;
}

/** Where recorders write their calls, and what the app says some of them answer (AppWorld.handlerFixtures). */
interface CallLog {
  record(entry: string): void;
  answerOf(callPath: string): ((this: AnswerContext, ...args: unknown[]) => unknown) | undefined;
  answerContext: AnswerContext;
}

const PREDICATE_NAME = /^(is|has|can)([A-Z_]|$)/;

/**
 * What a call to a recorder returns: what the app says it answers, if it does; given a function first
 * (`withRateLimit(handler)`, `rows.filter(test)`), a recorder that calls that function when called, so a
 * higher-order wrapper passes requests through; a boolean for a predicate (`isAdmin`, `canEdit`: true when some
 * argument is 'owner' or 'admin'); otherwise a recorder for the result.
 */
function answerOfCall(callPath: string, args: unknown[], log: CallLog): unknown {
  const answer = log.answerOf(callPath);
  if (answer !== undefined) return answer.apply(log.answerContext, args);
  const [first] = args;
  if (typeof first === 'function' && !isRecorder(first)) return createRecorder(`${callPath}()`, log, first as (...a: unknown[]) => unknown);
  const name = callPath.slice(callPath.lastIndexOf('.') + 1);
  if (PREDICATE_NAME.test(name)) return args.some((arg) => arg === 'owner' || arg === 'admin');
  return createRecorder(`${callPath}()`, log);
}

/**
 * A stand-in for anything a module exports: callable, constructible, chainable, awaitable (not a thenable, so
 * `await` yields it), iterable and spreadable as empty, and shown by its path in JSON, strings and the call log.
 * With `passThrough` a call goes to that function instead of the log.
 */
function createRecorder(recorderPath: string, log: CallLog, passThrough?: (...args: unknown[]) => unknown): unknown {
  const children = new Map<string, unknown>();
  const describe = () => recorderPath;
  const recorder: unknown = new Proxy(function recorded() {}, {
    get(_target, key) {
      if (key === 'then') return undefined;
      if (key === 'toJSON' || key === 'toString' || key === 'valueOf' || key === Symbol.toPrimitive) return describe;
      if (key === Symbol.iterator) return function* nothing() {};
      if (key === Symbol.asyncIterator) return async function* nothing() {};
      if (typeof key === 'symbol') return undefined;
      let child = children.get(key);
      if (child === undefined) {
        child = createRecorder(`${recorderPath}.${key}`, log);
        children.set(key, child);
      }
      return child;
    },
    apply(_target, _this, args: unknown[]) {
      if (passThrough) return passThrough(...args);
      log.record(`${recorderPath}(${args.map((arg) => describeValue(arg)).join(', ')})`);
      return answerOfCall(recorderPath, args, log);
    },
    construct(_target, args: unknown[]) {
      log.record(`new ${recorderPath}(${args.map((arg) => describeValue(arg)).join(', ')})`);
      return createRecorder(`new ${recorderPath}()`, log) as object;
    },
  });
  recorderPaths.set(recorder as object, recorderPath);
  return recorder;
}

/**
 * A module whose exports are `real`'s, and a recorder named after the export for any name it lacks (the default
 * export as `<specifier>.default`), so a module the app has in a different shape still loads.
 */
function withRecordedFallback(specifier: string, real: Record<string, unknown>, log: CallLog): Record<string, unknown> {
  const recorded = new Map<string, unknown>();
  return new Proxy(real, {
    get(target, key) {
      if (key === '__esModule') return true;
      if (typeof key === 'symbol' || key === 'then') return undefined;
      if (Object.hasOwn(target, key)) return target[key];
      let recorder = recorded.get(key);
      if (recorder === undefined) {
        recorder = createRecorder(key === 'default' ? `${specifier}.default` : key, log);
        recorded.set(key, recorder);
      }
      return recorder;
    },
  });
}

// ---------------------------------------------------------------------------------------------------------------
// One loaded copy of a route module and the world it runs in.

/** Modules run for real rather than recorded, besides Node's own and next/server (real but for its `after`). */
const REAL_PACKAGES = new Set(['react', 'react/jsx-runtime', 'react/jsx-dev-runtime']);

type RouteExport = (...args: unknown[]) => unknown;

/** The module itself rather than an import's copy of it, so the app gets the very NextResponse the harness checks for. */
const nextServer = require('next/server') as Record<string, unknown>;

interface RouteRun {
  observe(scenario: Scenario): Promise<Observation>;
}

interface WorldState {
  calls: string[];
  session: SessionShape | null;
  request: NextRequest | null;
  crypto: typeof nodeCrypto;
  randomDraws: number;
  /** What recorded functions answer in the scenario running. */
  answers: RecordedAnswers;
  /** The work the handler handed to `after()`, which runs once it has answered, in the context it was handed over in. */
  afterAnswer: (() => unknown)[];
}

/** The same user as `session` signed in through a different provider, so reading the wrong options shows. */
function sessionFromOtherOptions(session: SessionShape | null): SessionShape | null {
  return session === null ? null : { ...session, user: { ...session.user, role: 'admin-provider' } };
}

function frozenDate(now: number): DateConstructor {
  return new Proxy(Date, {
    construct: (RealDate, args: unknown[], newTarget: Function) => Reflect.construct(RealDate as Function, args.length === 0 ? [now] : args, newTarget) as object,
    apply: () => new Date(now).toString(),
    get: (RealDate, key) => (key === 'now' ? () => now : (Reflect.get(RealDate, key) as unknown)),
  });
}

const aliasesByRoot = new Map<string, [prefix: string, directory: string][]>();

/**
 * The one specifier an app module is recorded under however it is imported (`@/lib/db` for `../lib/db` and for
 * `@/lib/db/index`), so that its recorders, and the default export's name in the call log, do not depend on the
 * import's spelling: the module's path with the tsconfig alias put back and the extension and `/index` dropped.
 */
function recordedSpecifier(world: AppWorld, specifier: string, appModule: string | null): string {
  if (appModule === null) return specifier;
  let aliases = aliasesByRoot.get(world.root);
  if (aliases === undefined) {
    // Longest directory first, so `src/lib/` wins over `src/` when both have a prefix.
    aliases = Object.entries(tsconfigPathAliases(world.root)).sort(([, a], [, b]) => b.length - a.length);
    aliasesByRoot.set(world.root, aliases);
  }
  const modulePath = appModule.replace(/\.(tsx?|jsx?|mjs|cjs)$/, '').replace(/\/index$/, '');
  const alias = aliases.find(([, directory]) => modulePath.startsWith(directory));
  return alias === undefined ? specifier : `${alias[0]}${modulePath.slice(alias[1].length)}`;
}

/** Loads `module` once, in a world of its own (module cache, AsyncLocalStorage, call log). */
function loadRoute(module: RouteModuleUnderTest): RouteRun {
  const world = worldOf(module);
  const state: WorldState = { calls: [], session: null, request: null, crypto: deterministicCrypto(), randomDraws: 0, answers: {}, afterAnswer: [] };
  const record = (entry: string) => {
    if (state.calls.length >= RECORDED_CALL_LIMIT) {
      throw Object.assign(new Error(`more than ${RECORDED_CALL_LIMIT} calls to recorded modules, the last ${entry}`), { name: 'RecordedCallLimit' });
    }
    state.calls.push(entry);
  };
  const recordedModules = new Map<string, Record<string, unknown>>();
  const recordedModule = (specifier: string): Record<string, unknown> => {
    if (!recordedModules.has(specifier)) recordedModules.set(specifier, withRecordedFallback(specifier, {}, log));
    return recordedModules.get(specifier)!;
  };
  const log: CallLog = {
    record,
    answerOf: (callPath) => (Object.hasOwn(state.answers, callPath) ? (state.answers[callPath] as (this: AnswerContext, ...args: unknown[]) => unknown) : undefined),
    answerContext: { recorderOf: (specifier, exportName) => recordedModule(specifier)[exportName] },
  };
  const authOptions = { marker: world.auth.options };
  const readSession = async (...args: unknown[]) => {
    const current = state.session === null ? null : structuredClone(state.session);
    return args.at(-1) === authOptions ? current : sessionFromOtherOptions(current);
  };
  const nextAuth = withRecordedFallback('next-auth', { getServerSession: readSession, unstable_getServerSession: readSession }, log);
  const nextAuthV5 = {
    // NextAuth v5's `auth()` reads the session; `auth(handler)` wraps a route handler and hands it over as req.auth.
    auth: (...args: unknown[]) => {
      const [handler] = args;
      if (typeof handler !== 'function') return readSession(authOptions);
      return async (req: { auth?: unknown }, context: unknown) => {
        req.auth = await readSession(authOptions);
        return (handler as (req: unknown, context: unknown) => unknown)(req, context);
      };
    },
  };
  const currentRequest = () => {
    if (state.request === null) throw new Error('next/headers was called outside an App Router request');
    return state.request;
  };
  // Next.js runs what a handler hands to `after()` once the response is sent, in the async context it was handed over in.
  const after = (task: unknown) => {
    const inContext = AsyncLocalStorage.snapshot();
    state.afterAnswer.push(() => inContext(() => (typeof task === 'function' ? (task as () => unknown)() : task)));
  };
  const crypto = { ...nodeCrypto, randomUUID: () => state.crypto.randomUUID(), randomBytes: (size: number) => state.crypto.randomBytes(size) };
  const stubs: Record<string, unknown> = {
    'next-auth': nextAuth,
    'next-auth/next': nextAuth,
    'next/headers': withRecordedFallback(
      'next/headers',
      { headers: async () => currentRequest().headers, cookies: async () => currentRequest().cookies },
      log,
    ),
    'node:crypto': crypto,
    crypto,
    'next/server': new Proxy(nextServer, { get: (real, key) => (key === 'after' ? after : Reflect.get(real, key)) }),
  };
  // App modules the session comes from, found by the module an import names rather than by its spelling.
  const appStubs = new Map<string, unknown>([
    [
      world.auth.from,
      withRecordedFallback(
        world.auth.from,
        { [world.auth.options]: authOptions, ...Object.fromEntries(world.auth.otherOptions.map((name) => [name, { marker: name }])) },
        log,
      ),
    ],
    ['@/auth', withRecordedFallback('@/auth', nextAuthV5, log)],
  ]);

  const realFiles = new Map(Object.entries(world.runsForReal).map(([specifier, file]) => [file, specifier]));
  const inMemory = { ...module.modules, [module.filePath]: module.source };
  const realWithFallback = new Map<string, Record<string, unknown>>();
  const app = createAppLoader({
    root: world.root,
    sources: inMemory,
    stubs,
    stubFor: (specifier, _importer, appModule) => {
      if (appModule !== null && Object.hasOwn(inMemory, appModule)) return undefined;
      const realSpecifier = appModule === null ? undefined : realFiles.get(appModule);
      if (realSpecifier !== undefined) {
        if (!realWithFallback.has(appModule!)) realWithFallback.set(appModule!, withRecordedFallback(realSpecifier, app.load(appModule!), log));
        return realWithFallback.get(appModule!);
      }
      if (appModule === null && (REAL_PACKAGES.has(specifier) || isBuiltin(specifier))) return undefined;
      const recordedAs = recordedSpecifier(world, specifier, appModule);
      if (appStubs.has(recordedAs)) return appStubs.get(recordedAs);
      return recordedModule(recordedAs);
    },
    requireExternal: (specifier) => require(specifier) as unknown,
    globals: {
      Date: frozenDate(NOW.getTime()),
      Math: Object.create(Math, { random: { value: () => ((state.randomDraws++ * 0.618033988749895) % 1) } }) as Math,
      crypto: {
        subtle: globalThis.crypto.subtle,
        randomUUID: () => state.crypto.randomUUID(),
        getRandomValues: <T extends ArrayBufferView>(array: T): T => {
          new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(state.crypto.randomBytes(array.byteLength));
          return array;
        },
      },
      console: Object.fromEntries(['log', 'info', 'warn', 'error', 'debug', 'trace'].map((level) => [level, createRecorder(`console.${level}`, log)])),
      process: Object.create(process, { env: { value: { ...process.env, [world.secretVariable]: COOKIE_SECRET } } }) as NodeJS.Process,
    },
  });

  let loaded: { exports: Record<string, unknown> } | { error: unknown };
  try {
    loaded = { exports: app.load<Record<string, unknown>>(module.filePath) };
  } catch (error) {
    loaded = { error };
  }
  const sign = app.load<Record<string, unknown>>(world.cookieSigner.file)[world.cookieSigner.exportName];
  if (typeof sign !== 'function') throw new Error(`${world.cookieSigner.file} exports no function ${world.cookieSigner.exportName}`);
  const signTenantId = sign as (tenantId: string) => string;
  const cookies = { right: signTenantId(world.tenants.right), wrong: signTenantId(world.tenants.wrong), none: null };

  return {
    async observe(scenario) {
      state.calls = [];
      state.session = scenario.session;
      state.request = null;
      state.crypto = deterministicCrypto();
      state.randomDraws = 0;
      state.answers = world.handlerFixtures?.[module.filePath]?.[scenario.method]?.answers ?? {};
      state.afterAnswer = [];
      if ('error' in loaded) return { outcome: { threw: thrown(loaded.error) }, calls: [] };
      const handlerName = handlerOf(module, scenario);
      const handler = loaded.exports[handlerName];
      if (typeof handler !== 'function') {
        return { outcome: { threw: { name: 'MissingHandler', message: `the module exports no function ${handlerName}` } }, calls: [] };
      }
      const cookie = cookies[scenario.cookie];
      const outcome = isPagesRoute(module.filePath)
        ? await answerOfPagesHandler(handler as RouteExport, scenario, module.filePath, cookie)
        : await answerOfAppHandler(handler as RouteExport, scenario, module.filePath, cookie, (request) => (state.request = request));
      for (const task of state.afterAnswer) {
        try {
          await task();
        } catch (error) {
          state.calls.push(`after() threw ${describeValue(error)}`);
        }
      }
      return { outcome, calls: [...state.calls] };
    },
  };
}

function thrown(error: unknown): { name: string; message: string } {
  return types.isNativeError(error) ? { name: error.name, message: error.message } : { name: typeof error, message: describeValue(error) };
}

async function withinDeadline<T>(work: Promise<T>): Promise<T | { threw: { name: string; message: string } }> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<{ threw: { name: string; message: string } }>((resolve) => {
    timer = setTimeout(() => resolve({ threw: { name: 'NoAnswer', message: `no answer within ${ANSWER_DEADLINE_MS} ms` } }), ANSWER_DEADLINE_MS);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** The dynamic segments of a route file with a value each (`[invoiceId]` → 'invoiceId_1'), and `id`. */
function routeParams(filePath: string): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = { id: 'id_1' };
  for (const [, optional, rest, name] of filePath.matchAll(/\[(\[)?(\.\.\.)?([^\]]+)\]\]?/g)) {
    params[name!] = rest || optional ? [`${name}_1`] : `${name}_1`;
  }
  return params;
}

/** The URL path a route file answers: route groups dropped, dynamic segments filled in. */
function urlPath(filePath: string, params: Record<string, string | string[]>): string {
  const withoutRoot = filePath.replace(/^(src\/)?(app|pages)\//, '').replace(/(\/route|\/index)?\.[jt]sx?$|\.[mc]js$/, '');
  const segments = withoutRoot
    .split('/')
    .filter((segment) => !/^\(.*\)$/.test(segment) && !segment.startsWith('@'))
    .map((segment) => {
      const name = /^\[\[?(?:\.\.\.)?([^\]]+)\]\]?$/.exec(segment)?.[1];
      return name === undefined ? segment : [params[name] ?? ''].flat().join('/');
    });
  return `/${segments.join('/')}`;
}

async function answerOfAppHandler(
  handler: RouteExport,
  scenario: Scenario,
  filePath: string,
  cookie: string | null,
  setCurrentRequest: (request: NextRequest) => void,
): Promise<Observation['outcome']> {
  const params = { ...routeParams(filePath), ...scenario.params };
  const request = new NextRequest(`http://localhost:3000${urlPath(filePath, params)}${scenario.query}`, {
    method: scenario.method,
    headers: { ...(cookie === null ? {} : { cookie: `tenant_sig=${cookie}` }), 'content-type': 'application/json', ...scenario.headers },
    ...(scenario.body === undefined ? {} : { body: scenario.body }),
  });
  setCurrentRequest(request);
  return withinDeadline(
    (async (): Promise<Observation['outcome']> => {
      let returned: unknown;
      try {
        returned = await handler(request, { params: Promise.resolve(params) });
      } catch (error) {
        return { threw: thrown(error) };
      }
      // Next.js answers anything but a Response with its own 500, whatever the value was.
      if (!(returned instanceof Response)) return { noResponse: true };
      const headers: Record<string, string> = {};
      for (const [name, value] of returned.headers) headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
      return { status: returned.status, headers: sortedKeys(headers), body: await returned.text() };
    })(),
  );
}

/** Header names as Node.js gives them to a pages/api handler. */
function lowerCaseKeys(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

function sortedKeys(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** A pages/api request and response pair whose final status, headers and body become the answer. */
function pagesExchange(scenario: Scenario, filePath: string, cookie: string | null) {
  const params = { ...routeParams(filePath), ...scenario.params };
  const query: Record<string, string | string[]> = { ...params };
  for (const [key, value] of new URLSearchParams(scenario.query)) {
    // Next.js lets a dynamic segment win over a query parameter of the same name.
    if (key in params) continue;
    const seen = query[key];
    query[key] = seen === undefined ? value : [seen, value].flat();
  }
  // What Next.js's body parser gives a handler: {} for an empty JSON request, the text when it does not parse.
  let body: unknown = {};
  if (scenario.body !== undefined) {
    try {
      body = JSON.parse(scenario.body);
    } catch {
      body = scenario.body;
    }
  }
  const raw = scenario.body;
  const req = {
    method: scenario.method,
    query,
    headers: { ...(cookie === null ? {} : { cookie: `tenant_sig=${cookie}` }), 'content-type': 'application/json', ...lowerCaseKeys(scenario.headers ?? {}) },
    cookies: cookie === null ? {} : { tenant_sig: cookie },
    body,
    url: `${urlPath(filePath, params)}${scenario.query}`,
    // The request is a stream too, for a handler that turns Next.js's body parser off and reads the bytes itself.
    async *[Symbol.asyncIterator]() {
      if (raw !== undefined) yield Buffer.from(raw);
    },
  };
  mockRequests.add(req);

  let ended: Answer | null = null;
  /** What `res.write` streamed before the response ended. */
  let written = '';
  const headers: Record<string, string> = {};
  // Once the response is sent, later writes are lost, as they are on a real socket.
  const end = (text: string) => {
    ended ??= { status: res.statusCode, headers: sortedKeys(headers), body: written + text };
  };
  const res = {
    statusCode: 200,
    status(code: number) {
      res.statusCode = code;
      return res;
    },
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
      return res;
    },
    getHeader: (name: string) => headers[name.toLowerCase()],
    json(value: unknown) {
      headers['content-type'] ??= 'application/json; charset=utf-8';
      end(JSON.stringify(value) ?? '');
    },
    send(value: unknown) {
      if (typeof value === 'object' && value !== null && !Buffer.isBuffer(value)) return res.json(value);
      end(value === undefined ? '' : String(value));
    },
    write(chunk: unknown) {
      if (ended === null) written += String(chunk);
      return true;
    },
    end(value?: unknown) {
      end(value === undefined ? '' : String(value));
      return res;
    },
    redirect(statusOrUrl: number | string, url?: string) {
      res.statusCode = typeof statusOrUrl === 'number' ? statusOrUrl : 307;
      headers.location = typeof statusOrUrl === 'string' ? statusOrUrl : (url ?? '');
      end('');
      return res;
    },
  };
  mockResponses.add(res);
  return { req, res, answer: (): Answer | null => ended };
}

async function answerOfPagesHandler(handler: RouteExport, scenario: Scenario, filePath: string, cookie: string | null): Promise<Observation['outcome']> {
  const { req, res, answer } = pagesExchange(scenario, filePath, cookie);
  return withinDeadline(
    (async (): Promise<Observation['outcome']> => {
      try {
        await handler(req, res);
      } catch (error) {
        return { threw: thrown(error) };
      }
      return answer() ?? { noResponse: true };
    })(),
  );
}

const loadedForObserve = new WeakMap<RouteModuleUnderTest, RouteRun>();

/** What `module` answers in `scenario`; a module object is loaded once and reused by later calls. */
export async function observe(module: RouteModuleUnderTest, scenario: Scenario): Promise<Observation> {
  let run = loadedForObserve.get(module);
  if (run === undefined) {
    run = loadRoute(module);
    loadedForObserve.set(module, run);
  }
  return run.observe(scenario);
}

// ---------------------------------------------------------------------------------------------------------------
// Comparison.

/** Every export of a route module wrapped around a handler that must never run: its answers are the wrapper's own. */
function wrapperProbe(module: RouteModuleUnderTest): RouteModuleUnderTest {
  const unreachable = `async () => { throw new Error('the wrapper let the request through') }`;
  const app = worldOf(module);
  const { from, appRouter, pages } = app.wrappers;
  return {
    filePath: module.filePath,
    app,
    source: [
      `import { ${pages}, ${appRouter} } from '${from}'`,
      ...HTTP_METHODS.map((method) => `export const ${method} = ${appRouter}(${unreachable})`),
      `export default ${pages}(${unreachable})`,
    ].join('\n'),
  };
}

function describeOutcome(outcome: Observation['outcome']): string {
  if ('threw' in outcome) return `threw ${outcome.threw.name}: ${outcome.threw.message}`;
  if ('noResponse' in outcome) return 'no response';
  return `${outcome.status} ${outcome.body}`;
}

/** What changed between two observations, in the words a reviewer would use. */
export function describeChange(before: Observation, after: Observation): string {
  const changes: string[] = [];
  const [was, is] = [before.outcome, after.outcome];
  if ('status' in was && 'status' in is) {
    if (was.status !== is.status) changes.push(`status ${was.status} → ${is.status}`);
    if (was.body !== is.body) changes.push(`body ${was.body} → ${is.body}`);
    for (const name of [...new Set([...Object.keys(was.headers), ...Object.keys(is.headers)])].sort()) {
      if (was.headers[name] !== is.headers[name]) changes.push(`header ${name} ${was.headers[name] ?? '(none)'} → ${is.headers[name] ?? '(none)'}`);
    }
  } else if (!isDeepStrictEqual(was, is)) {
    changes.push(`${describeOutcome(was)} → ${describeOutcome(is)}`);
  }
  const unmatched = (from: string[], against: string[]) => {
    const left = [...against];
    return from.filter((call) => {
      const at = left.indexOf(call);
      if (at === -1) return true;
      left.splice(at, 1);
      return false;
    });
  };
  const dropped = unmatched(before.calls, after.calls);
  const added = unmatched(after.calls, before.calls);
  if (dropped.length > 0) changes.push(`no longer calls ${dropped.join(', ')}`);
  if (added.length > 0) changes.push(`now calls ${added.join(', ')}`);
  if (dropped.length === 0 && added.length === 0 && !isDeepStrictEqual(before.calls, after.calls)) {
    changes.push(`calls in another order: ${after.calls.join(', ')}`);
  }
  return changes.join('; ');
}

interface AcceptedAnswers {
  /** What the wrapper itself answers this scenario, before any handler runs. */
  wrapper: () => Promise<Observation>;
  /** What the migrated module answers the same request with no session at all. */
  afterWithoutSession: () => Promise<Observation>;
  anonymousAccepted: boolean;
}

/**
 * The documented exceptions: the only ways a migrated handler may answer differently from the original.
 *  - signed-in (session with id and tenantId, matching cookie): none; the answer and the calls are the original's.
 *  - anonymous: none, unless the handler was migrated with the wrapper's anonymous response (`anonymousAccepted`):
 *    then it must answer exactly as the wrapper does, its 401.
 *  - wrong-tenant (cookie for another tenant, or none): the original's answer, or the wrapper's 403.
 *  - no-tenant-in-session: the original's answer, or whatever the migrated module answers with no session at all,
 *    since the wrapper treats a session without a tenant as no session.
 * Returns why `after` breaks the promise, or null when it keeps it.
 */
async function breachOfPromise(scenario: Scenario, before: Observation, after: Observation, accepted: AcceptedAnswers): Promise<string | null> {
  const same = isDeepStrictEqual(before, after);
  switch (scenario.kind) {
    case 'signed-in':
      return same ? null : `a signed-in caller must get the original answer and calls: ${describeChange(before, after)}`;
    case 'anonymous': {
      if (!accepted.anonymousAccepted) return same ? null : `an anonymous caller must get the original answer and calls: ${describeChange(before, after)}`;
      const wrapper = await accepted.wrapper();
      return isDeepStrictEqual(after, wrapper) ? null : `an anonymous caller must get the wrapper's own 401: ${describeChange(wrapper, after)}`;
    }
    case 'wrong-tenant': {
      if (same) return null;
      const wrapper = await accepted.wrapper();
      const wrapperRefuses = 'status' in wrapper.outcome && wrapper.outcome.status === 403;
      if (wrapperRefuses && isDeepStrictEqual(after, wrapper)) return null;
      return `a caller with another tenant's cookie must get the original answer or the wrapper's 403: ${describeChange(before, after)}`;
    }
    case 'no-tenant-in-session': {
      if (same) return null;
      const anonymous = await accepted.afterWithoutSession();
      if (isDeepStrictEqual(after, anonymous)) return null;
      return `a session without a tenant must get the original answer or the migrated module's anonymous one: ${describeChange(before, after)}`;
    }
  }
}

export interface Comparison {
  scenarios: number;
  differences: BehaviourDifference[];
  /** What `before` answered in each scenario, in order: whether the comparison reached a handler's success path. */
  observedBefore: { scenario: Scenario; observation: Observation }[];
}

/**
 * Runs every scenario on `before` and `after`, each loaded once, and lists every answer `after` gives that the
 * documented exceptions (breachOfPromise) do not allow.
 */
export async function compareBehaviour(before: RouteModuleUnderTest, after: RouteModuleUnderTest, opts: CompareOptions = {}): Promise<Comparison> {
  const scenarios = opts.scenarios ?? scenariosForPair(before, after);
  const original = loadRoute(before);
  const migrated = loadRoute(after);
  // Extra requests run on copies of their own, so they cannot change the state the compared copies carry along.
  let probe: RouteRun | undefined;
  let migratedWithoutSession: RouteRun | undefined;
  const differences: BehaviourDifference[] = [];
  const observedBefore: Comparison['observedBefore'] = [];
  for (const scenario of scenarios) {
    const was = await original.observe(scenario);
    observedBefore.push({ scenario, observation: was });
    const is = await migrated.observe(scenario);
    const why = await breachOfPromise(scenario, was, is, {
      wrapper: () => (probe ??= loadRoute(wrapperProbe(after))).observe(scenario),
      afterWithoutSession: () => (migratedWithoutSession ??= loadRoute(after)).observe({ ...scenario, session: null }),
      anonymousAccepted: (opts.anonymousAccepted ?? []).includes(handlerOf(after, scenario)),
    });
    if (why !== null) differences.push({ scenario: scenario.name, before: was, after: is, why });
  }
  return { scenarios: scenarios.length, differences, observedBefore };
}

/** The scenarios of `before`, and of any handler only `after` exports (a new export is a difference too). */
export function scenariosForPair(before: RouteModuleUnderTest, after: RouteModuleUnderTest): Scenario[] {
  const scenarios = scenariosFor(before);
  const names = new Set(scenarios.map((s) => s.name));
  return [...scenarios, ...scenariosFor(after).filter((s) => !names.has(s.name))];
}
