import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ModuleResolver } from '@tenant-isolation/report';
import fg from 'fast-glob';
import ts from 'typescript';

/** Source files that may load a project module. Declaration files only ever import types. */
const SOURCE_GLOB = '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}';
const NOT_PROJECT_SOURCE = [
  '**/node_modules/**',
  '**/.git/**',
  '**/.next/**',
  '**/.turbo/**',
  '**/.vercel/**',
  '**/.yarn/**',
  '**/*.d.ts',
  '**/*.d.mts',
  '**/*.d.cts',
];
/** Bundles and generated files are not where a project imports its modules from. */
const MAX_SCANNED_BYTES = 2 * 1024 * 1024;

/**
 * Specifiers as they appear after `from`, in `import '…'`, `import(…)`, `require(…)`, `jest.requireActual(…)` and
 * `vi.importActual(…)`.
 * A cheap first pass over every file: what it finds is confirmed on the file's syntax tree, which also tells a
 * type-only import (which loads nothing) from one that loads the module.
 */
const SPECIFIER = /(?:\bfrom\s*|\bimport(?:Actual)?\s*\(?\s*|\brequire(?:Actual)?\s*\(\s*)(['"`])([^'"`\r\n]+)\1/g;

const toPosix = (p: string): string => p.split(path.sep).join('/');

/**
 * What one file may load of a module. An export it may load is one whose function may run through it: a rewrite of
 * that export changes what the file gets.
 */
export interface LoadedExports {
  /** Exports loaded by name: `import handler from` and `import { default as h }` load `default`, `import { GET }` `GET`. */
  names: string[];
  /** Every export but `default`: `export * from`. */
  allNamed: boolean;
  /**
   * Any export, or what it loads cannot be told from the syntax: a namespace import, `export * as ns from`,
   * `require(…)`, `import x = require(…)`, `import(…)`, `jest.requireActual(…)`, `vi.importActual(…)`, a file that
   * does not parse or cannot be read.
   */
  all: boolean;
}

/** A project file that loads a module, and what it may load of it. */
export interface ModuleUser {
  /** Project-relative. */
  file: string;
  exports: LoadedExports;
  /** The file could not be read: it is counted as loading anything, and this says why. */
  unreadable?: string;
}

/** Whether a file that loads a module in this way may load its export `name`. */
export function loadsExport(loaded: LoadedExports, name: string): boolean {
  return loaded.all || loaded.names.includes(name) || (loaded.allNamed && name !== 'default');
}

/**
 * Which project files load each of `targets` (absolute paths), and what they may load of it: by an import, an
 * `export … from`, a `require` or a dynamic `import()` — resolved the way the report resolves them (tsconfig `paths`
 * such as `@/*` included). Tests count: they load the module too. Type-only imports do not: they load nothing at
 * run time. A file that cannot be read may load anything. Files are returned project-relative, sorted.
 */
export async function importersOf(root: string, resolver: ModuleResolver, targets: ReadonlySet<string>): Promise<Map<string, ModuleUser[]>> {
  if (targets.size === 0) return new Map();
  const found = new Map<string, Map<string, ModuleUser>>([...targets].map((t) => [t, new Map()]));
  // A relative specifier can only land on a target whose file or folder name it ends with: the others need no lookup.
  const names = new Set<string>(['.', '..']);
  for (const target of targets) {
    const base = stripExtension(path.basename(target));
    names.add(base);
    if (base === 'index') names.add(path.basename(path.dirname(target)));
  }
  const files = await fg(SOURCE_GLOB, { cwd: root, ignore: NOT_PROJECT_SOURCE, onlyFiles: true, dot: true, followSymbolicLinks: false });
  for (const file of files.sort()) {
    const absolute = path.join(root, file);
    const relative = toPosix(file);
    let text: string;
    try {
      if (fs.statSync(absolute).size > MAX_SCANNED_BYTES) continue;
      text = fs.readFileSync(absolute, 'utf8');
    } catch (error) {
      // Gone since it was listed (or a link to nothing): it loads nothing.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      for (const users of found.values()) users.set(relative, { file: relative, exports: ANY_EXPORT, unreadable: (error as Error).message });
      continue;
    }
    if (!mayLoad(text, absolute, resolver, targets, names)) continue;
    for (const { specifier, exports } of moduleLoads(text, file)) {
      const target = resolver.resolve(specifier, absolute);
      if (!target || !targets.has(target)) continue;
      const users = found.get(target)!;
      const known = users.get(relative);
      users.set(relative, { file: relative, exports: known ? mergeLoads(known.exports, exports) : exports });
    }
  }
  // In the order of the sorted file list.
  return new Map([...found].map(([target, users]) => [target, [...users.values()]]));
}

const ANY_EXPORT: LoadedExports = { names: [], allNamed: false, all: true };

function mergeLoads(a: LoadedExports, b: LoadedExports): LoadedExports {
  return { names: [...new Set([...a.names, ...b.names])], allNamed: a.allNamed || b.allNamed, all: a.all || b.all };
}

/** Whether any specifier-like string in the text resolves to a target. */
function mayLoad(text: string, absolute: string, resolver: ModuleResolver, targets: ReadonlySet<string>, names: ReadonlySet<string>): boolean {
  for (const specifier of specifierLikeStrings(text)) {
    if (specifier.startsWith('.') && !names.has(stripExtension(specifier.split('/').filter(Boolean).at(-1) ?? '.'))) continue;
    const target = resolver.resolve(specifier, absolute);
    if (target && targets.has(target)) return true;
  }
  return false;
}

function specifierLikeStrings(text: string): string[] {
  return [...text.matchAll(SPECIFIER)].map((match) => match[2]!);
}

/** A module a file loads at run time, and what it may load of it. */
export interface ModuleLoad {
  specifier: string;
  exports: LoadedExports;
}

/**
 * The modules a file loads at run time and what it may load of each, read from its syntax tree. A file that does not
 * parse is not read: every specifier-like string in it counts, as loading anything.
 */
export function moduleLoads(text: string, fileName: string): ModuleLoad[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, scriptKindOf(fileName)) as ts.SourceFile & {
    parseDiagnostics?: readonly ts.Diagnostic[];
  };
  if ((source.parseDiagnostics?.length ?? 0) > 0) return specifierLikeStrings(text).map((specifier) => ({ specifier, exports: ANY_EXPORT }));
  const loads: ModuleLoad[] = [];
  const load = (specifier: string, exports: Partial<LoadedExports>): void => {
    loads.push({ specifier, exports: { names: [], allNamed: false, all: false, ...exports } });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      if (ts.isStringLiteral(node.moduleSpecifier) && !isTypeOnlyImport(node)) load(node.moduleSpecifier.text, importedExports(node.importClause));
      return;
    }
    if (ts.isExportDeclaration(node)) {
      if (node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier) && !isTypeOnlyExport(node)) load(node.moduleSpecifier.text, reexportedExports(node));
      return;
    }
    if (ts.isImportEqualsDeclaration(node)) {
      const reference = node.moduleReference;
      if (!node.isTypeOnly && ts.isExternalModuleReference(reference) && ts.isStringLiteralLike(reference.expression)) {
        load(reference.expression.text, { all: true });
      }
      return;
    }
    if (ts.isCallExpression(node) && loadsModule(node)) {
      const [argument] = node.arguments;
      // What the call's result is used for is not followed: it may reach any export.
      if (argument && ts.isStringLiteralLike(argument)) load(argument.text, { all: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return loads;
}

/** `import h, { GET, type T } from`: `default` and `GET`; a namespace import, anything; `import './x'`, nothing. */
function importedExports(clause: ts.ImportClause | undefined): Partial<LoadedExports> {
  if (!clause) return {};
  const names: string[] = [];
  if (clause.name) names.push('default');
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) return { all: true };
  for (const element of bindings?.elements ?? []) if (!element.isTypeOnly) names.push((element.propertyName ?? element.name).text);
  return { names };
}

/** `export { default, GET as POST } from`: `default` and `GET`; `export * from`, every export but `default`. */
function reexportedExports(node: ts.ExportDeclaration): Partial<LoadedExports> {
  const clause = node.exportClause;
  if (!clause) return { allNamed: true };
  if (ts.isNamespaceExport(clause)) return { all: true };
  return { names: clause.elements.filter((e) => !e.isTypeOnly).map((e) => (e.propertyName ?? e.name).text) };
}

/** `import type …`, or `import { type A, type B }` with nothing else: erased from the compiled module. */
function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false; // `import './x'` runs the module
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return !clause.name && !!bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
}

function isTypeOnlyExport(node: ts.ExportDeclaration): boolean {
  if (node.isTypeOnly) return true;
  const clause = node.exportClause;
  return !!clause && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly);
}

/** `require('…')`, `import('…')`, `jest.requireActual('…')` (and `vi.importActual`): calls that load a module. */
function loadsModule(call: ts.CallExpression): boolean {
  const callee = call.expression;
  if (callee.kind === ts.SyntaxKind.ImportKeyword) return true;
  if (ts.isIdentifier(callee)) return callee.text === 'require';
  return ts.isPropertyAccessExpression(callee) && ['requireActual', 'importActual'].includes(callee.name.text);
}

function scriptKindOf(fileName: string): ts.ScriptKind {
  if (/\.[mc]?tsx?$/.test(fileName)) return fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return fileName.endsWith('x') ? ts.ScriptKind.JSX : ts.ScriptKind.JS;
}

function stripExtension(name: string): string {
  return name.replace(/\.(?:[mc]?[jt]sx?)$/, '');
}
