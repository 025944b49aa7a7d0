import type { TSESTree } from '@typescript-eslint/types';
import type { ScopeManagerLike } from './scope';
import { wholeLineRange, type TextEdit } from './text-edits';

type Specifier = TSESTree.ImportDeclaration['specifiers'][number];

export interface ImportRemovalPlan {
  /** Removals in the offsets of the text before the rewrite. */
  removals: TextEdit[];
  /** The local names of the import specifiers removed. */
  removedNames: Set<string>;
}

const MODULE_LOAD = /\b(?:import|require)\s*\(/;

/** Whether the text may load modules into local names (`import()`, `require`), which import declarations do not show. */
export function mayLoadModules(text: string): boolean {
  return MODULE_LOAD.test(text);
}

/**
 * The import specifiers whose every reference falls inside text the edits replace, and whose name the new text
 * does not mention; null where the rewritten module must be read instead: a module that loads modules by `import()`
 * or `require`, or a removal whose surroundings (all that `wholeLineRange` and `specifierRemovals` read) an edit
 * touches, since there the rewritten text would decide differently.
 */
export function planImportRemovals(
  before: { program: TSESTree.Program; scopeManager: ScopeManagerLike },
  text: string,
  edits: readonly TextEdit[],
): ImportRemovalPlan | null {
  if (mayLoadModules(text)) return null;
  const replaced = edits.filter((e) => e.end > e.start);
  const mentioned = new Set(edits.flatMap((e) => e.text.match(/[\p{L}_$][\p{L}\p{N}_$]*/gu) ?? []));
  const removals: TextEdit[] = [];
  const removedNames = new Set<string>();
  for (const declaration of before.program.body) {
    if (declaration.type !== 'ImportDeclaration' || declaration.specifiers.length === 0) continue;
    const unused = declaration.specifiers.filter((specifier) => {
      const [variable] = before.scopeManager.getDeclaredVariables(specifier);
      if (!variable || variable.references.length === 0 || mentioned.has(specifier.local.name)) return false;
      return variable.references.every(({ identifier: { range } }) => replaced.some((e) => e.start <= range[0] && range[1] <= e.end));
    });
    if (unused.length === 0) continue;
    const [readStart, readEnd] = surroundings(text, declaration.range[0], declaration.range[1]);
    if (edits.some((e) => e.start <= readEnd && e.end >= readStart)) return null;
    if (unused.length === declaration.specifiers.length) {
      const [start, end] = wholeLineRange(text, declaration.range[0], declaration.range[1]);
      removals.push({ start, end, text: '' });
    } else {
      removals.push(...specifierRemovals(text, declaration, unused));
    }
    for (const specifier of unused) removedNames.add(specifier.local.name);
  }
  return { removals, removedNames };
}

/** From the end of the last non-blank character of the line before `start` to the first one of the line after `end`. */
function surroundings(text: string, start: number, end: number): [number, number] {
  let before = start;
  while (before > 0 && text[before - 1] !== '\n') before--;
  before--;
  while (before > 0 && /\s/.test(text[before - 1]!)) before--;
  let after = end;
  for (let lineBreaks = 0; after < text.length; after++) {
    if (text[after] === '\n' && ++lineBreaks === 2) break;
    if (lineBreaks > 0 && !/\s/.test(text[after]!)) break;
  }
  return [Math.max(0, before - 1), after];
}

/** The edits that remove some specifiers of a declaration and keep the rest (and the declaration) well-formed. */
export function specifierRemovals(text: string, declaration: TSESTree.ImportDeclaration, unused: Specifier[]): TextEdit[] {
  const named = declaration.specifiers.filter((s) => s.type === 'ImportSpecifier');
  const keptNamed = named.filter((s) => !unused.includes(s));
  const edits: TextEdit[] = [];
  if (named.length > 0 && keptNamed.length === 0) {
    // `import Default, { a, b } from 'm'` → `import Default from 'm'`: drop the braces with the comma before them.
    const first = declaration.specifiers[0]!;
    const closeBrace = text.indexOf('}', named.at(-1)!.range[1]);
    edits.push({ start: first.range[1], end: closeBrace + 1, text: '' });
  } else {
    for (const specifier of named.filter((s) => unused.includes(s))) {
      const index = named.indexOf(specifier);
      const next = named[index + 1];
      // Remove the specifier with the separator after it, or before it when it is the last one.
      if (next) edits.push({ start: specifier.range[0], end: next.range[0], text: '' });
      else edits.push({ start: named[index - 1]!.range[1], end: specifier.range[1], text: '' });
    }
  }
  const defaultOrNamespace = declaration.specifiers.find((s) => s.type !== 'ImportSpecifier' && unused.includes(s));
  if (defaultOrNamespace && keptNamed.length > 0) {
    const firstNamed = keptNamed[0]!;
    const openBrace = text.lastIndexOf('{', firstNamed.range[0]);
    edits.push({ start: defaultOrNamespace.range[0], end: openBrace, text: '' });
  }
  return edits;
}
