import type { HandlerStatus } from '@tenant-isolation/core';
import type { FileError, HandlerReport, Ratio, RouteReport, SessionCallReport, Summary } from '../model';
import { summarize } from '../summary';

/** A handler with the route module it is exported from: what every table and finding lists. */
export interface HandlerRow {
  route: RouteReport;
  handler: HandlerReport;
}

export function handlerRows(routes: readonly RouteReport[]): HandlerRow[] {
  return routes.flatMap((route) => route.handlers.map((handler) => ({ route, handler })));
}

/** Statuses that leave work for a human; `partial` counts as migrated, yet still reads the session. */
export const WORK_LEFT_STATUSES: readonly HandlerStatus[] = ['unmigrated', 'suppressed', 'partial', 'error'];

export const hasWorkLeft = (status: HandlerStatus): boolean => WORK_LEFT_STATUSES.includes(status);

/** Most urgent first: the order status sorts in and filters are offered in. */
export const STATUS_ORDER: readonly HandlerStatus[] = ['unmigrated', 'suppressed', 'error', 'partial', 'unwrapped', 'public', 'migrated'];

export const STATUS_MEANINGS: Record<HandlerStatus, string> = {
  migrated: 'wrapped, reads no session directly',
  partial: 'wrapped, still reads the session directly',
  unmigrated: 'not wrapped, reads the session',
  suppressed: 'not wrapped, session read under eslint-disable',
  unwrapped: 'not wrapped, reads no session',
  public: 'listed in publicRoutes',
  error: 'could not be analyzed',
};

export interface SummaryCount {
  label: string;
  count: number;
  /** The handler status counted, or null for the files that could not be parsed. */
  status: HandlerStatus | null;
}

/** The counts every format shows, in the order DESIGN.md lists the statuses. */
export function summaryCounts(summary: Summary): SummaryCount[] {
  return [
    { label: 'migrated', count: summary.migrated, status: 'migrated' },
    { label: 'partial', count: summary.partial, status: 'partial' },
    { label: 'unmigrated', count: summary.unmigrated, status: 'unmigrated' },
    { label: 'suppressed', count: summary.suppressed, status: 'suppressed' },
    { label: 'unwrapped', count: summary.unwrapped, status: 'unwrapped' },
    { label: 'public', count: summary.public, status: 'public' },
    { label: summary.errors === 1 ? 'route file not parsed' : 'route files not parsed', count: summary.errors, status: null },
  ];
}

/** How a finding names a handler: `GET /api/invoices`, not just `GET`. */
export function handlerLabel({ route, handler }: HandlerRow): string {
  switch (route.kind) {
    case 'app-route':
      return `${handler.name} ${route.urlPath}`;
    case 'pages-api':
      return handler.name === 'default' ? `${route.urlPath} (default export)` : `${handler.name} ${route.urlPath}`;
    case 'server-action':
      return `server action ${handler.name} (${route.file})`;
  }
}

export const formatVia = (via: readonly string[]): string => via.join(' → ');

/** `getServerSession at lib/auth.ts:8 via loadInvoice → getCurrentUser (lib/auth.ts)`. */
export function describeSessionCall(call: SessionCallReport): string {
  const at = `${call.getter} at ${call.file}:${call.line}`;
  return call.via.length > 0 ? `${at} via ${formatVia(call.via)}` : at;
}

/** Migration coverage of some routes (one, or a directory of them), computed exactly as the report's summary is. */
export const migrationRatio = (routes: readonly RouteReport[]): Ratio => summarize(routes, [], false).coverage;

/** `app/api/x/route.ts:3:5`, with the 1-based column editors and terminals expect. */
export const errorLocation = (error: FileError): string => `${error.file}:${error.line}:${error.column + 1}`;

export const ERROR_KIND_WORDS: Record<FileError['kind'], string> = { route: 'route file', module: 'module a route imports' };

/** Text from the code base on one line, for formats where a line break would end a row or a command. */
export const oneLine = (text: string): string => text.replace(/\s*[\r\n]+\s*/g, ' ');

export const plural = (count: number, one: string, many = `${one}s`): string => `${count} ${count === 1 ? one : many}`;
