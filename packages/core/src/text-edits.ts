import type { Range } from './types';

/** A replacement of `[start, end)` of the original text; an insertion when start === end. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
  /** Set when the edit's text starts with a read of a context property that replaces a read of the session. */
  contextRead?: ContextReadMark;
}

/** A context read an edit writes: `key` is read by the first `length` characters of the edit's text. */
export interface ContextReadMark {
  key: string;
  length: number;
  /** True for a read of the optional context, which may be missing. */
  optional: boolean;
}

/** Where an applied edit's text starts in the result. */
export interface PlacedEdit {
  edit: TextEdit;
  start: number;
}

/**
 * Applies edits to `text`. Edits inside a larger one are dropped (the larger edit already decided that text), and
 * insertions at the same offset keep the order they were added in.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return applyEditsPlaced(text, edits).text;
}

/** `applyEdits`, also saying where the text of each edit that was applied lands in the result. */
export function applyEditsPlaced(text: string, edits: readonly TextEdit[]): { text: string; placed: PlacedEdit[] } {
  const ordered = edits
    .map((edit, order) => ({ edit, order }))
    .sort((a, b) => a.edit.start - b.edit.start || b.edit.end - a.edit.end || a.order - b.order);
  let out = '';
  let cursor = 0;
  const placed: PlacedEdit[] = [];
  for (const { edit } of ordered) {
    if (edit.start < cursor || (edit.end <= cursor && edit.end > edit.start)) continue;
    if (edit.start === edit.end && edit.start < cursor) continue;
    out += text.slice(cursor, edit.start);
    placed.push({ edit, start: out.length });
    out += edit.text;
    cursor = Math.max(cursor, edit.end);
  }
  return { text: out + text.slice(cursor), placed };
}

/**
 * Where `offset` of a text lands once `edits` (none inside another) are applied to it, for an offset no edit
 * replaces: each edit before it, an insertion at it included, moves it by the length it adds or removes.
 */
export function offsetAfterEdits(edits: readonly TextEdit[], offset: number): number {
  let shift = 0;
  for (const edit of edits) if (edit.end <= offset) shift += edit.text.length - (edit.end - edit.start);
  return offset + shift;
}

/** The text of `[start, end)` with the edits that fall inside it applied. */
export function renderRange(text: string, start: number, end: number, edits: readonly TextEdit[]): string {
  const inside = edits
    .filter((e) => e.start >= start && e.end <= end)
    .map((e) => ({ ...e, start: e.start - start, end: e.end - start }));
  return applyEdits(text.slice(start, end), inside);
}

/**
 * The range to delete for a statement that should disappear with its line: its indentation and line break too,
 * when nothing else shares the line. A statement that stood between two blank lines takes one of them along, so
 * that its removal does not leave a double gap.
 */
export function wholeLineRange(text: string, start: number, end: number): [number, number] {
  let lineStart = start;
  while (lineStart > 0 && (text[lineStart - 1] === ' ' || text[lineStart - 1] === '\t')) lineStart--;
  const startsLine = lineStart === 0 || text[lineStart - 1] === '\n';
  const lineEnd = end + lineBreakLength(text, end);
  if (lineEnd === end || !startsLine) return [start, end];
  const blankAfter = lineBreakLength(text, lineEnd);
  return blankAfter > 0 && followsBlankLine(text, lineStart) ? [lineStart, lineEnd + blankAfter] : [lineStart, lineEnd];
}

/** The length of the trailing blanks and line break at `offset`, or 0 when something else comes first. */
function lineBreakLength(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  if (text.startsWith('\r\n', i)) return i + 2 - offset;
  if (text[i] === '\n') return i + 1 - offset;
  return 0;
}

/** Whether the line before the one starting at `lineStart` holds nothing but blanks. */
function followsBlankLine(text: string, lineStart: number): boolean {
  if (lineStart === 0) return false;
  let i = lineStart - 2;
  if (text[i] === '\r') i--;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  return i >= 0 && text[i] === '\n';
}

