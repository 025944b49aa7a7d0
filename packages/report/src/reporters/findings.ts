import type { HandlerStatus } from '@tenant-isolation/core';
import type { Report } from '../model';
import { compareText } from '../shard';
import { describeSessionCall, handlerLabel, handlerRows, type HandlerRow } from './handler-rows';

export type FindingLevel = 'error' | 'warning' | 'note';

/** A kind of handler that leaves work: a SARIF rule, a GitHub annotation title. */
export interface FindingRule {
  /** Without the `tenant-isolation/` prefix; also the anchor of its section in docs/report-formats.md. */
  id: string;
  /** PascalCase, for SARIF's `name`. */
  name: string;
  status: HandlerStatus;
  level: FindingLevel;
  title: (wrapperName: string) => string;
  description: (wrapperName: string) => string;
}

export const FINDING_RULES: readonly FindingRule[] = [
  {
    id: 'unmigrated-handler',
    name: 'UnmigratedHandler',
    status: 'unmigrated',
    level: 'error',
    title: (wrapper) => `Route handler reads the session outside ${wrapper}`,
    description: (wrapper) =>
      `The handler is not wrapped in ${wrapper} and reaches a session getter, so it derives the tenant on its own: ` +
      'nothing verifies the signed tenant cookie and nothing is logged per tenant. Wrap it and read the tenant from ' +
      'the tenant context; `tenant-isolation migrate` does this where it is safe.',
  },
  {
    id: 'suppressed-handler',
    name: 'SuppressedHandler',
    status: 'suppressed',
    level: 'warning',
    title: () => 'Route handler session read silenced with eslint-disable',
    description: (wrapper) =>
      `The handler reaches a session getter outside ${wrapper}, and an eslint-disable comment for ` +
      'tenant-isolation/require-tenant-context covers it. A suppression is never progress: the handler counts as not migrated.',
  },
  {
    id: 'partial-handler',
    name: 'PartialHandler',
    status: 'partial',
    level: 'note',
    title: (wrapper) => `Handler wrapped in ${wrapper} still reads the session`,
    description: (wrapper) =>
      `The handler runs inside ${wrapper}, so it counts as migrated, but it still calls a session getter itself. ` +
      'Read the tenant context instead, so the wrapper stays the one place the tenant is decided.',
  },
  {
    id: 'unanalyzed-handler',
    name: 'UnanalyzedHandler',
    status: 'error',
    level: 'warning',
    title: () => 'Route handler could not be analyzed',
    description: () =>
      'The module that defines the handler could not be parsed, so whether it reads the session is unknown. ' +
      'It never counts as migrated; fix the syntax error and scan again.',
  },
];

export interface Finding {
  rule: FindingRule;
  row: HandlerRow;
  message: string;
}

const sentence = (text: string): string => (/[.!?]$/.test(text) ? text : `${text}.`);

function findingMessage(row: HandlerRow, rule: FindingRule, wrapperName: string): string {
  const { handler } = row;
  const label = handlerLabel(row);
  const [first, ...others] = handler.sessionCalls;
  const call = first ? describeSessionCall(first) + (others.length > 0 ? ` (and ${others.length} more)` : '') : null;
  const parts: string[] = [];
  switch (rule.status) {
    case 'unmigrated':
      parts.push(call ? `${label} reads the session outside ${wrapperName}: ${call}.` : `${label} reads the session outside ${wrapperName}.`);
      break;
    case 'suppressed':
      parts.push(
        `${label} is not wrapped in ${wrapperName}; ${call ? `its session read (${call})` : 'its session read'} is ` +
          'silenced by an eslint-disable comment, which does not count as migrated.',
      );
      break;
    case 'partial':
      parts.push(
        `${label} is wrapped in ${wrapperName} but still reads the session directly${call ? `: ${call}` : ''}. ` +
          'Read the tenant context instead.',
      );
      break;
    default:
      parts.push(`${label} could not be analyzed${handler.reason ? `: ${sentence(handler.reason)}` : '.'}`);
  }
  if (handler.definedIn) parts.push(`Its code is in ${handler.definedIn}.`);
  if (handler.reason && rule.status !== 'error') parts.push(`Reason: ${sentence(handler.reason)}`);
  return parts.join(' ');
}

/** One finding per handler with work left, sorted by file, position, rule and handler name. */
export function handlerFindings(report: Report, wrapperName: string): Finding[] {
  const findings: Finding[] = [];
  for (const row of handlerRows(report.routes)) {
    const rule = FINDING_RULES.find((candidate) => candidate.status === row.handler.status);
    if (rule) findings.push({ rule, row, message: findingMessage(row, rule, wrapperName) });
  }
  return findings.sort(
    (a, b) =>
      compareText(a.row.route.file, b.row.route.file) ||
      a.row.handler.line - b.row.handler.line ||
      a.row.handler.column - b.row.handler.column ||
      compareText(a.rule.id, b.rule.id) ||
      compareText(a.row.handler.name, b.row.handler.name),
  );
}
