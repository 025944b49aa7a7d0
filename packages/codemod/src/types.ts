import type { HandlerStatus } from '@tenant-isolation/core';

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

export type HandlerOutcome =
  | { handler: string; line: number; outcome: 'migrated'; requireAuth: boolean; anonymous?: AnonymousAnswerChange }
  | { handler: string; line: number; outcome: 'wrapped-only'; requireAuth: boolean; reason: string; unmapped?: UnmappedRead[] }
  | { handler: string; line: number; outcome: 'skipped'; reason: string; unmapped?: UnmappedRead[] };

export interface ModuleMigration {
  /** The new text, or null when the module is left as it was. */
  output: string | null;
  /** One entry per handler that was unmigrated before the run. */
  handlers: HandlerOutcome[];
  /** The status of every handler before the rewrite, and after it (the same when nothing changed). */
  statusesBefore: HandlerStatus[];
  statusesAfter: HandlerStatus[];
  /** Set when the module does not parse; nothing is rewritten then. */
  error?: { line: number; column: number; message: string };
}
