import type { TSESTree } from '@typescript-eslint/types';
import { moduleMatches } from './routes';

export interface ImportTarget {
  name: string;
  from: string | readonly string[];
}

export interface FoundImport {
  /** The value import declaration of the module, if the file has one. */
  declaration: TSESTree.ImportDeclaration | null;
  /** The local name the target is already bound to by that declaration, if it is imported. */
  localName: string | null;
}

/**
 * Where a file already imports `target` (or its module): the codemod and the lint suggestion add to an existing
 * declaration rather than write a second one.
 */
export function findImport(program: TSESTree.Program, target: ImportTarget, filePath?: string): FoundImport {
  const modules = typeof target.from === 'string' ? [target.from] : target.from;
  let declaration: TSESTree.ImportDeclaration | null = null;
  for (const statement of program.body) {
    if (statement.type !== 'ImportDeclaration' || statement.importKind === 'type') continue;
    if (!importsOneOf(statement, modules, filePath)) continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type !== 'ImportSpecifier' || specifier.importKind === 'type') continue;
      const imported = specifier.imported.type === 'Identifier' ? specifier.imported.name : specifier.imported.value;
      if (imported === target.name) return { declaration: statement, localName: specifier.local.name };
    }
    const namedOnly = statement.specifiers.every((s) => s.type === 'ImportSpecifier');
    if (!declaration || (namedOnly && declaration.specifiers.some((s) => s.type !== 'ImportSpecifier'))) {
      declaration = statement;
    }
  }
  return { declaration, localName: null };
}

function importsOneOf(declaration: TSESTree.ImportDeclaration, modules: readonly string[], filePath: string | undefined): boolean {
  for (const module of modules) if (moduleMatches(module, declaration.source.value, filePath)) return true;
  return false;
}

/**
 * Where a new import statement goes: after the last import, else after the directives (`'use server'`), else at the
 * top of the file (null).
 */
export function newImportAnchor(program: TSESTree.Program): TSESTree.ProgramStatement | null {
  let lastImport: TSESTree.ProgramStatement | null = null;
  let lastDirective: TSESTree.ProgramStatement | null = null;
  let inPrologue = true;
  for (const statement of program.body) {
    const isDirective = statement.type === 'ExpressionStatement' && statement.directive !== undefined;
    if (inPrologue && isDirective) lastDirective = statement;
    else inPrologue = false;
    if (statement.type === 'ImportDeclaration') lastImport = statement;
  }
  return lastImport ?? lastDirective;
}

/**
 * A context accessor as the config names it: a function (`requireTenantContext`) or a method of an exported object
 * (`tenantContext.getContextOrNull`). What is imported is the function or the object; what is called adds the method.
 */
export interface AccessorName<Spec extends ImportTarget = ImportTarget> {
  /** The export to import: the function, or the object that has the method. */
  imported: Spec;
  /** The method called on the imported object, or null for a function. */
  method: string | null;
}

export function accessorName<Spec extends ImportTarget>(spec: Spec): AccessorName<Spec> {
  const dot = spec.name.indexOf('.');
  if (dot < 0) return { imported: spec, method: null };
  return { imported: { ...spec, name: spec.name.slice(0, dot) }, method: spec.name.slice(dot + 1) };
}

/** The call's callee for an accessor whose import is bound to `local`: `requireTenantContext`, `tc.getContextOrNull`. */
export function accessorCallee(accessor: AccessorName, local: string): string {
  return accessor.method === null ? local : `${local}.${accessor.method}`;
}

/**
 * Whether the text could use one of the configured imports: every way of reaching one spells its name (an aliased
 * import names it too), except a default import, which names only its module.
 */
export function mentionsAny(text: string, specs: ReadonlyArray<{ name: string; from: string | readonly string[] }>): boolean {
  for (const { name, from } of specs) {
    if (name !== 'default') {
      if (text.includes(name)) return true;
      continue;
    }
    for (const module of typeof from === 'string' ? [from] : from) {
      if (text.includes(module.slice(module.lastIndexOf('/') + 1))) return true;
    }
  }
  return false;
}
