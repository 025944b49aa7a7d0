import {
  applyEdits,
  applyEditsPlaced,
  mayLoadModules,
  offsetAfterEdits,
  parseModule,
  planImportRemovals,
  skipTransparent,
  specifierRemovals,
  walk,
  wholeLineRange,
  type ImportRemovalPlan,
  type ParsedModule,
  type PlacedEdit,
  type Range,
  type TextEdit,
} from '@tenant-isolation/core';
import type { TSESTree } from '@typescript-eslint/types';

import type { ContextReadPlacement } from './types';

type Specifier = TSESTree.ImportDeclaration['specifiers'][number];

function referenceCount(parsed: ParsedModule, specifier: Specifier): number {
  const [variable] = parsed.scopeManager.getDeclaredVariables(specifier);
  return variable ? variable.references.length : 0;
}

const keyOf = (declaration: TSESTree.ImportDeclaration, specifier: Specifier) =>
  `${declaration.source.value}\0${specifier.type}\0${specifier.local.name}`;

/**
 * The rewrite applied, without the imports it made unused, and parsed: what `removeImportsMadeUnused` gives, with
 * one parse instead of two in the common case. The cleanup is planned from the module before the rewrite and the
 * rewrite's edits, and the parse of the result, which the caller needs anyway, confirms the plan; where the plan
 * cannot be made that way or the parse contradicts it, the cleanup reads the rewritten module as it always did.
 * Throws what `parseModule` throws when the rewrite does not parse.
 */
export function rewriteWithoutUnusedImports(
  parsedBefore: ParsedModule,
  text: string,
  edits: readonly TextEdit[],
  filePath: string,
): { text: string; parsed: ParsedModule; contextReads: ContextReadPlacement[] } {
  const plan = planImportRemovals(parsedBefore, text, edits);
  if (plan) {
    const { text: cleaned, placed } = applyEditsPlaced(text, [...edits, ...plan.removals]);
    const parsed = parseOrNull(cleaned, filePath);
    if (parsed && planHolds(plan, parsedBefore, parsed)) return { text: cleaned, parsed, contextReads: contextReadsOf(placed, (offset) => offset) };
  }
  const { text: rewritten, placed } = applyEditsPlaced(text, edits);
  const removals = importRemovals(parsedBefore, rewritten, filePath);
  const cleaned = removals.length > 0 ? applyEdits(rewritten, removals) : rewritten;
  return { text: cleaned, parsed: parseModule(cleaned, filePath), contextReads: contextReadsOf(placed, (offset) => offsetAfterEdits(removals, offset)) };
}


function contextReadsOf(placed: readonly PlacedEdit[], moved: (offset: number) => number): ContextReadPlacement[] {
  return placed.flatMap(({ edit, start }) => {
    if (!edit.contextRead) return [];
    const { key, optional, length } = edit.contextRead;
    const at = moved(start);
    return [{ key, optional, before: [edit.start, edit.end] as Range, after: [at, at + length] as Range }];
  });
}

/**
 * Whether the parse of the result shows the plan to be the cleanup `removeImportsMadeUnused` would have made: no
 * removed name is still read (it would now be unresolved, a global, or another module-level name), and no import
 * that had a reference before is left without one.
 */
function planHolds(plan: ImportRemovalPlan, parsedBefore: ParsedModule, parsedAfter: ParsedModule): boolean {
  const globalScope = parsedAfter.scopeManager.globalScope;
  if (!globalScope) return false;
  const moduleScope = globalScope.childScopes[0];
  for (const name of plan.removedNames) {
    if (globalScope.through.some((reference) => reference.identifier.name === name)) return false;
    for (const scope of [globalScope, moduleScope]) if ((scope?.set.get(name)?.references.length ?? 0) > 0) return false;
  }
  const usedBefore = importsUsed(parsedBefore);
  for (const declaration of parsedAfter.program.body) {
    if (declaration.type !== 'ImportDeclaration') continue;
    for (const specifier of declaration.specifiers) {
      if (referenceCount(parsedAfter, specifier) === 0 && usedBefore.has(keyOf(declaration, specifier))) return false;
    }
  }
  return true;
}

function parseOrNull(text: string, filePath: string): ParsedModule | null {
  try {
    return parseModule(text, filePath);
  } catch {
    return null;
  }
}

function importsUsed(parsed: ParsedModule): Set<string> {
  const used = new Set<string>();
  for (const statement of parsed.program.body) {
    if (statement.type !== 'ImportDeclaration') continue;
    for (const specifier of statement.specifiers) {
      if (referenceCount(parsed, specifier) > 0) used.add(keyOf(statement, specifier));
    }
  }
  return used;
}

/**
 * Removes the import specifiers that the rewrite left without a reference (`getServerSession`, `authOptions`,
 * a `Session` type), and only those: a name that had no reference before the rewrite is the author's business.
 */
export function removeImportsMadeUnused(parsedBefore: ParsedModule, after: string, filePath: string): string {
  const removals = importRemovals(parsedBefore, after, filePath);
  return removals.length > 0 ? applyEdits(after, removals) : after;
}

function importRemovals(parsedBefore: ParsedModule, after: string, filePath: string): TextEdit[] {
  const usedBefore = importsUsed(parsedBefore);
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
  if (mayLoadModules(after)) edits.push(...loadedModuleRemovals(parsedBefore, parsedAfter, after));
  return edits;
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
