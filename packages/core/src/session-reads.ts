import type { TSESTree } from '@typescript-eslint/types';
import { contains, skipTransparent, staticPropertyName, type Node } from './ast';
import type { ScopeLike, ScopeManagerLike } from './scope';
import { replaceKeepingComments, statementRemoval, type TextEdit } from './text-edits';
import type { TenantIsolationConfig } from './config-schema';
import type { Range } from './types';

/** What classifying a session read needs from the config. */
export type SessionReadMapping = Pick<TenantIsolationConfig, 'sessionMapping' | 'contextUndefinedForNull'>;

/** How one use of the session value reads it. */
export type SessionRead =
  /**
   * `session.user.id`, `(session?.user as any)?.tenantId`: a property the mapping turns into a context property.
   * `access` is how the session itself is read through (`session.`, `session?.`, `session!.`), which a read of an
   * optional context keeps: it throws, or not, for a missing context as the session read did for a missing session.
   */
  | { kind: 'mapped'; node: Node; contextKey: string; access: SessionAccess }
  /**
   * `!session`, `!session?.user?.id`, `session === null`, `session?.user == null`: a test that is true for a missing
   * session (`path` is '' for the session itself). `test` is the whole test, `operand` the session read in it.
   */
  | { kind: 'guard'; test: Node; operand: Node; path: string; contextKey: string | null; access: SessionAccess }
  /** `const { tenantId, id: userId } = session.user`: each key becomes its context key. */
  | { kind: 'destructure'; init: Node; properties: DestructuredProperty[]; access: SessionAccess }
  /** `if (session)`, `session?.user && …`: a test that the session is there, which the context object answers. */
  | { kind: 'presence'; node: Node }
  /**
   * `const { user } = session`, `const user = session.user as any`: a name for a part of the session whose reads
   * the mapping covers (`user.id` → `userId`). The declaration goes, and the alias's own reads are rewritten.
   */
  | { kind: 'alias'; declarator: TSESTree.VariableDeclarator; init: Node; prefixes: Map<string, string[]> }
  /** Anything else: the value escapes or is read in a way the mapping does not cover. */
  /** `unmappedPath`: the session path read (`user.isAdmin`), when what stops the rewrite is that the mapping lacks it. */
  | { kind: 'unsafe'; node: Node; description: string; unmappedPath?: string };

type Parented = Node & { parent?: Node };

export type SessionAccess = '.' | '?.' | '!.';

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
 * Requires parent pointers, which ESLint sets and the codemod sets on its own tree.
 */
