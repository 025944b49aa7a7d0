import type { FileError, Report, Shard } from './model';
import { summarize } from './summary';

/** Thrown for shard arguments and shard sets that cannot be used; the CLI prints the message and exits 2. */
export class ShardError extends Error {
  override name = 'ShardError';
}

/** `3/8` → `{ index: 3, count: 8 }`; shards are numbered from 1, as CI job matrices usually are. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || index < 1 || index > count) {
    throw new ShardError(`--shard expects i/n with 1 ≤ i ≤ n (e.g. 2/4), got "${text}".`);
  }
  return { index, count };
}

/**
 * Whether a route file belongs to a shard. The file's path is hashed (FNV-1a), so the slices stay balanced and a
 * file keeps its shard when others are added or removed, on every machine.
 */
export function inShard(file: string, shard: Shard): boolean {
  let hash = 0x811c9dc5;
  for (let i = 0; i < file.length; i++) {
    hash ^= file.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % shard.count === shard.index - 1;
}

/**
 * Joins the reports of the shards of one scan into the report of the whole scan. Every shard of the same count
 * must be there exactly once, from the same tool version and thresholds; a module error that several shards met
 * is listed once.
 */
export function mergeReports(reports: readonly Report[]): Report {
  if (reports.length === 0) throw new ShardError('report merge needs at least one report.');
  const first = reports[0]!;
  const count = first.shard?.count ?? 1;
  const seen = new Set<number>();
  for (const report of reports) {
    if (!report || typeof report !== 'object' || !Array.isArray(report.routes) || !Array.isArray(report.errors) || !report.summary) {
      throw new ShardError('one of the files is not a tenant-isolation JSON report (written with --format json).');
    }
    if (report.schemaVersion !== first.schemaVersion) {
      throw new ShardError(`the reports have different schema versions (${first.schemaVersion} and ${report.schemaVersion}).`);
    }
    if (!report.shard) throw new ShardError('report merge joins shard reports (written with --shard i/n); one of the reports is a whole scan.');
    if (report.shard.count !== count) throw new ShardError(`the reports come from different shard counts (${count} and ${report.shard.count}).`);
    if (seen.has(report.shard.index)) throw new ShardError(`shard ${report.shard.index}/${count} is given twice.`);
    if (report.tool.version !== first.tool.version) {
      throw new ShardError(`the reports come from different tenant-isolation versions (${first.tool.version} and ${report.tool.version}).`);
    }
    seen.add(report.shard.index);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0) throw new ShardError(`shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} missing: merge needs all ${count}.`);
  const routes = reports.flatMap((r) => r.routes).sort((a, b) => compareText(a.file, b.file));
  const errors = new Map<string, FileError>();
  // A file can fail as a route in its own shard and as a module another shard's route imports: both are kept.
  for (const error of reports.flatMap((r) => r.errors)) errors.set(`${error.kind}:${error.file}:${error.line}:${error.column}:${error.message}`, error);
  const mergedErrors = [...errors.values()].sort(compareErrors);
  return { ...first, shard: null, summary: summarize(routes, mergedErrors, first.prismaSchema !== null), routes, errors: mergedErrors };
}

/** The order files appear in a report: by code unit, the same on every machine and locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareErrors(a: FileError, b: FileError): number {
  return compareText(a.file, b.file) || compareText(a.kind, b.kind) || a.line - b.line || a.column - b.column || compareText(a.message, b.message);
}
