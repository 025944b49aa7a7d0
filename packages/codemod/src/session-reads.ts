import { skipTransparent, staticPropertyName, type Node } from '@tenant-isolation/core';
import type { TSESTree } from '@typescript-eslint/types';

/** How one use of the session value reads it. */
export type SessionRead =
  /** `session.user.id`, `(session?.user as any)?.tenantId`: a property the mapping turns into a context property. */
  | { kind: 'mapped'; node: Node; contextKey: string }
  /** `!session`, `!session?.user?.id`: a test for a missing session (`path` is '' for the session itself). */
  | { kind: 'guard'; not: TSESTree.UnaryExpression; operand: Node; path: string; contextKey: string | null }
  /** `const { tenantId, id: userId } = session.user`: each key becomes its context key. */
  | { kind: 'destructure'; init: Node; properties: DestructuredProperty[] }
  /** `if (session)`, `session?.user && …`: a test that the session is there, which the context object answers. */
  | { kind: 'presence'; node: Node }
  /**
   * `const { user } = session`, `const user = session.user as any`: a name for a part of the session whose reads
   * the mapping covers (`user.id` → `userId`). The declaration goes, and the alias's own reads are rewritten.
   */
  | { kind: 'alias'; declarator: TSESTree.VariableDeclarator; init: Node; prefixes: Map<string, string[]> }
  /** Anything else: the value escapes or is read in a way the mapping does not cover. */
  | { kind: 'unsafe'; node: Node; description: string };

type Parented = Node & { parent?: Node };

export interface DestructuredProperty {
  property: TSESTree.Property;
  key: Node;
  contextKey: string;
  local: string;
}

const TRANSPARENT = new Set(['TSNonNullExpression', 'TSAsExpression', 'TSSatisfiesExpression', 'TSTypeAssertion', 'ChainExpression']);

/**
 * Classifies the expression `start` (a reference to the session variable, or the awaited getter call itself):
 * climbs the property chain it heads and matches it against `sessionMapping`, longest mapped prefix first.
 * Requires parent pointers, which the codemod sets on its own tree.
 */
export function classifySessionRead(
  start: Node,
  mapping: Readonly<Record<string, string>>,
  line: (n: Node) => number,
  basePath: readonly string[] = [],
): SessionRead {
  const path: string[] = [...basePath];
  // nodes[k]: the outermost node that reads the first k properties (casts and `!` included).
  const nodes: Node[] = [];
  nodes[path.length] = start;
  let node = start as Parented;
  for (;;) {
    const parent = node.parent as Parented | undefined;
    if (!parent) break;
    if (TRANSPARENT.has(parent.type) && (parent as { expression?: Node }).expression === node) {
      node = parent;
      nodes[path.length] = node;
      continue;
    }
    if (parent.type === 'MemberExpression' && parent.object === node) {
      const name = staticPropertyName(parent);
      if (!name) break;
      path.push(name);
      node = parent;
      nodes[path.length] = node;
      continue;
    }
    break;
  }
  for (let k = path.length; k > basePath.length; k--) {
    const key = path.slice(0, k).join('.');
    const contextKey = mapping[key];
    if (!contextKey) continue;
    const target = nodes[k]!;
    if (isCallee(target)) break;
    if (isWrittenTo(target)) return { kind: 'unsafe', node: target, description: `assigns to session.${key}` };
    // `!session?.user?.id` is true for a missing session as much as for a missing id: it is a guard, and the
    // codemod must see it as one to tell whether the handler turns away callers without a session.
    const parent = (target as Parented).parent;
    if (parent?.type === 'UnaryExpression' && parent.operator === '!') {
      return { kind: 'guard', not: parent, operand: target, path: key, contextKey };
    }
    return { kind: 'mapped', node: target, contextKey };
  }
  const outer = nodes[path.length]!;
  const parent = (outer as Parented).parent;
  const pathText = path.join('.');
  if (parent?.type === 'VariableDeclarator' && parent.init === outer && parent.id.type === 'ObjectPattern') {
    const destructure = destructuring(parent.id, pathText, outer, mapping);
    if (destructure) return destructure;
  }
  if (parent?.type === 'VariableDeclarator' && parent.init === outer) {
    const alias = aliasing(parent, path, outer, mapping);
    if (alias) return alias;
  }
  if ((pathText === '' || pathText === 'user') && parent && isTruthinessTest(parent, outer)) {
    return { kind: 'presence', node: outer };
  }
  if (parent?.type === 'UnaryExpression' && parent.operator === '!' && (pathText === '' || pathText === 'user')) {
    return { kind: 'guard', not: parent, operand: outer, path: pathText, contextKey: null };
  }
  const shown = `session${pathText ? `.${pathText}` : ''}`;
  // `{ userId: session.user.id }` under a mapping without `user.id`: the missing mapping is what to fix, not the
  // object it is stored in (storing a mapped read is fine).
  const leadsToMapping = pathText === '' || Object.keys(mapping).some((k) => k === pathText || k.startsWith(`${pathText}.`));
  const description = leadsToMapping
    ? describeEscape(outer, shown, line)
    : `reads ${shown}, which sessionMapping does not map (line ${line(outer)})`;
  return { kind: 'unsafe', node: outer, description };
}

