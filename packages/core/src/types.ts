import type { TSESTree } from '@typescript-eslint/types';

/** HTTP methods Next.js calls on an App Router `route.ts` module. */
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type RouteKind = 'app-route' | 'pages-api' | 'server-action';

/** See DESIGN.md section 4 for what each status means and how it counts. */
export type HandlerStatus =
  | 'migrated'
  | 'partial'
  | 'unmigrated'
  | 'unwrapped'
  | 'public'
  | 'suppressed'
  | 'error';

/** Source offsets `[start, end)`: the same whichever parser produced the tree. */
export type Range = [number, number];

/** 1-based line, 0-based column, as ESTree locations are. */
export interface Position {
  line: number;
  column: number;
}

export interface Located {
  range: Range;
  loc: { start: Position; end: Position };
}

/** One call in the chain of calls around a handler's function, outermost first. */
export interface WrapperCall extends Located {
  /** The callee as written, e.g. `withTenantContext` or `api.withTenantContext`. */
  callee: string;
  /** The configured wrapper it resolves to, or null for any other call (rate limiters, loggers…). */
  wrapper: string | null;
  /** True when the call passes arguments besides the wrapped function (e.g. `{ requireAuth: false }`). */
  hasOptions: boolean;
}

export type SessionGetterKind = 'direct' | 'indirect';

export interface SessionCallSite extends Located {
  /** The configured getter the call resolves to (`getServerSession`, `requireAdmin`, …). */
  getter: string;
  /** The module the getter is configured from, as the file imports it. */
  module: string;
  kind: SessionGetterKind;
  /** The callee as written (`getServerSession`, `nextAuth.getServerSession`, `getSession`). */
  callee: string;
  /** False when the getter is referenced without being called here (`cache(getServerSession)`). */
  called: boolean;
}

/** A session call site as reached from one handler, with the local functions it went through. */
export interface ReachedSessionCall {
  site: SessionCallSite;
  /** Names of the same-module functions between the handler and the call, in call order. */
  via: string[];
}

/**
 * A name imported from another module that a handler refers to, directly or through same-module functions. One file
 * cannot tell whether it reads the session; the report follows it across files.
 */
export interface ImportedReference extends Located {
  /** The module specifier as the file writes it (`@/lib/auth`, `../../lib/db`). */
  module: string;
  /** The export it reads: the imported name, `default`, or the member of a namespace import (`auth.requireUser`). */
  name: string;
  /** Names of the same-module functions between the handler and the reference, in call order. */
  via: string[];
}

export type FunctionLike =
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression
  | TSESTree.ArrowFunctionExpression;

/** How the export's value was found: a function in this module, a re-export, or something not analyzable here. */
export type HandlerSource =
  | { kind: 'local' }
  | { kind: 're-export'; from: string; importedName: string }
  | { kind: 'imported'; from: string; importedName: string }
  | { kind: 'opaque'; reason: string };

export interface HandlerAnalysis {
  /** The exported name: an HTTP method, `default`, or a server action's name. */
  name: string;
  routeKind: RouteKind;
  /** The export statement or specifier that makes this a handler. */
  exportNode: Located;
  /** The handler's own function, when it is in this module. */
  functionRange: Range | null;
  /** True when the function is written directly in the export (`export async function GET`, `export const GET = async () => …`). */
  inlineFunction: boolean;
  source: HandlerSource;
  wrapperChain: WrapperCall[];
  wrapped: boolean;
  sessionCalls: ReachedSessionCall[];
  /** The imported names the handler reaches, in source order; only when the analysis is asked to follow imports. */
  importedReferences?: ImportedReference[];
  status: HandlerStatus;
  /**
   * With the `reachedBodies` option: the code the handler runs in this module, its function (or wrapper call) and
   * the same-module functions and values it reaches, transitively.
   */
  reachedBodies?: Range[];
  /** Why a handler is public, from the matching `publicRoutes` entry. */
  publicReason?: string;
}

export interface ModuleAnalysis {
  routeKind: RouteKind | null;
  /** The URL path Next.js serves the module at (`/api/invoices/[id]`), when the file path is known. */
  urlPath: string | null;
  handlers: HandlerAnalysis[];
  /** Every call of a configured session getter in the module, reached by a handler or not. */
  sessionCallSites: SessionCallSite[];
  /** `export * from '…'` sources: handlers the report resolves across files. */
  exportAllFrom: string[];
  /** The most urgent handler status in the module, or null when it exports no handlers. */
  status: HandlerStatus | null;
}
