import { parseModule, type ParsedModule } from '@tenant-isolation/core';
import type { TSESTree } from '@typescript-eslint/types';
import { applyEdits, wholeLineRange, type TextEdit } from './edits';

type Specifier = TSESTree.ImportDeclaration['specifiers'][number];

function referenceCount(parsed: ParsedModule, specifier: Specifier): number {
  const [variable] = parsed.scopeManager.getDeclaredVariables(specifier);
  return variable ? variable.references.length : 0;
}

const keyOf = (declaration: TSESTree.ImportDeclaration, specifier: Specifier) =>
  `${declaration.source.value}\0${specifier.type}\0${specifier.local.name}`;

/**
 * Removes the import specifiers that the rewrite left without a reference (`getServerSession`, `authOptions`,
 * a `Session` type), and only those: a name that had no reference before the rewrite is the author's business.
 */
export function removeImportsMadeUnused(parsedBefore: ParsedModule, after: string, filePath: string): string {
  const usedBefore = new Set<string>();
  for (const statement of parsedBefore.program.body) {
    if (statement.type !== 'ImportDeclaration') continue;
    for (const specifier of statement.specifiers) {
      if (referenceCount(parsedBefore, specifier) > 0) usedBefore.add(keyOf(statement, specifier));
    }
  }
  const parsedAfter = parseModule(after, filePath);
  const edits: TextEdit[] = [];
  for (const declaration of parsedAfter.program.body) {
    if (declaration.type !== 'ImportDeclaration' || declaration.specifiers.length === 0) continue;
    const unused = declaration.specifiers.filter(
      (s) => referenceCount(parsedAfter, s) === 0 && usedBefore.has(keyOf(declaration, s)),
    );
    if (unused.length === 0) continue;
    if (unused.length === declaration.specifiers.length) {
      const [start, end] = wholeLineRange(after, declaration.range[0], declaration.range[1]);
      edits.push({ start, end, text: '' });
      continue;
    }
    edits.push(...specifierRemovals(after, declaration, unused));
  }
  return edits.length > 0 ? applyEdits(after, edits) : after;
}

function specifierRemovals(text: string, declaration: TSESTree.ImportDeclaration, unused: Specifier[]): TextEdit[] {
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
