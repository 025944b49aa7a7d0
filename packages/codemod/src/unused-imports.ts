import { parseModule, skipTransparent, walk, type ParsedModule } from '@tenant-isolation/core';
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
  if (/\b(?:import|require)\s*\(/.test(after)) edits.push(...loadedModuleRemovals(parsedBefore, parsedAfter, after));
  return edits.length > 0 ? applyEdits(after, edits) : after;
}

/** `const { getServerSession } = await import('next-auth')` (or `require`): a module loaded into local names. */
function moduleLoads(parsed: ParsedModule): Array<{ statement: TSESTree.VariableDeclaration; module: string; names: string[]; used: boolean }> {
  const loads: Array<{ statement: TSESTree.VariableDeclaration; module: string; names: string[]; used: boolean }> = [];
  walk(parsed.program, (node) => {
    if (node.type !== 'VariableDeclaration' || node.declarations.length !== 1) return;
    const declarator = node.declarations[0]!;
    if (!declarator.init) return;
    let init = skipTransparent(declarator.init);
    if (init.type === 'AwaitExpression') init = skipTransparent(init.argument);
    const source =
      init.type === 'ImportExpression'
        ? init.source
        : init.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require'
          ? init.arguments[0]
          : undefined;
    if (source?.type !== 'Literal' || typeof source.value !== 'string') return;
    const variables = parsed.scopeManager.getDeclaredVariables(declarator);
    loads.push({
      statement: node,
      module: source.value,
      names: variables.map((v) => v.name).sort(),
      used: variables.some((v) => v.references.some((r) => r.identifier !== v.identifiers[0] && r.isRead())),
    });
  });
  return loads;
}

/** Such a load whose names the rewrite left unread goes too, as an unused import would. */
function loadedModuleRemovals(parsedBefore: ParsedModule, parsedAfter: ParsedModule, text: string): TextEdit[] {
  const key = (load: { module: string; names: string[] }) => `${load.module}\0${load.names.join(',')}`;
  const usedBefore = new Set(moduleLoads(parsedBefore).filter((l) => l.used).map(key));
  return moduleLoads(parsedAfter)
    .filter((load) => !load.used && usedBefore.has(key(load)))
    .map((load) => {
      const [start, end] = wholeLineRange(text, load.statement.range[0], load.statement.range[1]);
      return { start, end, text: '' };
    });
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
