import type { HandlerStatus, QueryFinding, RequestSource, RouteKind } from '@tenant-isolation/core';

/**
 * The typed report every reporter, the gate and `report merge` read. Its JSON form is the `json` format, documented
 * in docs/report-schema.md; `schemaVersion` changes whenever a field changes meaning or goes away.
 */
export const REPORT_SCHEMA_VERSION = 2;

export interface Report {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  tool: { name: 'tenant-isolation'; version: string };
  /** The status-icon thresholds from the config's `report` key, in percent of migration coverage. */
  thresholds: Thresholds;
  /** Set when this report is one slice of a sharded scan; null for a whole scan or a merge of all shards. */
  shard: Shard | null;
  summary: Summary;
  /** Every route module scanned, sorted by file; each with its handlers in source order. */
  routes: RouteReport[];
  /** Route modules (and modules they lead to) that could not be parsed: listed, never counted as migrated. */
  errors: FileError[];
  /** The Prisma schema files the query figure was measured against, project-relative; null when none was found. */
  prismaSchema: string[] | null;
}

export interface Thresholds {
  /** Below this migration coverage the headline carries a warning icon. */
  warnBelow: number;
  /** Below this migration coverage the headline carries a failure icon. */
  failBelow: number;
  /** Below this query-scoping share the gate fails (`report.queryScopingFailBelow`). */
  queryScopingFailBelow: number;
}

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** `covered` of `total`, and the percentage; `percent` is null when `total` is 0. */
export interface Ratio {
  covered: number;
  total: number;
  percent: number | null;
}

export interface Summary {
  handlers: number;
  migrated: number;
  partial: number;
  unmigrated: number;
  unwrapped: number;
  public: number;
  suppressed: number;
  /** Route files that could not be parsed (their handlers are unknown). */
  errors: number;
  /** Migration coverage: (migrated + partial) / (migrated + partial + unmigrated + suppressed + error). */
  coverage: Ratio;
  /** Wrapper coverage: wrapped handlers / (all handlers − public); the default-deny figure. */
  wrapperCoverage: Ratio;
  /**
   * Query scoping: the Prisma queries on tenant-scoped models that route handlers reach and that constrain the
   * verified tenant / all of them (a suppressed finding is not scoped); null without a Prisma schema.
   */
  queryScoping: Ratio | null;
  /** The same figure per model, by model name; empty without a Prisma schema. */
  queryScopingByModel: Record<string, Ratio>;
}

export type QueryStatus = 'scoped' | 'unscoped' | 'suppressed';

/** A Prisma query on a tenant-scoped model that handlers of the route reach. */
export interface QueryReport {
  /** Where the finding is (the operation's name, or the tenant value), or the operation's name when scoped. */
  line: number;
  column: number;
  model: string;
  /** `findMany`, `create`, `$queryRaw`… */
  operation: string;
  /** The handlers that reach it. */
  handlers: string[];
  status: QueryStatus;
  /** What `require-tenant-scoped-query` reports of it; null when scoped. */
  finding: QueryFinding | null;
  /** For a `clientTenantValue` finding: the part of the request the tenant came from. */
  source: RequestSource | null;
}

export interface RouteReport {
  /** Project-relative, `/`-separated. */
  file: string;
  /** The URL path Next.js serves the module at: `/api/invoices/[id]`. */
  urlPath: string;
  kind: RouteKind;
  handlers: HandlerReport[];
  /** The Prisma queries on tenant-scoped models its handlers reach, in source order (none without a schema). */
  queries: QueryReport[];
}

export interface HandlerReport {
  /** The exported name: an HTTP method, `default`, or a server action's name. */
  name: string;
  status: HandlerStatus;
  /** Where the handler is exported, in its route file (1-based). */
  line: number;
  column: number;
  /** The callees around the handler's function, outermost first: `['withRateLimit', 'withTenantContext']`. */
  wrapperChain: string[];
  /** Set when the handler's code is in another module (`export { GET } from './x'`): that module. */
  definedIn: string | null;
  /** The session calls the handler reaches, each once, in the order found. */
  sessionCalls: SessionCallReport[];
  /** Why the handler has its status, in words for a reviewer; null when the status says it all. */
  reason: string | null;
}

export interface SessionCallReport {
  /** The module the call is in: the route file itself, or a module reached through imported helpers. */
  file: string;
  line: number;
  column: number;
  /** The configured getter called: `getServerSession`, or an indirect getter such as `requireAdmin`. */
  getter: string;
  /**
   * The functions between the handler and the call, in call order. Functions of another module are written
   * `name (file)`: `['loadInvoice', 'getCurrentUser (lib/auth.ts)']`.
   */
  via: string[];
}

export interface FileError {
  file: string;
  /** `route` for a route file (its handlers are unknown), `module` for a module a route leads to. */
  kind: 'route' | 'module';
  line: number;
  column: number;
  message: string;
}

/** A helper the scan found that reads the session for the routes that call it: a candidate indirect getter. */
export interface DiscoveredGetter {
  name: string;
  /** The module specifiers to configure: each way routes import it (`@/lib/auth`, a barrel `@/lib`). */
  from: string[];
  /** Where it is defined, project-relative. */
  file: string;
  /** The route handlers that call it (`app/api/x/route.ts#GET`). */
  calledBy: string[];
}
