/** A replacement of `[start, end)` of the original text; an insertion when start === end. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * Applies edits to `text`. Edits inside a larger one are dropped (the larger edit already decided that text), and
 * insertions at the same offset keep the order they were added in.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const ordered = edits
    .map((edit, order) => ({ ...edit, order }))
    .sort((a, b) => a.start - b.start || b.end - a.end || a.order - b.order);
  let out = '';
  let cursor = 0;
  for (const edit of ordered) {
    if (edit.start < cursor || (edit.end <= cursor && edit.end > edit.start)) continue;
    if (edit.start === edit.end && edit.start < cursor) continue;
    out += text.slice(cursor, edit.start) + edit.text;
    cursor = Math.max(cursor, edit.end);
  }
  return out + text.slice(cursor);
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
