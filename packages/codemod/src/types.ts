import type { HandlerStatus } from '@tenant-isolation/core';

/** What the codemod does with a handler whose session read it cannot rewrite safely. */
export type OnUnsafe = 'skip' | 'wrap-only';

export interface MigrateOptions {
  /** `skip` (default) leaves such a handler alone; `wrap-only` wraps it and keeps the session read (status partial). */
  onUnsafe?: OnUnsafe;
}

export type HandlerOutcome =
  | { handler: string; line: number; outcome: 'migrated'; requireAuth: boolean }
  | { handler: string; line: number; outcome: 'wrapped-only'; requireAuth: boolean; reason: string }
  | { handler: string; line: number; outcome: 'skipped'; reason: string };

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
