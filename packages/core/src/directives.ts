import type { TSESTree } from '@typescript-eslint/types';

export const REQUIRE_TENANT_CONTEXT_RULE = 'tenant-isolation/require-tenant-context';

export type DisableDirectiveKind = 'disable' | 'enable' | 'disable-line' | 'disable-next-line';

/** One `eslint-disable` family comment as ESLint reads it. */
export interface DisableDirective {
  kind: DisableDirectiveKind;
  /** The rules it names; empty when it names none, and so applies to every rule. */
  rules: string[];
  /** The description after ` -- `, trimmed; empty when there is none. */
  reason: string;
  comment: TSESTree.Comment;
}

const DIRECTIVE = /^eslint-(disable|enable|disable-line|disable-next-line)(?:\s|$)/;
/** ESLint's separator of a directive from its description: two or more dashes with white space on both sides. */
const DESCRIPTION_SEPARATOR = /\s-{2,}\s/;
const QUOTED = /^(['"]?)(.*)\1$/s;

/**
 * The `eslint-disable`, `eslint-enable`, `eslint-disable-line` and `eslint-disable-next-line` comments of a file, read
 * as ESLint's own comment parser reads them: the description split off first, only the `-line` forms allowed in line
 * comments, an `eslint-disable-line` that spans lines not a directive at all.
 */
export function disableDirectives(comments: readonly TSESTree.Comment[]): DisableDirective[] {
  const directives: DisableDirective[] = [];
  for (const comment of comments) {
    if (!comment.value.includes('eslint-')) continue;
    const separator = DESCRIPTION_SEPARATOR.exec(comment.value);
    const directivePart = (separator ? comment.value.slice(0, separator.index) : comment.value).trim();
    const match = DIRECTIVE.exec(directivePart);
    if (!match) continue;
    const kind = match[1] as DisableDirectiveKind;
    const lineForm = kind === 'disable-line' || kind === 'disable-next-line';
    if (comment.type === 'Line' && !lineForm) continue;
    if (kind === 'disable-line' && comment.loc.start.line !== comment.loc.end.line) continue;
    const rules = directivePart
      .slice(match[0].length)
      .split(',')
      .map((rule) => rule.trim().replace(QUOTED, '$2'))
      .filter((rule) => rule !== '');
    const reason = separator ? comment.value.slice(separator.index + separator[0].length).trim() : '';
    directives.push({ kind, rules, reason, comment });
  }
  return directives;
}

/** One directive, reduced to the lines it covers for a rule. */
interface LineSpan {
  from: number;
  to: number;
}

/**
 * The lines on which ESLint would drop a report of `ruleId` because of `eslint-disable` comments, following ESLint's
 * own reading: block disables run until the matching enable, `-line` and `-next-line` cover one line.
 */
export function suppressedLines(comments: readonly TSESTree.Comment[], ruleId: string): (line: number) => boolean {
  if (!comments.some((c) => c.value.includes('eslint-'))) return () => false;
  const spans: LineSpan[] = [];
  let openBlockFrom: number | null = null;
  for (const { kind, rules, comment } of disableDirectives(comments)) {
    if (rules.length > 0 && !rules.includes(ruleId)) continue;
    if (kind === 'disable-line') {
      spans.push({ from: comment.loc.start.line, to: comment.loc.start.line });
    } else if (kind === 'disable-next-line') {
      spans.push({ from: comment.loc.end.line + 1, to: comment.loc.end.line + 1 });
    } else if (kind === 'disable') {
      if (openBlockFrom === null) openBlockFrom = comment.loc.start.line;
    } else if (openBlockFrom !== null) {
      spans.push({ from: openBlockFrom, to: comment.loc.start.line });
      openBlockFrom = null;
    }
  }
  if (openBlockFrom !== null) spans.push({ from: openBlockFrom, to: Number.POSITIVE_INFINITY });
  return (line) => spans.some((s) => s.from <= line && line <= s.to);
}
