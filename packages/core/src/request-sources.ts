import type { TSESTree } from '@typescript-eslint/types';
import { isFunctionLike, skipTransparent, staticPropertyName, stringValue, type Node } from './ast';
import type { ModuleBindings } from './module-bindings';
import type { ScopeManagerLike, VariableLike } from './scope';
import type { FunctionLike, RouteKind } from './types';

/**
 * Request sources: which values of a route handler the caller controls. `no-client-tenant-id` follows them forward
 * from the request to a tenant id; the query-scoping analysis asks, of a tenant value, whether it came from one. Both
 * read the request through the same steps, defined here.
 */

/** Where a request value comes from. */
export type RequestSource = 'body' | 'query' | 'params' | 'headers' | 'cookies' | 'action';

export const REQUEST_SOURCE_TEXT: Record<RequestSource, string> = {
  body: 'request body',
  query: 'query string',
  params: 'route params',
  headers: 'request headers',
  cookies: 'request cookies',
  action: "server action's arguments",
};

/** A value that holds client-controlled fields: a JSON body, form data, search params, route params, headers, cookies. */
export interface RequestContainer {
  kind: 'container';
  source: RequestSource;
  /** True when the fields may be objects with fields of their own (a JSON body), which are client-controlled too. */
  nested: boolean;
  /**
   * True once a schema checked it (`schema.parse(body)`, `safeParse(body).data`): its fields are still the caller's,
   * but only those the schema lists.
   */
  validated?: boolean;
}

/** What the analysis knows an expression to be, on the way from a handler's parameters to a field the caller sent. */
export type RequestValue =
  | { kind: 'request' }
  /** The second argument of an App Router handler: `{ params }`. */
  | { kind: 'context' }
  /** `req.nextUrl`, `new URL(req.url)`: a URL with `searchParams`. */
  | { kind: 'url' }
  /** `req.url`: the string a URL is made from. */
  | { kind: 'urlString' }
  /** `await req.text()`: the body as a string, which `JSON.parse` makes a JSON body. */
  | { kind: 'bodyText' }
  /** `schema.safeParse(body)`: its `data` is the body. */
  | { kind: 'validation'; of: RequestContainer }
  | RequestContainer;

/** What a property of a request value is: `req.nextUrl`, `req.body`, `context.params`, `url.searchParams`. */
export function requestMember(value: RequestValue, name: string): RequestValue | null {
  switch (value.kind) {
    case 'request':
      switch (name) {
        case 'nextUrl':
          return { kind: 'url' };
        case 'url':
          return { kind: 'urlString' };
        case 'body':
          return { kind: 'container', source: 'body', nested: true };
        case 'query':
          return { kind: 'container', source: 'query', nested: false };
        case 'headers':
          return { kind: 'container', source: 'headers', nested: false };
        case 'cookies':
          return { kind: 'container', source: 'cookies', nested: false };
        default:
          return null;
      }
    case 'url':
      return name === 'searchParams' ? { kind: 'container', source: 'query', nested: false } : null;
    case 'context':
      return name === 'params' ? { kind: 'container', source: 'params', nested: false } : null;
    case 'validation':
      return name === 'data' ? value.of : null;
    case 'container':
      return value.nested ? value : null;
    default:
      return null;
  }
}

/**
 * What calling `value.method()` gives: the body of a request (`json`, `formData`, `text`), or, for `get`/`getAll` on
 * a container, the field the caller sent (`'field'`).
 */
export function requestMethodResult(value: RequestValue, method: string): RequestValue | 'field' | null {
  if (value.kind === 'request') {
    if (method === 'json') return { kind: 'container', source: 'body', nested: true };
    if (method === 'formData') return { kind: 'container', source: 'body', nested: false };
    if (method === 'text') return { kind: 'bodyText' };
    return null;
  }
  if (value.kind === 'container' && (method === 'get' || method === 'getAll')) return 'field';
  return null;
}

/** `.catch(…)` and `.finally(…)` on a promise of a request value give the same value. */
export const PROMISE_PASS_THROUGH = new Set(['catch', 'finally']);

/**
 * What a call given a request value as its first argument gives, as code wraps a request body: `JSON.parse` of the
 * body's text, `Object.fromEntries(…)`, a schema's `parse` (a check does not make the fields it passes any less the
 * client's), and `safeParse` as a validation result whose `data` is the value. `global` says whether `JSON` or
 * `Object` is the global one.
 */
export function requestWrapperResult(name: string, object: TSESTree.Identifier | null, global: boolean, value: RequestValue): RequestValue | null {
  if (value.kind === 'bodyText') {
    return name === 'parse' && object?.name === 'JSON' && global ? { kind: 'container', source: 'body', nested: true } : null;
  }
  if (value.kind !== 'container') return null;
  if (name === 'fromEntries') return object?.name === 'Object' && global ? value : null;
  if (name === 'parse' || name === 'parseAsync') return { ...value, validated: true };
  if (name === 'safeParse' || name === 'safeParseAsync') return { kind: 'validation', of: { ...value, validated: true } };
  return null;
}