function isCallee(node: Node): boolean {
  const parent = (node as Parented).parent;
  return parent?.type === 'CallExpression' && parent.callee === node;
}

function isWrittenTo(node: Node): boolean {
  const parent = (node as Parented).parent;
  return (
    (parent?.type === 'AssignmentExpression' && parent.left === node) ||
    (parent?.type === 'UpdateExpression' && parent.argument === node) ||
    (parent?.type === 'UnaryExpression' && parent.operator === 'delete')
  );
}

/** Says, in a reviewer's words, what the code does with the session that the codemod will not guess at. */
function describeEscape(node: Node, shown: string, line: (n: Node) => number): string {
  const parent = (node as Parented).parent;
  const at = `(line ${line(node)})`;
  switch (parent?.type) {
    case 'CallExpression':
    case 'NewExpression':
      return parent.callee === node
        ? `calls ${shown} ${at}`
        : `passes ${shown} to ${describeCallee(skipTransparent(parent.callee))}() ${at}`;
    case 'ReturnStatement':
    case 'ArrowFunctionExpression':
      return `returns ${shown} ${at}`;
    case 'SpreadElement':
      return `spreads ${shown} ${at}`;
    case 'Property':
    case 'ArrayExpression':
    case 'VariableDeclarator':
    case 'AssignmentExpression':
      return `stores ${shown} in another value ${at}`;
    case 'MemberExpression':
      return `reads ${shown} with a computed key ${at}`;
    default:
      return shown === 'session' || shown === 'session.user'
        ? `tests or uses ${shown} as a value ${at}`
        : `reads ${shown}, which sessionMapping does not map ${at}`;
  }
}

function describeCallee(node: Node): string {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression') {
    const name = staticPropertyName(node);
    return `${describeCallee(skipTransparent(node.object))}.${name ?? '[…]'}`;
  }
  return 'a function';
}

function destructuring(
  pattern: TSESTree.ObjectPattern,
  prefix: string,
  init: Node,
  mapping: Readonly<Record<string, string>>,
): SessionRead | null {
  const properties: DestructuredProperty[] = [];
  for (const property of pattern.properties) {
    if (property.type !== 'Property' || property.computed || property.key.type !== 'Identifier') return null;
    const target = property.value.type === 'AssignmentPattern' ? property.value.left : property.value;
    if (target.type !== 'Identifier') return null;
    const contextKey = mapping[prefix ? `${prefix}.${property.key.name}` : property.key.name];
    if (!contextKey) return null;
    properties.push({ property, key: property.key, contextKey, local: target.name });
  }
  return { kind: 'destructure', init, properties };
}

/** Whether `node` is only tested for truthiness by `parent`. */
function isTruthinessTest(parent: Node, node: Node): boolean {
  switch (parent.type) {
    case 'IfStatement':
    case 'ConditionalExpression':
    case 'WhileStatement':
      return parent.test === node;
    case 'LogicalExpression':
      return parent.operator !== '??' && (parent.left === node || isTestedResult(parent));
    default:
      return false;
  }
}

/** `a && b` whose value is itself only tested (inside an if, another logical test, or `!`). */
function isTestedResult(node: Node): boolean {
  const parent = (node as Parented).parent;
  if (!parent) return false;
  if (parent.type === 'UnaryExpression' && parent.operator === '!') return true;
  return isTruthinessTest(parent, node);
}

/** Whether reads below `path` can be mapped: `user` leads to `user.id`; `user.id` itself is a read, not a prefix. */
function leadsToMappedKeys(path: readonly string[], mapping: Readonly<Record<string, string>>): boolean {
  const prefix = path.join('.');
  return Object.keys(mapping).some((key) => (prefix === '' ? true : key.startsWith(`${prefix}.`)));
}

function aliasing(
  declarator: TSESTree.VariableDeclarator,
  path: readonly string[],
  init: Node,
  mapping: Readonly<Record<string, string>>,
): SessionRead | null {
  const prefixes = new Map<string, string[]>();
  if (declarator.id.type === 'Identifier') {
    if (!leadsToMappedKeys(path, mapping)) return null;
    prefixes.set(declarator.id.name, [...path]);
    return { kind: 'alias', declarator, init, prefixes };
  }
  if (declarator.id.type !== 'ObjectPattern') return null;
  for (const property of declarator.id.properties) {
    if (property.type !== 'Property' || property.computed || property.key.type !== 'Identifier') return null;
    if (property.value.type !== 'Identifier') return null;
    const full = [...path, property.key.name];
    if (!leadsToMappedKeys(full, mapping)) return null;
    prefixes.set(property.value.name, full);
  }
  return prefixes.size > 0 ? { kind: 'alias', declarator, init, prefixes } : null;
}
