import { findImport, newImportAnchor, renderRange, type CodeStyle, type ImportTarget, type TextEdit } from '@tenant-isolation/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

/**
 * The edits as the one fix ESLint would merge them into: from the first offset to the last, the text between them
 * kept, an edit inside a larger one left to the larger one. A suggestion hands ESLint this fix rather than the list,
 * which it would sort and merge on every report. Insertions at the same offset keep their order.
 */
export function asOneFix(source: string, edits: readonly TextEdit[]): TSESLint.RuleFix {
  let start = Infinity;
  let end = -Infinity;
  for (const edit of edits) {
    start = Math.min(start, edit.start);
    end = Math.max(end, edit.end);
  }
  return { range: [start, end], text: renderRange(source, start, end, edits) };
}

/** Where a file gets a named import it lacks: the import declaration of its module, else a new one. */
export interface ImportPlacement {
  /** The name the module binds the target to: its existing local name, or its own name once imported. */
  localName: string;
  /** The edit that adds the import; null when the module imports the target already. */
  edit: TextEdit | null;
  /** For a new import statement: the statement it goes after (null at the top of the file), and its text. */
  statement?: { after: TSESTree.ProgramStatement | null; text: string };
}

/**
 * Imports `target` into the existing value import of its module, after its last named specifier, or as a new
 * import after the last one (after the directives, else at the top), in the file's own style.
 */
export function placeNamedImport(
  program: TSESTree.Program,
  target: ImportTarget,
  importerPath: string,
  style: CodeStyle,
): ImportPlacement {
  const existing = findImport(program, target, importerPath);
  if (existing.localName) return { localName: existing.localName, edit: null };
  const lastNamed = existing.declaration?.specifiers.filter((s) => s.type === 'ImportSpecifier').at(-1);
  if (lastNamed) return { localName: target.name, edit: insertion(lastNamed.range[1], `, ${target.name}`) };
  const { quote, semicolon, eol } = style;
  const module = typeof target.from === 'string' ? target.from : target.from[0]!;
  const statement = `import { ${target.name} } from ${quote}${module}${quote}${semicolon}`;
  const anchor = newImportAnchor(program);
  return {
    localName: target.name,
    edit: anchor ? insertion(anchor.range[1], `${eol}${statement}`) : insertion(0, `${statement}${eol}`),
    statement: { after: anchor, text: statement },
  };
}

const insertion = (offset: number, text: string): TextEdit => ({ start: offset, end: offset, text });