/**
 * The comments written in `[start, end)`, each as a block comment (a line comment's text moved into `/* … *\/`), so
 * that a rewrite of an expression or a signature can keep them. Strings and template literals are skipped.
 */
export function commentsIn(text: string, start: number, end: number): string[] {
  const comments: string[] = [];
  let i = start;
  while (i < end) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      i = skipQuoted(text, i, end);
    } else if (c === '/' && text[i + 1] === '/') {
      let stop = text.indexOf('\n', i);
      if (stop < 0 || stop > end) stop = end;
      const body = text.slice(i + 2, stop).replace(/\r$/, '').trim();
      if (!body.includes('*/')) comments.push(`/* ${body} */`);
      i = stop;
    } else if (c === '/' && text[i + 1] === '*') {
      let stop = text.indexOf('*/', i + 2);
      stop = stop < 0 || stop + 2 > end ? end : stop + 2;
      comments.push(text.slice(i, stop));
      i = stop;
    } else {
      i++;
    }
  }
  return comments;
}

/** The first `char` at or after `from` that is code: not in a comment or a string. -1 when there is none. */
export function indexOfCode(text: string, from: number, char: string): number {
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if (c === char) return i;
    if (c === '"' || c === "'" || c === '`') i = skipQuoted(text, i, text.length);
    else if (c === '/' && text[i + 1] === '/') i = text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i);
    else if (c === '/' && text[i + 1] === '*') i = text.indexOf('*/', i + 2) < 0 ? text.length : text.indexOf('*/', i + 2) + 2;
    else i++;
  }
  return -1;
}

/**
 * Whether the code after `offset` (blanks and comments skipped) would continue an expression that ends there without
 * a semicolon: it opens with `(`, `[`, a template or an operator.
 */
export function continuesExpressionAt(text: string, offset: number): boolean {
  let i = offset;
  for (;;) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (text.startsWith('//', i)) i = text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i);
    else if (text.startsWith('/*', i)) i = text.indexOf('*/', i + 2) < 0 ? text.length : text.indexOf('*/', i + 2) + 2;
    else break;
  }
  return CONTINUES_PREVIOUS.has(text[i] ?? '');
}

function skipQuoted(text: string, open: number, end: number): number {
  const quote = text[open];
  let i = open + 1;
  while (i < end && text[i] !== quote) i += text[i] === '\\' ? 2 : 1;
  return i + 1;
}

/** Replaces `[start, end)` with `replacement`, keeping the comments the old text had after it. */
export function replaceKeepingComments(text: string, start: number, end: number, replacement: string): TextEdit {
  const comments = commentsIn(text, start, end);
  return { start, end, text: comments.length > 0 ? `${replacement} ${comments.join(' ')}` : replacement };
}

/** Characters that continue the statement before them when no semicolon ends it. */
const CONTINUES_PREVIOUS = new Set(['(', '[', '`', '+', '-', '/']);

/**
 * Deletes a statement with its line. In a file without semicolons, a statement after it that opens with `(`, `[`,
 * a template or an operator would then continue the statement before (`const seen = []` + `[1, 2].forEach(…)`):
 * it is opened with a `;` as such files write it.
 */
export function statementRemoval(text: string, statement: { range: Range }, next: { range: Range } | undefined): TextEdit[] {
  const [start, end] = wholeLineRange(text, statement.range[0], statement.range[1]);
  const edits: TextEdit[] = [{ start, end, text: '' }];
  if (next && continuesExpressionAt(text, next.range[0])) {
    let before = statement.range[0] - 1;
    while (before >= 0 && /\s/.test(text[before]!)) before--;
    if (before >= 0 && text[before] !== ';' && text[before] !== '{') edits.push({ start: next.range[0], end: next.range[0], text: ';' });
  }
  return edits;
}
