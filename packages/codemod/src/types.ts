import type { HandlerStatus, Range, RouteKind } from '@tenant-isolation/core';

export interface ContextReadPlacement {
  key: string;
  optional: boolean;
  before: Range;
  after: Range;
}

/** What the codemod does with a handler whose session read it cannot rewrite safely. */
export type OnUnsafe = 'skip' | 'wrap-only';

/**
 * Who answers a caller without a session when the handler's own answer differs from the wrapper's: `keep` (default)
 * keeps the handler's answer behind `{ requireAuth: false }`; `wrapper` lets the wrapper answer, for handlers that
 * turned every such caller away, and the report lists each with its answer before and after.
 */
export type AnonymousResponse = 'keep' | 'wrapper';

export interface MigrateOptions {
  /** `skip` (default) leaves such a handler alone; `wrap-only` wraps it and keeps the session read (status partial). */
  onUnsafe?: OnUnsafe;
  anonymousResponse?: AnonymousResponse;
  /**
   * Told each text the migration parses, with its parse: the module as read, then its rewrite when it returns one.
   * The run reads the project scan's facts from these, so the scan does not parse them again. Stays in the thread.
   */
  onParsed?: (parsed: import('@tenant-isolation/core').ParsedModule, text: string) => void;
  /** Handlers to leave as they are, by export name, with the reason their outcome gives. */
  leaveAlone?: Readonly<Record<string, string>>;
}

/** What callers without a session got from the handler (one answer per path), and get from the wrapper now. */
export interface AnonymousAnswerChange {
  before: string[];
  after: string;
}

/** A session path the handler reads that `sessionMapping` lacks (`user.isAdmin`), and how many times it reads it. */
export interface UnmappedRead {
  path: string;
  reads: number;
}

/**
 * Where the function of a route handler taken from another module (`export { default } from '…'`) is, for a route
 * file whose handler was rewritten there (`migratedIn`), or wrapped in the route file while the module that defines
 * it stays as it is because other files use it too (`definedIn`). Paths are project-relative.
 */
export interface HandlerModule {
  migratedIn?: string;
  definedIn?: string;
}

export type HandlerOutcome =
  | ({ handler: string; line: number; outcome: 'migrated'; requireAuth: boolean; anonymous?: AnonymousAnswerChange } & HandlerModule)
  | ({ handler: string; line: number; outcome: 'wrapped-only'; requireAuth: boolean; reason: string; unmapped?: UnmappedRead[] } & HandlerModule)
  | { handler: string; line: number; outcome: 'skipped'; reason: string; unmapped?: UnmappedRead[] };

/**
 * A module a route file takes its handlers from (`export { default } from '@/features/teams/api/list'`): the
 * exports that serve the route, and the kind of route they serve.
 */
export interface RouteSource {
  routeKind: Exclude<RouteKind, 'server-action'>;
  exports: readonly string[];
}

export interface ModuleMigration {
  /** The new text, or null when the module is left as it was. */
  output: string | null;
  /** One entry per handler that was unmigrated before the run. */
  handlers: HandlerOutcome[];
  /** The status of every handler before the rewrite, and after it (the same when nothing changed). */
  statusesBefore: HandlerStatus[];
  statusesAfter: HandlerStatus[];
  /**
   * The context reads the rewrite put where the session was read: the key, whether it reads the optional context,
   * and the ranges of the session read in the source and of the context read in the output.
   */
  contextReads?: ContextReadPlacement[];
  /** Handlers whose function is in another module (`export { default } from '…'`), which the run follows there. */
  definedElsewhere?: string[];
  /** Set when the module does not parse; nothing is rewritten then. */
  error?: { line: number; column: number; message: string };
}