export function classifySessionRead(
  start: Node,
  mapping: SessionReadMapping,
  line: (n: Node) => number,
  basePath: readonly string[] = [],
): SessionRead {
  const { sessionMapping: keys } = mapping;
  const path: string[] = [...basePath];
  // nodes[k]: the outermost node that reads the first k properties (casts and `!` included); reads[k]: the property
  // read itself, which a rewrite replaces so that the casts and `!` written after it stay.
  const nodes: Node[] = [];
  const reads: Node[] = [];
  nodes[path.length] = start;
  reads[path.length] = start;
  let node = start as Parented;
  let access: SessionAccess = '.';
  for (;;) {
    const parent = node.parent as Parented | undefined;
    if (!parent) break;
    if (TRANSPARENT.has(parent.type) && (parent as { expression?: Node }).expression === node) {
      if (parent.type === 'TSNonNullExpression' && path.length === basePath.length) access = '!.';
      node = parent;
      nodes[path.length] = node;
      continue;
    }
    if (parent.type === 'MemberExpression' && parent.object === node) {
      const name = staticPropertyName(parent);
      if (!name) break;
      if (path.length === basePath.length && parent.optional) access = '?.';
      path.push(name);
      node = parent;
      nodes[path.length] = node;
      reads[path.length] = node;
      continue;
    }
    break;
  }
  for (let k = path.length; k > basePath.length; k--) {
    const key = path.slice(0, k).join('.');
    const contextKey = keys[key];
    if (!contextKey) continue;
    const target = nodes[k]!;
    if (isCallee(target)) break;
    if (isWrittenTo(target)) return { kind: 'unsafe', node: target, description: `assigns to session.${key}` };
    // `!session?.user?.id` is true for a missing session as much as for a missing id: it is a guard, and the
    // codemod must see it as one to tell whether the handler turns away callers without a session.
    const lossy = mapping.contextUndefinedForNull.includes(contextKey);
    // `email === undefined` is false for a null email, and true once the context has made it undefined.
    const test = missingTest(target, key, lossy);
    if (test) return { kind: 'guard', test, operand: reads[k]!, path: key, contextKey, access };
    if (lossy && !ignoresNullVersusUndefined(target)) {
      return {
        kind: 'unsafe',
        node: target,
        description: `uses session.${key} where null and undefined differ (line ${line(target)}), and the context has undefined for a null ${contextKey}`,
      };
    }
    return { kind: 'mapped', node: reads[k]!, contextKey, access };
  }
  const outer = nodes[path.length]!;
  const parent = (outer as Parented).parent;
  const pathText = path.join('.');
  if (parent?.type === 'VariableDeclarator' && parent.init === outer && parent.id.type === 'ObjectPattern') {
    const destructure = destructuring(parent.id, pathText, outer, mapping, access);
    if (destructure) return destructure;
  }
  if (parent?.type === 'VariableDeclarator' && parent.init === outer) {
    const alias = aliasing(parent, path, outer, keys);
    if (alias) return alias;
  }
  if (pathText === '' || pathText === 'user') {
    const test = missingTest(outer, pathText);
    if (test) return { kind: 'guard', test, operand: outer, path: pathText, contextKey: null, access };
    if (parent && isTruthinessTest(parent, outer)) return { kind: 'presence', node: outer };
  }
  const shown = `session${pathText ? `.${pathText}` : ''}`;
  // `{ userId: session.user.id }` under a mapping without `user.id`: the missing mapping is what to fix, not the
  // object it is stored in (storing a mapped read is fine).
  const leadsToMapping = pathText === '' || Object.keys(keys).some((k) => k === pathText || k.startsWith(`${pathText}.`));
  if (!leadsToMapping) {
    return { kind: 'unsafe', node: outer, description: `reads ${shown}, which sessionMapping does not map (line ${line(outer)})`, unmappedPath: pathText };
  }
  return { kind: 'unsafe', node: outer, description: describeEscape(outer, shown, line) };
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
    case 'VariableDeclarator':
      if (parent.id.type === 'ObjectPattern' || parent.id.type === 'ArrayPattern') return `destructures ${shown} in a way the codemod does not rewrite ${at}`;
      return `stores ${shown} in another value ${at}`;
    case 'Property':
    case 'ArrayExpression':
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
  mapping: SessionReadMapping,
  access: SessionAccess,
): SessionRead | null {
  const properties: DestructuredProperty[] = [];
  for (const property of pattern.properties) {
    if (property.type !== 'Property' || property.computed || property.key.type !== 'Identifier') return null;
    const target = property.value.type === 'AssignmentPattern' ? property.value.left : property.value;
    if (target.type !== 'Identifier') return null;
    const contextKey = mapping.sessionMapping[prefix ? `${prefix}.${property.key.name}` : property.key.name];
    if (!contextKey) return null;
    // A local that holds a field the context turns from null into undefined could be used anywhere.
    if (mapping.contextUndefinedForNull.includes(contextKey)) return null;
    properties.push({ property, key: property.key, contextKey, local: target.name });
  }
  return { kind: 'destructure', init, properties, access };
}

