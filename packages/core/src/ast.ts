import type { TSESTree } from '@typescript-eslint/types';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import type { FunctionLike, Range } from './types';

export type Node = TSESTree.Node;

/** Visits every node below `root` once, parents before children. */
export function walk(root: Node, visit: (node: Node, parent: Node | null) => void): void {
  walkWhile(root, (node, parent) => {
    visit(node, parent);
    return true;
  });
}

/** Like `walk`, but the children of a node are skipped when `visit` returns false for it. */
export function walkWhile(root: Node, visit: (node: Node, parent: Node | null) => boolean): void {
  // Two parallel stacks rather than one of pairs: a walk visits every node of a body, and pairs were most of its garbage.
  const nodes: Node[] = [root];
  const parents: Array<Node | null> = [null];
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const parent = parents.pop()!;
    if (!visit(node, parent)) continue;
    const keys = visitorKeys[node.type] ?? Object.keys(node);
    for (let k = keys.length - 1; k >= 0; k--) {
      const key = keys[k]!;
      if (key === 'parent') continue;
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (let i = child.length - 1; i >= 0; i--) {
          const item = child[i] as Node | null;
          if (item && typeof item.type === 'string') {
            nodes.push(item);
            parents.push(node);
          }
        }
      } else if (child && typeof (child as Node).type === 'string') {
        nodes.push(child as Node);
        parents.push(node);
      }
    }
  }
}

export function isFunctionLike(node: Node | null | undefined): node is FunctionLike {
  return (
    node?.type === 'FunctionDeclaration' ||
    node?.type === 'FunctionExpression' ||
    node?.type === 'ArrowFunctionExpression'
  );
}

/** Whether `parent` only wraps `child` (a cast, `!`, type arguments, an optional chain): what `skipTransparent` skips. */
export function isTransparentParent(parent: Node, child: Node): boolean {
  switch (parent.type) {
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TSNonNullExpression':
    case 'TSTypeAssertion':
    case 'TSInstantiationExpression':
    case 'ChainExpression':
      return parent.expression === child;
    default:
      return false;
  }
}

/** Removes what does not change a value at run time: TypeScript casts, non-null assertions, optional chains. */
export function skipTransparent(node: Node): Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'TSInstantiationExpression':
        current = current.expression;
        break;
      case 'ChainExpression':
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

/** `a.b` or `a['b']`: the property name when it is static. */
export function staticPropertyName(member: TSESTree.MemberExpression): string | null {
  if (!member.computed && member.property.type === 'Identifier') return member.property.name;
  if (member.computed && member.property.type === 'Literal' && typeof member.property.value === 'string') {
    return member.property.value;
  }
  if (member.computed && member.property.type === 'TemplateLiteral' && member.property.expressions.length === 0) {
    return member.property.quasis[0]?.value.cooked ?? null;
  }
  return null;
}

/** The module named by `require('m')`, or null. */
export function requiredModule(node: Node): string | null {
  if (
    node.type === 'CallExpression' &&
    node.callee.type === 'Identifier' &&
    node.callee.name === 'require' &&
    node.arguments.length === 1
  ) {
    return stringValue(node.arguments[0]!);
  }
  return null;
}

/** The module named by `import('m')`, or null. */
export function dynamicallyImportedModule(node: Node): string | null {
  return node.type === 'ImportExpression' ? stringValue(node.source) : null;
}

export function stringValue(node: Node): string | null {
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? null;
  return null;
}

export const contains = (outer: Range, inner: Range): boolean => outer[0] <= inner[0] && inner[1] <= outer[1];

/** The identifiers a binding pattern declares: `a` in `a`, `{ a, b: [c] }`, `{ a = 1, ...rest }`. */
export function boundIdentifiers(pattern: Node): TSESTree.Identifier[] {
  switch (pattern.type) {
    case 'Identifier':
      return [pattern];
    case 'ObjectPattern':
      return pattern.properties.flatMap((p) => boundIdentifiers(p.type === 'Property' ? p.value : p.argument));
    case 'ArrayPattern':
      return pattern.elements.flatMap((e) => (e ? boundIdentifiers(e) : []));
    case 'AssignmentPattern':
      return boundIdentifiers(pattern.left);
    case 'RestElement':
      return boundIdentifiers(pattern.argument);
    default:
      return [];
  }
}

/** `a`, `'a'` or `` `a` `` as the key of an object property: its name when it is static. */
export function propertyKeyName(property: TSESTree.Property): string | null {
  if (!property.computed && property.key.type === 'Identifier') return property.key.name;
  return stringValue(property.key);
}

/** Whether control never leaves the statement normally: it returns or throws on every path. */
export function alwaysExits(statement: Node): boolean {
  if (statement.type === 'ReturnStatement' || statement.type === 'ThrowStatement') return true;
  if (statement.type === 'BlockStatement') {
    const last = statement.body.at(-1);
    return last !== undefined && alwaysExits(last);
  }
  if (statement.type === 'IfStatement') return statement.alternate !== null && alwaysExits(statement.consequent) && alwaysExits(statement.alternate);
  return false;
}

/** The outermost node that spans exactly `range` and `accept`s, found by descending only into nodes that contain it. */
export function nodeAt(root: Node, range: Range, accept: (node: Node) => boolean = () => true): Node | null {
  let node: Node = root;
  descend: for (;;) {
    if (node.range[0] === range[0] && node.range[1] === range[1] && accept(node)) return node;
    for (const key of visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(child) ? child : [child]) {
        const candidate = item as Node | null | undefined;
        if (candidate && typeof candidate.type === 'string' && contains(candidate.range, range)) {
          node = candidate;
          continue descend;
        }
      }
    }
    return null;
  }
}

/** The function that spans exactly `range`: a handler's, as the analysis gives its `functionRange`. */
export const functionAt = (root: Node, range: Range): FunctionLike | null => nodeAt(root, range, isFunctionLike) as FunctionLike | null;
