import type { TSESTree } from '@typescript-eslint/types';

export const REQUIRE_TENANT_CONTEXT_RULE = 'tenant-isolation/require-tenant-context';

/** One `eslint-disable` family comment, reduced to the lines it covers for a rule. */
interface LineSpan {
  from: number;
  to: number;
}

const DIRECTIVE = /^\s*(eslint-disable|eslint-enable|eslint-disable-line|eslint-disable-next-line)(?:\s+([\s\S]*))?$/;

function namesRule(ruleList: string | undefined, ruleId: string): boolean {
  const list = (ruleList ?? '').split(/\s--\s|^--\s/)[0]!.trim();
  if (!list) return true;
  return list
    .split(',')
    .map((r) => r.trim())
    .includes(ruleId);
}

/**
 * The lines on which ESLint would drop a report of `ruleId` because of `eslint-disable` comments, following ESLint's
 * own reading: block disables run until the matching enable, `-line` and `-next-line` cover one line.
 */
export function suppressedLines(comments: readonly TSESTree.Comment[], ruleId: string): (line: number) => boolean {
  if (!comments.some((c) => c.value.includes('eslint-'))) return () => false;
  const spans: LineSpan[] = [];
  let openBlockFrom: number | null = null;
  for (const comment of comments) {
    const match = DIRECTIVE.exec(comment.value);
    if (!match || !namesRule(match[2], ruleId)) continue;
    const kind = match[1];
    if (kind === 'eslint-disable-line' && comment.loc.start.line === comment.loc.end.line) {
      spans.push({ from: comment.loc.start.line, to: comment.loc.start.line });
    } else if (kind === 'eslint-disable-next-line') {
      spans.push({ from: comment.loc.end.line + 1, to: comment.loc.end.line + 1 });
    } else if (kind === 'eslint-disable' && comment.type === 'Block') {
      if (openBlockFrom === null) openBlockFrom = comment.loc.start.line;
    } else if (kind === 'eslint-enable' && comment.type === 'Block' && openBlockFrom !== null) {
      spans.push({ from: openBlockFrom, to: comment.loc.start.line });
      openBlockFrom = null;
    }
  }
  if (openBlockFrom !== null) spans.push({ from: openBlockFrom, to: Number.POSITIVE_INFINITY });
  return (line) => spans.some((s) => s.from <= line && line <= s.to);
}