/** Whether `node` is only tested for truthiness by `parent`. */
function isTruthinessTest(parent: Node, node: Node): boolean {
  switch (parent.type) {
    case 'IfStatement':
    case 'ConditionalExpression':
    case 'WhileStatement':
      return parent.test === node;
    case 'LogicalExpression':
      // `session.user || null` is a value, not a test: only a logical expression whose result is tested tests its parts.
      return parent.operator !== '??' && isTestedResult(parent);
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

/** The session value of one getter call: the variable it is stored in (or none, for a read in place) and its reads. */
export interface SessionValue {
  /** `const session = await getServerSession(…)`: the declarator; null for an inline read. */
  declarator: TSESTree.VariableDeclarator | null;
  reads: SessionRead[];
}

/** The node a read of the session is made at (what a rewrite of it replaces, or the test it is part of). */
export function sessionReadNode(read: SessionRead): Node {
  if (read.kind === 'guard') return read.test;
  return read.kind === 'destructure' || read.kind === 'alias' ? read.init : read.node;
}

/** Casts and non-null assertions around a value, which a rewrite of the value takes along. */
export function isTransparentWrapper(parent: Node, child: Node): boolean {
  return (
    (parent.type === 'TSAsExpression' ||
      parent.type === 'TSSatisfiesExpression' ||
      parent.type === 'TSNonNullExpression' ||
      parent.type === 'TSTypeAssertion') &&
    parent.expression === child
  );
}

/**
 * Finds how the value of a session getter call is used, stored in a variable or read in place, and classifies every
 * read of it, the reads of names given to parts of it included. A string says why the value cannot be followed.
 * Requires parent pointers.
 */
export function sessionValueOf(
  call: Node,
  callee: string,
  scopeManager: ScopeManagerLike,
  mapping: SessionReadMapping,
): SessionValue | string {
  let parent = (call as Parented).parent as Parented | undefined;
  // `await getServerSession?.(authOptions)`: the chain around an optional call is the call.
  if (parent?.type === 'ChainExpression') parent = parent.parent as Parented | undefined;
  if (parent?.type !== 'AwaitExpression') return notAwaited(call, parent, callee);
  let valueNode: Parented = parent;
  while (valueNode.parent && isTransparentWrapper(valueNode.parent, valueNode)) valueNode = valueNode.parent as Parented;
  const holder = valueNode.parent;
  const line = (n: Node) => n.loc.start.line;
  if (holder?.type === 'VariableDeclarator' && holder.init === valueNode && holder.id.type === 'Identifier') {
    const declaration = (holder as Parented).parent as Parented & TSESTree.VariableDeclaration;
    const [variable] = scopeManager.getDeclaredVariables(holder);
    if (!variable) return 'the session variable could not be resolved';
    const writes = variable.references.filter((r) => r.isWrite() && r.identifier !== holder.id);
    if (writes.length > 0 || declaration.kind === 'var') {
      return `the session variable \`${holder.id.name}\` is ${writes.length > 0 ? `reassigned (line ${line(writes[0]!.identifier)})` : 'declared with var'}`;
    }
    const reads = variable.references
      .filter((r) => r.identifier !== holder.id)
      .map((r) => classifySessionRead(r.identifier, mapping, line));
    const aliasProblem = expandAliases(reads, scopeManager, mapping, line);
    if (aliasProblem) return aliasProblem;
    return { declarator: holder, reads };
  }
  if (holder?.type === 'AssignmentExpression' && holder.right === valueNode) {
    return `it assigns the session to \`${holder.left.type === 'Identifier' ? holder.left.name : 'a variable'}\`, declared before the call (line ${line(holder)}), so no single declaration can become the context read`;
  }
  const read = classifySessionRead(valueNode, mapping, line);
  // A read in place becomes one accessor call: a mapped property, or a destructuring of mapped properties.
  if (read.kind !== 'mapped' && read.kind !== 'destructure' && read.kind !== 'unsafe') {
    return `it reads the session in place in a way the codemod does not rewrite (line ${line(valueNode)})`;
  }
  return { declarator: null, reads: [read] };
}

/** Why the value of a getter call cannot be followed when it is not awaited in place, as a reviewer would say it. */
function notAwaited(call: Node, parent: Node | undefined, callee: string): string {
  const line = call.loc.start.line;
  if (parent?.type === 'MemberExpression' && parent.object === call) {
    const method = staticPropertyName(parent);
    return `it handles the promise of ${callee}() with .${method ?? '[…]'}() (line ${line}) instead of awaiting it`;
  }
  if (parent?.type === 'ArrayExpression') return `it awaits ${callee}() in a list with other promises (line ${line})`;
  return `the result of ${callee}() is not awaited where it is called (line ${line})`;
}

/**
 * Adds the reads of every alias (`const { user } = session`) to `reads`, each read with the alias's path in front,
 * so `user.tenantId` is classified as `session.user.tenantId` would be. An alias that is reassigned, or declared
 * next to other names, is not followed: the reason comes back instead.
 */
function expandAliases(
  reads: SessionRead[],
  scopeManager: ScopeManagerLike,
  mapping: SessionReadMapping,
  line: (n: Node) => number,
): string | null {
  for (let i = 0; i < reads.length; i++) {
    const read = reads[i]!;
    if (read.kind !== 'alias') continue;
    const declaration = (read.declarator as Parented).parent as TSESTree.VariableDeclaration;
    if (declaration.kind === 'var' || declaration.declarations.length !== 1) {
      return `it names part of the session in a declaration the codemod does not split (line ${line(declaration)})`;
    }
    for (const variable of scopeManager.getDeclaredVariables(read.declarator)) {
      const prefix = read.prefixes.get(variable.name);
      if (!prefix) continue;
      const own = variable.defs[0]?.name;
      if (variable.references.some((r) => r.isWrite() && r.identifier !== own)) {
        return `the alias \`${variable.name}\` of the session is reassigned`;
      }
      for (const reference of variable.references) {
        if (reference.identifier === own) continue;
        reads.push(classifySessionRead(reference.identifier, mapping, line, prefix));
      }
    }
  }
  return null;
}

export interface ContextReadOptions {
  /** The accessor as the module calls it (its local name). */
  accessor: string;
  /** True for the optional accessor, which returns null without a signed-in caller: reads go through `?.`. */
  optional: boolean;
  /** The name for the context variable, asked for only when the declaration stays. */
  contextName: () => string;
  /**
   * A variable that already holds the context wherever the session is read (`const ctx = requireTenantContext()`
   * earlier in the handler): the session's declaration goes and its reads go through that variable.
   */
  existingContext?: string;
  /**
   * Context keys a required context always carries (`contextAccessor.guarantees`): a guard that tests only them, or
   * the session itself, is always false once the wrapper lets a call through.
   */
  guaranteedKeys: ReadonlySet<string>;
}

export interface ContextReads {
  edits: TextEdit[];
  /** False when nothing is left that calls the accessor: the session was only tested, or an existing variable reads. */
  readsContext: boolean;
  /** The variable the reads now go through; null for a read in place or when nothing is left to read. */
  contextVariable: string | null;
}

/**
 * The edits that read the tenant context instead of a session value whose reads are all safe (no `unsafe` read):
 * the declaration becomes `const ctx = accessor()`, each read its context property, and tests for a missing
 * session that a required context makes always false go.
 */
export function contextReadEdits(
  text: string,
  value: SessionValue,
  { accessor, optional, contextName, existingContext, guaranteedKeys }: ContextReadOptions,
): ContextReads {
  // A required context is always there; an optional one is read through as the session was.
  const through = (read: { access: SessionAccess }): string => (optional ? read.access : '.');
  // The read is marked so that a type check can tell where the context property now stands in for a session read.
  const readOf = (read: Extract<SessionRead, { kind: 'mapped' }>, holder: string): TextEdit => {
    const expression = `${holder}${through(read)}${read.contextKey}`;
    return { ...replace(text, read.node, expression), contextRead: { key: read.contextKey, length: expression.length, optional } };
  };
  const edits: TextEdit[] = [];
  if (!value.declarator) {
    const [read] = value.reads;
    if (read?.kind === 'mapped') edits.push(readOf(read, `${accessor}()`));
    if (read?.kind === 'destructure') edits.push(...destructureEdits(text, read, `${accessor}()${optional && read.access === '!.' ? '!' : ''}`));
    return { edits, readsContext: true, contextVariable: null };
  }
  const droppedGuard = (read: SessionRead) => read.kind === 'guard' && !optional && (read.contextKey === null || guaranteedKeys.has(read.contextKey));
  // The tests the wrapper makes always false: a condition keeps every other test it has.
  const droppable = new Set(value.reads.filter(droppedGuard).map((read) => (read as Extract<SessionRead, { kind: 'guard' }>).test));
  const declaration = (value.declarator as Parented).parent as TSESTree.VariableDeclaration;
  if (value.reads.every(droppedGuard) && declaration.declarations.length === 1) {
    // Only the guards the wrapper answers read the session: an unread `const ctx = …` would fail noUnusedLocals.
    edits.push(...removeStatement(text, declaration));
    for (const read of value.reads) if (read.kind === 'guard') edits.push(...dropGuard(text, read, droppable));
    return { edits, readsContext: false, contextVariable: null };
  }
  const reuse = existingContext !== undefined && declaration.declarations.length === 1;
  const name = reuse ? existingContext : contextName();
  if (reuse) {
    edits.push(...removeStatement(text, declaration));
  } else {
    edits.push(replaceKeepingComments(text, value.declarator.range[0], value.declarator.range[1], `${name} = ${accessor}()`));
  }
  for (const read of value.reads) {
    if (read.kind === 'mapped') {
      edits.push(readOf(read, name));
    } else if (read.kind === 'destructure') {
      // `const { tenantId } = session!.user` keeps its assertion on an optional context.
      edits.push(...destructureEdits(text, read, optional && read.access === '!.' ? `${name}!` : name));
    } else if (read.kind === 'alias') {
      edits.push(...removeStatement(text, (read.declarator as Parented).parent!));
    } else if (read.kind === 'presence') {
      edits.push(replace(text, read.node, name));
    } else if (read.kind === 'guard') {
      if (droppedGuard(read)) edits.push(...dropGuard(text, read, droppable));
      else edits.push(replace(text, read.operand, read.contextKey ? `${name}${through(read)}${read.contextKey}` : name));
    }
  }
  return { edits, readsContext: !reuse, contextVariable: name };
}

/** `const { tenantId, id: userId } = session.user` → `const { tenantId, userId } = ctx`: each key its context key. */
function destructureEdits(text: string, read: Extract<SessionRead, { kind: 'destructure' }>, source: string): TextEdit[] {
  const edits = [replace(text, read.init, source)];
  for (const { property, key, contextKey, local } of read.properties) {
    const hasDefault = property.value.type === 'AssignmentPattern';
    // `{ tenantId }`, `{ role = 'member' }`: the key already names the context property.
    if (key.type === 'Identifier' && key.name === contextKey) continue;
    if (contextKey === local && !hasDefault) edits.push(replace(text, property, local));
    else if (property.shorthand) edits.push(replace(text, key, `${contextKey}: ${local}`));
    else edits.push(replace(text, key, contextKey));
  }
  return edits;
}

/** A statement that goes with its line, keeping the statement after it apart from the one before. */
function removeStatement(text: string, statement: Node): TextEdit[] {
  return statementRemoval(text, statement, statementAfter(statement));
}

function statementAfter(statement: Node): Node | undefined {
  const holder = (statement as Parented).parent;
  const body =
    holder?.type === 'BlockStatement' || holder?.type === 'Program'
      ? (holder.body as Node[])
      : holder?.type === 'SwitchCase'
        ? (holder.consequent as Node[])
        : null;
  return body ? body[body.indexOf(statement) + 1] : undefined;
}

/**
 * A test for a missing session that the wrapper makes always false: remove it from its condition, or the statement
 * it guards when every test of the condition is one of `droppable`.
 */
function dropGuard(text: string, guard: Extract<SessionRead, { kind: 'guard' }>, droppable: ReadonlySet<Node>): TextEdit[] {
  const leaves: Node[] = [];
  let top: Node = guard.test;
  while ((top as Parented).parent?.type === 'LogicalExpression' && ((top as Parented).parent as TSESTree.LogicalExpression).operator === '||') {
    top = (top as Parented).parent!;
  }
  const statement = (top as Parented).parent;
  if (statement?.type !== 'IfStatement' || statement.test !== top || statement.alternate) return [replace(text, guard.test, 'false')];
  collectOrLeaves(top, leaves);
  const remaining = leaves.filter((leaf) => !droppable.has(leaf));
  if (remaining.length === 0) {
    // Only a statement of a block or of the file can go: `else if (!session) …` or an `if` that is another one's
    // body would take what follows with it, so it becomes an empty block, which means the same.
    const holder = (statement as Parented).parent;
    if (holder?.type !== 'BlockStatement' && holder?.type !== 'Program' && holder?.type !== 'SwitchCase') return [replace(text, statement, '{}')];
    return removeStatement(text, statement);
  }
  const index = leaves.indexOf(guard.test);
  const next = leaves[index + 1];
  const previous = leaves[index - 1];
  if (index < 0 || (!next && !previous)) return [replace(text, guard.test, 'false')];
  const between = next ? text.slice(guard.test.range[1], next.range[0]) : text.slice(previous!.range[1], guard.test.range[0]);
  // Parenthesised or commented operands are left as `false` rather than risk a broken condition.
  if (!/^\s*\|\|\s*$/.test(between)) return [replace(text, guard.test, 'false')];
  return [next ? { start: guard.test.range[0], end: next.range[0], text: '' } : { start: previous!.range[1], end: guard.test.range[1], text: '' }];
}

function collectOrLeaves(node: Node, out: Node[]): void {
  if (node.type === 'LogicalExpression' && node.operator === '||') {
    collectOrLeaves(node.left, out);
    collectOrLeaves(node.right, out);
  } else {
    out.push(node);
  }
}

/**
 * The test around a session read that is true when the read finds nothing: `!x`, `x == null`, `x == undefined`,
 * `x === null` for the session itself (the getter answers null), `x === undefined` for a property of it.
 */
function missingTest(read: Node, path: string, strictOnlyOnSession = false): Node | null {
  const parent = (read as Parented).parent;
  if (!parent) return null;
  if (parent.type === 'UnaryExpression' && parent.operator === '!') return parent;
  if (parent.type !== 'BinaryExpression' || (parent.operator !== '==' && parent.operator !== '===')) return null;
  const other = parent.left === read ? parent.right : parent.left;
  const isNull = other.type === 'Literal' && other.value === null && !('regex' in other && other.regex);
  const isUndefined = other.type === 'Identifier' && other.name === 'undefined';
  if (parent.operator === '==') return isNull || isUndefined ? parent : null;
  if (isNull && path === '') return parent;
  if (isUndefined && path !== '' && !strictOnlyOnSession) return parent;
  return null;
}

/**
 * Whether the value at `node` is used only in ways that cannot tell null from undefined: tested, defaulted with
 * `??` or `||`, compared loosely or with a value that is neither, or read through.
 */
function ignoresNullVersusUndefined(node: Node): boolean {
  const parent = (node as Parented).parent;
  if (!parent) return false;
  switch (parent.type) {
    case 'UnaryExpression': {
      if (parent.operator === '!') return true;
      // `typeof email === 'string'` is false for null and undefined alike; `=== 'object'` or `'undefined'` tells them apart.
      if (parent.operator !== 'typeof') return false;
      const comparison = (parent as Parented).parent;
      if (comparison?.type !== 'BinaryExpression' || !['===', '!==', '==', '!='].includes(comparison.operator)) return false;
      const other = comparison.left === parent ? comparison.right : comparison.left;
      return other.type === 'Literal' && typeof other.value === 'string' && other.value !== 'object' && other.value !== 'undefined';
    }
    case 'MemberExpression':
      // `email?.trim()` is undefined either way; `email.trim()` throws, with a message that names null or undefined.
      return parent.object === node && parent.optional;
    case 'LogicalExpression':
      if (parent.left === node && parent.operator !== '&&') return true;
      // The right side (or a falsy left side of `&&`) is the value of the whole: what happens to that decides.
      return isTestedResult(parent) || ignoresNullVersusUndefined(parent);
    case 'BinaryExpression': {
      if (parent.operator === '==' || parent.operator === '!=') return true;
      if (parent.operator !== '===' && parent.operator !== '!==') return false;
      const other = parent.left === node ? parent.right : parent.left;
      return (other.type === 'Literal' && other.value !== null) || (other.type === 'TemplateLiteral' && other.expressions.length === 0);
    }
    case 'ConditionalExpression':
      return parent.test === node || ignoresNullVersusUndefined(parent);
    case 'IfStatement':
    case 'WhileStatement':
      return isTruthinessTest(parent, node);
    case 'TSAsExpression':
    case 'TSNonNullExpression':
    case 'TSSatisfiesExpression':
    case 'ChainExpression':
      return ignoresNullVersusUndefined(parent);
    case 'JSXExpressionContainer':
      // React renders, and leaves out as an attribute, null and undefined alike.
      return true;
    case 'CallExpression':
      // `Boolean(email)`: a test by another name.
      return parent.callee.type === 'Identifier' && parent.callee.name === 'Boolean' && parent.arguments[0] === node;
    default:
      return false;
  }
}

function replace(text: string, node: Node, replacement: string): TextEdit {
  return replaceKeepingComments(text, node.range[0], node.range[1], replacement);
}

const CONTEXT_NAMES = ['ctx', 'tenantCtx', 'tenantContext', ...Array.from({ length: 50 }, (_, i) => `ctx${i + 2}`)];

/** A scope with the node that makes it, as both scope managers the tools run under give it. */
type ScopeWithBlock = ScopeLike & { block: { range: Range } };

/**
 * A name for the context variable that nothing in `range` (the function that will hold it) declares or refers to,
 * and that `isTaken` (names of the module, names already given) does not rule out: `ctx`, else `tenantCtx`, …
 */
export function freshContextName(
  scopeManager: { scopes: readonly ScopeWithBlock[] },
  range: Range,
  isTaken: (name: string) => boolean,
): string {
  const inRange = new Set<string>();
  for (const scope of scopeManager.scopes) {
    if (!contains(range, scope.block.range)) continue;
    for (const variable of scope.variables) inRange.add(variable.name);
    for (const reference of scope.references) {
      const { identifier } = reference;
      if ('name' in identifier && typeof identifier.name === 'string') inRange.add(identifier.name);
    }
  }
  return CONTEXT_NAMES.find((name) => !inRange.has(name) && !isTaken(name))!;
}
