import type { HandlerStatus } from './types';

export type StatusCounts = Record<HandlerStatus, number>;

export interface Coverage {
  counts: StatusCounts;
  /** All handlers, public ones included. */
  handlers: number;
  /** (migrated + partial) / (migrated + partial + unmigrated + suppressed + error), in percent; null when nothing is in scope. */
  migrationCoverage: number | null;
  migrated: number;
  /** The migration denominator: handlers that read the session or already go through the wrapper. */
  inScope: number;
  /** Wrapped handlers / (all handlers − public), in percent: the default-deny figure; null when there are none. */
  wrapperCoverage: number | null;
}

export const emptyCounts = (): StatusCounts => ({
  migrated: 0,
  partial: 0,
  unmigrated: 0,
  unwrapped: 0,
  public: 0,
  suppressed: 0,
  error: 0,
});

const percent = (part: number, whole: number): number | null => (whole === 0 ? null : (part / whole) * 100);

/** The figures of DESIGN section 4 from a list of handler statuses. */
export function computeCoverage(statuses: Iterable<HandlerStatus>): Coverage {
  const counts = emptyCounts();
  let handlers = 0;
  for (const status of statuses) {
    counts[status]++;
    handlers++;
  }
  const migrated = counts.migrated + counts.partial;
  // A handler whose session reads cannot be told (`error`: a module it uses does not parse) stays in the
  // denominator: leaving it out would let breaking a helper raise the figure.
  const inScope = migrated + counts.unmigrated + counts.suppressed + counts.error;
  return {
    counts,
    handlers,
    migrationCoverage: percent(migrated, inScope),
    migrated,
    inScope,
    wrapperCoverage: percent(migrated, handlers - counts.public),
  };
}

/** `124/150 (82.7%)`: one decimal, never rounded up to 100 while anything is left. */
export function formatCoverage(part: number, whole: number): string {
  if (whole === 0) return '0/0 (n/a)';
  const exact = (part / whole) * 100;
  const shown = part < whole && exact > 99.9 ? 99.9 : Math.round(exact * 10) / 10;
  return `${part}/${whole} (${shown.toFixed(1)}%)`;
}