/** A key for a value, to visit each (function, parameter, value) once. */
export function requestValueKey(value: RequestValue): string {
  return value.kind === 'container'
    ? `${value.source}${value.nested ? '+' : ''}`
    : value.kind === 'validation'
      ? `validation:${requestValueKey(value.of)}`
      : value.kind;
}

/** The values the request enters a handler's function as: its parameters, by route kind. */
export function handlerParameterValue(routeKind: RouteKind, index: number): RequestValue | null {
  if (routeKind === 'server-action') return { kind: 'container', source: 'action', nested: true };
  if (index === 0) return { kind: 'request' };
  if (index === 1 && routeKind === 'app-route') return { kind: 'context' };
  return null;
}

/**
 * Answers, going backward from an expression, whether its value is a field the caller sent: through variables and
 * destructuring, awaits, casts, fallbacks, the request's body methods and the wrappers above, back to a handler's
 * parameter (`handlerFunctions`) or `headers()`/`cookies()` from next/headers.
 */
export class RequestSources {
  private readonly resolving = new Set<Node>();

  constructor(
    private readonly scopeManager: ScopeManagerLike,
    private readonly bindings: ModuleBindings,
    /** The handlers' own functions, with the kind of route they serve. */
    private readonly handlerFunctions: ReadonlyMap<FunctionLike, RouteKind>,
  ) {}

  /**
   * Whether `expression` is a whole request container (a body, form data, search params…) that a schema has checked:
   * spread into a query, it sets only the fields the schema lists.
   */
  isValidatedContainer(expression: Node): boolean {
    const value = this.valueOf(expression, 0);
    if (!value || typeof value === 'string') return false;
    return value.kind === 'container' ? value.validated === true : value.kind === 'validation';
  }

  /** The source of the field `expression` holds, or null when it is not (known to be) something the caller sent. */
  sourceOf(expression: Node): RequestSource | null {
    const value = this.valueOf(expression, 0);
    if (!value || typeof value === 'string') return value;
    return value.kind === 'container' ? value.source : value.kind === 'validation' ? value.of.source : null;
  }

  /** A request value, or the source of a field read from a container. */
  private valueOf(expression: Node, depth: number): RequestValue | RequestSource | null {
    if (depth > 16 || this.resolving.has(expression)) return null;
    this.resolving.add(expression);
    try {
      return this.resolve(skipTransparent(expression), depth + 1);
    } finally {
      this.resolving.delete(expression);
    }
  }

  private resolve(node: Node, depth: number): RequestValue | RequestSource | null {
    switch (node.type) {
      case 'AwaitExpression':
        return this.valueOf(node.argument, depth);
      case 'LogicalExpression':
        return node.operator === '&&' ? this.valueOf(node.right, depth) : (this.valueOf(node.left, depth) ?? this.valueOf(node.right, depth));
      case 'ConditionalExpression':
        return this.valueOf(node.consequent, depth) ?? this.valueOf(node.alternate, depth);
      case 'MemberExpression': {
        const name = staticPropertyName(node);
        const object = this.valueOf(node.object, depth);
        if (!object || typeof object === 'string') return object;
        if (object.kind === 'container') return object.source;
        return name === null ? null : requestMember(object, name);
      }
      case 'CallExpression':
        return this.callValue(node, depth);
      case 'NewExpression': {
        const argument = node.arguments[0];
        if (node.callee.type !== 'Identifier' || node.callee.name !== 'URL' || !argument || !this.bindings.isGlobal(node.callee)) return null;
        const value = this.valueOf(argument, depth);
        return value && typeof value === 'object' && (value.kind === 'urlString' || value.kind === 'url') ? { kind: 'url' } : null;
      }
      case 'Identifier':
        return this.identifierValue(node, depth);
      default:
        return null;
    }
  }

  private callValue(call: TSESTree.CallExpression, depth: number): RequestValue | RequestSource | null {
    const callee = skipTransparent(call.callee);
    if (callee.type === 'MemberExpression') {
      const method = staticPropertyName(callee);
      if (method === null) return null;
      if (PROMISE_PASS_THROUGH.has(method)) return this.valueOf(callee.object, depth);
      const object = this.valueOf(callee.object, depth);
      if (object && typeof object === 'object') {
        const result = requestMethodResult(object, method);
        if (result === 'field') return object.kind === 'container' ? object.source : null;
        if (result) return result;
      }
    }
    const headers = this.bindings.valueOf(callee);
    if (headers?.kind === 'member' && headers.module === 'next/headers' && (headers.name === 'headers' || headers.name === 'cookies')) {
      return { kind: 'container', source: headers.name, nested: false };
    }
    const argument = call.arguments[0];
    if (!argument) return null;
    const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? staticPropertyName(callee) : null;
    if (name === null) return null;
    const object = callee.type === 'MemberExpression' && callee.object.type === 'Identifier' ? callee.object : null;
    const value = this.valueOf(argument, depth);
    if (!value || typeof value !== 'object') return null;
    return requestWrapperResult(name, object, object !== null && this.bindings.isGlobal(object), value);
  }

