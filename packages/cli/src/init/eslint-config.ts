import { detectCodeStyle, parseModule, type ParsedModule } from '@tenant-isolation/core';
import type { TSESTree } from '@typescript-eslint/types';
import ts from 'typescript';

type Program = ParsedModule['program'];
type Node = TSESTree.ProgramStatement;

export const PLUGIN_PACKAGE = 'eslint-plugin-tenant-isolation';
const LEGACY_EXTENDS = 'plugin:tenant-isolation/legacy-recommended';

/** The config with the plugin added, `unchanged` when it has it already, or why it cannot be edited safely. */
export type EslintEdit = { kind: 'edited'; text: string } | { kind: 'unchanged' } | { kind: 'manual'; reason: string };

/**
 * Adds the plugin's recommended config to the app's own ESLint config, as the docs tell a user to: an import, and
 * `tenantIsolation.configs.recommended` as the last entry of the exported array (`export default [...]`,
 * `defineConfig([...])`, a const holding either, or `module.exports`). A legacy `.eslintrc.json` gets the legacy
 * config in `extends`. Anything else is left for a human, with the reason.
 */
export function addPluginToEslintConfig(file: string, text: string): EslintEdit {
  if (text.includes(PLUGIN_PACKAGE) || text.includes(LEGACY_EXTENDS)) return { kind: 'unchanged' };
  if (file.endsWith('.json') || file === '.eslintrc') return addToLegacyJson(file, text);
  if (/\.eslintrc\.(js|cjs|ya?ml)$/.test(file)) {
    return { kind: 'manual', reason: `add "${LEGACY_EXTENDS}" to "extends" in ${file}` };
  }
  let program: Program;
  try {
    program = parseModule(text, file.replace(/\.(mjs|cjs|mts|cts)$/, '.ts')).program;
  } catch (error) {
    return { kind: 'manual', reason: `${file} does not parse (${(error as Error).message})` };
  }
  const array = exportedArray(program);
  if (!array) {
    return { kind: 'manual', reason: `the array ${file} exports could not be found: add tenantIsolation.configs.recommended to it` };
  }
  const style = detectCodeStyle(text, program);
  const q = style.quote;
  const semi = style.semicolon;
  const commonJs = program.body.some((s) => s.type === 'ExpressionStatement' && isModuleExports(s)) && !program.body.some((s) => s.type === 'ImportDeclaration');
  const importLine = commonJs
    ? `const tenantIsolation = require(${q}${PLUGIN_PACKAGE}${q})${semi}`
    : `import tenantIsolation from ${q}${PLUGIN_PACKAGE}${q}${semi}`;
  const edits: Array<{ at: number; insert: string }> = [];
  const imports = program.body.filter((s) => s.type === 'ImportDeclaration' || (commonJs && isRequire(s)));
  const lastImport = imports.at(-1);
  edits.push(lastImport ? { at: lastImport.range[1], insert: `\n${importLine}` } : { at: 0, insert: `${importLine}\n\n` });
  const last = array.elements.at(-1);
  if (last) {
    // After the last entry (and its trailing comma), on a line of its own when the array is written one per line.
    const afterLast = text.slice(last.range[1], array.range[1] - 1);
    const comma = afterLast.trimStart().startsWith(',');
    const end = comma ? last.range[1] + afterLast.indexOf(',') + 1 : last.range[1];
    const multiline = text.slice(array.range[0], array.range[1]).includes('\n');
    const indent = multiline ? (/\n([ \t]*)[^\n]*$/.exec(text.slice(0, last.range[0]))?.[1] ?? '  ') : '';
    edits.push({ at: end, insert: `${comma ? '' : ','}${multiline ? `\n${indent}` : ' '}tenantIsolation.configs.recommended${multiline ? ',' : ''}` });
  } else {
    edits.push({ at: array.range[0] + 1, insert: 'tenantIsolation.configs.recommended' });
  }
  let edited = text;
  for (const edit of edits.sort((a, b) => b.at - a.at)) edited = edited.slice(0, edit.at) + edit.insert + edited.slice(edit.at);
  return { kind: 'edited', text: edited };
}

/** The array literal the config module exports, through `defineConfig(…)`, `tseslint.config(…)` and a const. */
function exportedArray(program: Program): TSESTree.ArrayExpression | null {
  const consts = new Map<string, TSESTree.Expression>();
  for (const statement of program.body) {
    if (statement.type === 'VariableDeclaration') {
      for (const d of statement.declarations) if (d.id.type === 'Identifier' && d.init) consts.set(d.id.name, d.init);
    }
  }
  const arrayOf = (node: TSESTree.Node | null | undefined, depth = 0): TSESTree.ArrayExpression | null => {
    if (!node || depth > 4) return null;
    if (node.type === 'ArrayExpression') return node;
    if (node.type === 'Identifier') return arrayOf(consts.get(node.name), depth + 1);
    if (node.type === 'CallExpression' && node.arguments.length === 1) return arrayOf(node.arguments[0], depth + 1);
    if (node.type === 'TSSatisfiesExpression' || node.type === 'TSAsExpression') return arrayOf(node.expression, depth + 1);
    return null;
  };
  for (const statement of program.body) {
    if (statement.type === 'ExportDefaultDeclaration') return arrayOf(statement.declaration as TSESTree.Node);
    if (statement.type === 'ExpressionStatement' && isModuleExports(statement)) {
      return arrayOf((statement.expression as TSESTree.AssignmentExpression).right);
    }
  }
  return null;
}

function isModuleExports(statement: Node): boolean {
  if (statement.type !== 'ExpressionStatement' || statement.expression.type !== 'AssignmentExpression') return false;
  const left = statement.expression.left;
  return left.type === 'MemberExpression' && left.object.type === 'Identifier' && left.object.name === 'module' && left.property.type === 'Identifier' && left.property.name === 'exports';
}

function isRequire(statement: Node): boolean {
  if (statement.type !== 'VariableDeclaration') return false;
  const init = statement.declarations[0]?.init;
  return init?.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require';
}

/** `.eslintrc.json`: the legacy config appended to `extends`, edited in place so the file keeps its layout. */
function addToLegacyJson(file: string, text: string): EslintEdit {
  const source = ts.parseJsonText(file, text);
  const root = source.statements[0]?.expression;
  if (!root || !ts.isObjectLiteralExpression(root)) return { kind: 'manual', reason: `${file} is not a JSON object` };
  const extendsProperty = root.properties.find(
    (p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isStringLiteral(p.name) && p.name.text === 'extends',
  );
  const entry = JSON.stringify(LEGACY_EXTENDS);
  if (!extendsProperty) {
    const at = root.getStart(source) + 1;
    const indent = /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
    return { kind: 'edited', text: `${text.slice(0, at)}\n${indent}"extends": [${entry}],${text.slice(at)}` };
  }
  const value = extendsProperty.initializer;
  if (ts.isStringLiteral(value)) {
    return { kind: 'edited', text: `${text.slice(0, value.getStart(source))}[${JSON.stringify(value.text)}, ${entry}]${text.slice(value.end)}` };
  }
  if (ts.isArrayLiteralExpression(value)) {
    const close = value.end - 1;
    const separator = value.elements.length > 0 ? ', ' : '';
    const before = text.slice(0, close).replace(/\s*$/, '');
    return { kind: 'edited', text: `${before}${separator}${entry}${text.slice(before.length)}` };
  }
  return { kind: 'manual', reason: `"extends" in ${file} is neither a string nor an array` };
}