  private identifierValue(identifier: TSESTree.Identifier, depth: number): RequestValue | RequestSource | null {
    const variable = this.bindings.variableOf(identifier);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (!variable || !def) return null;
    if (def.type === 'Parameter' && isFunctionLike(def.node)) {
      const fn = def.node;
      const index = fn.params.findIndex((p) => contains(p, def.name));
      if (index === -1) return null;
      const kind = this.handlerFunctions.get(fn);
      if (kind) {
        const entered = handlerParameterValue(kind, index);
        return entered ? this.throughPattern(fn.params[index]!, def.name, entered) : null;
      }
      // A same-module helper: what its callers pass.
      for (const argument of callArguments(this.scopeManager, fn, index)) {
        const passed = this.valueOf(argument, depth);
        if (!passed) continue;
        if (typeof passed === 'string') return passed;
        const bound = this.throughPattern(fn.params[index]!, def.name, passed);
        if (bound) return bound;
      }
      return null;
    }
    if (def.type !== 'Variable' || def.node.type !== 'VariableDeclarator' || !def.node.init || reassigned(variable)) return null;
    const init = this.valueOf(def.node.init, depth);
    if (!init || typeof init === 'string') return init;
    return this.throughPattern(def.node.id, def.name, init);
  }

  /** The value `target` binds when `pattern` destructures `value`: `{ params }` of the context, `{ tenantId }` of a body. */
  private throughPattern(pattern: Node, target: Node, value: RequestValue): RequestValue | RequestSource | null {
    let node = pattern.type === 'TSParameterProperty' ? pattern.parameter : pattern;
    let current: RequestValue = value;
    for (;;) {
      if (node === target) return current;
      switch (node.type) {
        case 'AssignmentPattern':
          node = node.left;
          continue;
        case 'ObjectPattern': {
          const property = node.properties.find((p) => contains(p, target));
          if (!property) return null;
          if (property.type === 'RestElement') {
            node = property.argument;
            continue;
          }
          if (current.kind === 'container') return current.source;
          const key = !property.computed && property.key.type === 'Identifier' ? property.key.name : stringValue(property.key);
          const next = key === null ? null : requestMember(current, key);
          if (!next) return null;
          current = next;
          node = property.value;
          continue;
        }
        default:
          return null;
      }
    }
  }
}

/**
 * The arguments at `index` of the calls of a same-module function, called by its name: `load(prisma, id)` for
 * `function load(client, id)` or `const load = async (client, id) => …`.
 */
export function callArguments(scopeManager: ScopeManagerLike, fn: FunctionLike, index: number): Node[] {
  const found: Node[] = [];
  for (const id of functionReads(scopeManager, fn)) {
    const call = (id as { parent?: Node }).parent;
    if (call?.type !== 'CallExpression' || skipTransparent(call.callee) !== id) continue;
    const argument = call.arguments[index];
    if (argument && argument.type !== 'SpreadElement') found.push(argument);
  }
  return found;
}

/** The reads of a same-module function's name: its calls, and any use of it as a value (`items.map(load)`). */
export function functionReads(scopeManager: ScopeManagerLike, fn: FunctionLike): Node[] {
  const declaration = functionDeclaration(fn);
  const variable = declaration ? scopeManager.getDeclaredVariables(declaration)[0] : undefined;
  return variable ? variable.references.filter((r) => r.isRead()).map((r) => r.identifier) : [];
}

/** Whether every read of a function's name calls it: one that escapes as a value may be called with anything. */
export function onlyCalledByName(scopeManager: ScopeManagerLike, fn: FunctionLike): boolean {
  return functionReads(scopeManager, fn).every((id) => {
    const call = (id as { parent?: Node }).parent;
    return call?.type === 'CallExpression' && skipTransparent(call.callee) === id;
  });
}

/** The declaration that names a function: `function f`, or the declarator of `const f = () => …`. */
function functionDeclaration(fn: FunctionLike): Node | null {
  if (fn.type === 'FunctionDeclaration') return fn.id ? fn : null;
  let outer: Node = fn;
  for (let parent = (outer as { parent?: Node }).parent; parent && skipTransparent(parent) === fn && parent !== fn; parent = (outer as { parent?: Node }).parent) outer = parent;
  const declarator = (outer as { parent?: Node }).parent;
  return declarator?.type === 'VariableDeclarator' && declarator.init === outer && declarator.id.type === 'Identifier' ? declarator : null;
}

const contains = (outer: Node, inner: Node): boolean => outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];

function reassigned(variable: VariableLike): boolean {
  return variable.references.some((r) => r.isWrite() && r.writeExpr !== (variable.defs[0]?.node as TSESTree.VariableDeclarator | undefined)?.init);
}
