import {
  alwaysExits,
  configSchema,
  contains,
  functionAt,
  isFunctionLike,
  isTransparentParent,
  moduleMatches,
  propertyKeyName,
  skipTransparent,
  staticPropertyName,
  stringValue,
  type HandlerAnalysis,
  type ImportSpec,
  PROMISE_PASS_THROUGH,
  type Range,
  REQUEST_SOURCE_TEXT,
  requestMember,
  requestMethodResult,
  requestValueKey,
  requestWrapperResult,
  type RequestContainer,
  type RequestSource,
  type RequestValue,
} from '@tenant-isolation/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { z } from 'zod';
import { createRule } from '../utils/create-rule';
import { routeModuleOf, type RouteModule } from '../utils/route-module';
import { configOverrides, ruleConfig, ruleOptionsJsonSchema } from '../utils/settings';

type Node = TSESTree.Node;
type Variable = TSESLint.Scope.Variable;
type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

export const DEFAULT_TENANT_ID_NAMES: readonly string[] = Object.freeze([
  'tenantId',
  'tenant_id',
  'tenant',
  'orgId',
  'org_id',
  'organizationId',
  'organization_id',
  'workspaceId',
  'workspace_id',
  'x-tenant-id',
  'x-org-id',
  'x-organization-id',
  'x-workspace-id',
]);

/** The shared config keys this rule reads, which its options may override like those of every rule. */
const CONFIG_KEYS = {
  routes: true,
  ignore: true,
  contextAccessor: true,
  optionalContextAccessor: true,
  publicRoutes: true,
  serverActions: true,
} as const;
const CONFIG_KEY_NAMES = Object.keys(CONFIG_KEYS) as Array<keyof typeof CONFIG_KEYS>;

const importSpecs = configSchema.shape.indirectSessionGetters.unwrap();

const optionsSchema = configSchema
  .pick(CONFIG_KEYS)
  .partial()
  .extend({
    tenantIdNames: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe(
        'Names that denote a tenant id: body fields, query and route params, headers and cookies. Compared case-insensitively; replaces the default list.',
      ),
    trustedSources: importSpecs
      .optional()
      .describe(
        'Functions whose results are trusted tenant ids, `{ name, from }`: comparing with one is a check, and a tenant id passed to one is being verified, not used. The context accessors always are.',
      ),
  });

export type Options = [z.input<typeof optionsSchema>];
export type MessageIds = 'clientTenantId';

type Source = RequestSource;
type Container = RequestContainer;

interface TenantIdRead {
  /** Where the report goes: the expression or destructured property that reads the tenant id. */
  node: Node;
  name: string;
  source: Source;
  /** The read expression, or the variables a destructuring binds the tenant id to. */
  value: Node | Variable[];
}

interface CompiledNames {
  names: ReadonlySet<string>;
  mentioned: RegExp;
}

const compiledNames = new WeakMap<readonly string[], CompiledNames>();

function compileNames(list: readonly string[]): CompiledNames {
  let compiled = compiledNames.get(list);
  if (!compiled) {
    const escaped = list.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    compiled = { names: new Set(list.map((name) => name.toLowerCase())), mentioned: new RegExp(escaped.join('|'), 'i') };
    compiledNames.set(list, compiled);
  }
  return compiled;
}

/** Every source of a request value is reached through one of these names. */
const REQUEST_WORDS = /\b(?:json|formData|body|query|searchParams|params|headers|cookies)\b/;

export default createRule<Options, MessageIds>({
  name: 'no-client-tenant-id',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow route handlers from using a tenant id taken from the request instead of the verified tenant context',
    },
    schema: [ruleOptionsJsonSchema(optionsSchema) as never],
    messages: {
      clientTenantId:
        'Tenant id `{{name}}` is taken from the {{source}}, which the caller controls. Use {{accessor}}().tenantId instead.',
    },
  },
  defaultOptions: [{ tenantIdNames: [...DEFAULT_TENANT_ID_NAMES], trustedSources: [] }],
  create(context, [options]) {
    const config = ruleConfig(context.settings, configOverrides(options, CONFIG_KEY_NAMES));
    const { names, mentioned } = compileNames(options.tenantIdNames ?? DEFAULT_TENANT_ID_NAMES);
    return {
      Program(program) {
        const { text } = context.sourceCode;
        // A tenant id is read by its name, from a request value reached through one of the request words, or from
        // the arguments of a server action.
        if (!mentioned.test(text)) return;
        if (!REQUEST_WORDS.test(text) && !(config.serverActions && text.includes('use server'))) return;
        const routeModule = routeModuleOf(context, program, config);
        if (!routeModule) return;
        const trusted = [config.contextAccessor, ...(config.optionalContextAccessor ? [config.optionalContextAccessor] : []), ...(options.trustedSources ?? [])];
        const reads = new TenantIdReads(context.sourceCode, program, routeModule, names, trusted);
        for (const read of reads.used()) {
          context.report({
            node: read.node,
            messageId: 'clientTenantId',
            data: { name: read.name, source: REQUEST_SOURCE_TEXT[read.source], accessor: config.contextAccessor.name },
          });
        }
      },
    };
  },
});

const parentOf = (node: Node): Node | undefined => (node as { parent?: Node }).parent;

const COMPARISONS = new Set(['===', '!==', '==', '!=']);
/** Binary operators whose result carries the operands on (`'tenant:' + id`). */
const VALUE_OPERATORS = new Set(['+', '-', '*', '/', '%', '**', '|', '&', '^', '<<', '>>', '>>>']);
/** Unary operators that test a value or drop it rather than pass it on. */
const TESTING_UNARY_OPERATORS = new Set(['!', 'typeof', 'void', 'delete']);

/**
 * The tenant id reads of one route module and whether each is used. Values are followed forward from where the
 * request enters a handler (its parameters, `headers()` and `cookies()` from next/headers) through property reads,
 * awaits, variables, destructuring and same-file helpers they are passed to.
 */
class TenantIdReads {
  private readonly reads: TenantIdRead[] = [];
  private readonly readNodes = new Set<Node>();
  private readonly entered = new Set<string>();
  /** The kinds of value each variable was bound to: a variable assigned from itself (`q = q`) would lead back here. */
  private readonly bound = new Map<Variable, Set<string>>();
  private readonly usedByVariable = new Map<Variable, boolean>();
  private readonly guardsByVariable = new Map<Variable, Range[]>();
  private guardsByText: Map<string, Range[]> | null = null;

  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly program: TSESTree.Program,
    private readonly routeModule: RouteModule,
    private readonly names: ReadonlySet<string>,
    private readonly trusted: readonly ImportSpec[],
  ) {}

  /** The reads whose tenant id flows somewhere, in source order. */
  used(): TenantIdRead[] {
    this.collect();
    return this.reads.filter((read) =>
      Array.isArray(read.value) ? read.value.some((variable) => this.variableUsed(variable)) : this.expressionUsed(read.value),
    );
  }

  private collect(): void {
    const checked: HandlerAnalysis[] = [];
    const skipped: Range[] = [];
    const seen = new Set<number>();
    for (const handler of this.routeModule.analysis.handlers) {
      if (!handler.functionRange) continue;
      // A public route runs without tenant context by design: there is no verified tenant to use instead.
      if (handler.status === 'public') skipped.push(handler.functionRange);
      else if (!seen.has(handler.functionRange[0])) {
        seen.add(handler.functionRange[0]);
        checked.push(handler);
      }
    }
    if (checked.length === 0) return;
    for (const handler of checked) {
      const fn = functionAt(this.program, handler.functionRange!);
      if (!fn) continue;
      if (handler.routeKind === 'server-action') {
        fn.params.forEach((param, i) => this.bindActionParameter(fn, i, param));
      } else {
        this.enter(fn, 0, { kind: 'request' });
        if (handler.routeKind === 'app-route') this.enter(fn, 1, { kind: 'context' });
      }
    }
    const checkedRanges = checked.map((h) => h.functionRange!);
    const isChecked = (node: Node) =>
      !skipped.some((range) => contains(range, node.range)) || checkedRanges.some((range) => contains(range, node.range));
    this.followNextHeaders(isChecked);
    this.reads.sort((a, b) => a.node.range[0] - b.node.range[0]);
  }

  /** Binds a handler's or helper's parameter to a request value, once per function, parameter and kind of value. */
  private enter(fn: FunctionNode, index: number, value: RequestValue): void {
    const param = fn.params[index];
    if (!param || param.type === 'RestElement') return;
    const key = `${fn.range[0]}:${index}:${requestValueKey(value)}`;
    if (this.entered.has(key)) return;
    this.entered.add(key);
    this.bind(param.type === 'TSParameterProperty' ? param.parameter : param, value);
  }

  /** Every argument of a server action comes from the client: a form, an object, or the tenant id itself. */
  private bindActionParameter(fn: FunctionNode, index: number, param: TSESTree.Parameter): void {
    const target = param.type === 'AssignmentPattern' ? param.left : param;
    if (target.type === 'Identifier' && this.isTenantIdName(target.name)) {
      const variable = this.variableOf(target);
      if (variable) this.addRead({ node: target, name: target.name, source: 'action', value: [variable] });
      return;
    }
    this.enter(fn, index, { kind: 'container', source: 'action', nested: true });
  }

  /** `headers()` and `cookies()` from next/headers, wherever a checked handler or a helper of the module calls them. */
  private followNextHeaders(isChecked: (node: Node) => boolean): void {
    for (const statement of this.program.body) {
      if (statement.type !== 'ImportDeclaration' || statement.source.value !== 'next/headers' || statement.importKind === 'type') continue;
      for (const specifier of statement.specifiers) {
        if (specifier.type === 'ImportSpecifier' && specifier.importKind === 'type') continue;
        const variable = this.variableOf(specifier.local);
        if (!variable) continue;
        const imported = specifier.type === 'ImportSpecifier' ? importedName(specifier) : null;
        for (const reference of variable.references) {
          const id = reference.identifier;
          if (!reference.isRead() || !isChecked(id)) continue;
          if (specifier.type === 'ImportNamespaceSpecifier') {
            const member = parentOf(id);
            const name = member?.type === 'MemberExpression' && member.object === id ? staticPropertyName(member) : null;
            if (member && name) this.followNextHeadersCall(member, name);
          } else if (imported) {
            this.followNextHeadersCall(id, imported);
          }
        }
      }
    }
  }

  private followNextHeadersCall(callee: Node, name: string): void {
    const source = name === 'headers' ? 'headers' : name === 'cookies' ? 'cookies' : null;
    const call = source ? callOf(callee) : null;
    if (source && call) this.follow(call, { kind: 'container', source, nested: false });
  }

  /** Where the value of `expression` goes next: a property, a method call, a variable, a helper's parameter. */
  private follow(expression: Node, requestValue: RequestValue): void {
    let node = expression;
    let value = requestValue;
    for (let wrapper = this.requestValueWrapper(node, value); wrapper; wrapper = this.requestValueWrapper(node, value)) {
      ({ node, value } = wrapper);
    }
    const parent = parentOf(node);
    if (!parent) return;
    switch (parent.type) {
      case 'MemberExpression': {
        if (parent.object !== node) return;
        const name = staticPropertyName(parent);
        if (name === null) return;
        const call = callOf(parent);
        if (call) this.followMethodCall(call, value, name);
        else if (value.kind === 'container' && this.isTenantIdName(name)) this.addExpressionRead(parent, name, value.source);
        else {
          const next = requestMember(value, name);
          if (next) this.follow(parent, next);
        }
        return;
      }
      case 'VariableDeclarator':
        if (parent.init === node) this.bind(parent.id, value);
        return;
      case 'AssignmentExpression':
        if (parent.right === node && parent.operator === '=') this.bind(parent.left, value);
        return;
      case 'CallExpression':
        if (parent.callee !== node) this.followArgument(parent, node, value);
        return;
      case 'NewExpression':
        // `new URL(req.url)`, `new URL(req.nextUrl)`
        if (
          parent.arguments[0] === node &&
          (value.kind === 'urlString' || value.kind === 'url') &&
          parent.callee.type === 'Identifier' &&
          parent.callee.name === 'URL' &&
          this.isGlobal(parent.callee)
        ) {
          this.follow(parent, { kind: 'url' });
        }
        return;
      default:
        return;
    }
  }

  private followMethodCall(call: TSESTree.CallExpression, value: RequestValue, method: string): void {
    const result = requestMethodResult(value, method);
    if (result === null) return;
    if (result !== 'field') {
      this.follow(call, result);
      return;
    }
    const argument = call.arguments[0];
    const name = argument ? stringValue(argument) : null;
    if (name !== null && this.isTenantIdName(name) && value.kind === 'container') this.addExpressionRead(call, name, value.source);
  }

  /**
   * The expression that hands on the request value `node` holds, as code wraps a request body: an await, a cast or
   * `!`, `.catch(…)` or `.finally(…)` on its promise, a fallback (`?? {}`, `|| {}`), a branch of a conditional,
   * `Object.fromEntries(…)`, a schema's `parse(…)` (a check does not make the fields it passes any less the client's),
   * `safeParse(…)` as a validation result whose `data` is the value, and `JSON.parse(…)` of the body's text.
   */
  private requestValueWrapper(node: Node, value: RequestValue): { node: Node; value: RequestValue } | null {
    const parent = parentOf(node);
    if (!parent) return null;
    if (isTransparentParent(parent, node)) return { node: parent, value };
    switch (parent.type) {
      case 'AwaitExpression':
        return { node: parent, value };
      case 'LogicalExpression':
        // `a && body` is the body when it is anything; `body && a` only passes on its truthiness.
        return parent.operator !== '&&' || parent.right === node ? { node: parent, value } : null;
      case 'ConditionalExpression':
        return parent.test === node ? null : { node: parent, value };
      case 'MemberExpression': {
        const method = parent.object === node ? staticPropertyName(parent) : null;
        const call = method !== null && PROMISE_PASS_THROUGH.has(method) ? callOf(parent) : null;
        return call ? { node: call, value } : null;
      }
      case 'CallExpression': {
        if (parent.arguments[0] !== node) return null;
        const callee = skipTransparent(parent.callee);
        const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? staticPropertyName(callee) : null;
        const object = callee.type === 'MemberExpression' && callee.object.type === 'Identifier' ? callee.object : null;
        if (name === null) return null;
        // A helper of the module is read through its parameter, whatever it is called.
        if (value.kind === 'container' && callee.type === 'Identifier' && this.localFunction(callee)) return null;
        const result = requestWrapperResult(name, object, object !== null && this.isGlobal(object), value);
        return result ? { node: parent, value: result } : null;
      }
      default:
        return null;
    }
  }

  /** A request value passed to a same-file helper, which reads it through its parameter. */
  private followArgument(call: TSESTree.CallExpression, argument: Node, value: RequestValue): void {
    const index = call.arguments.indexOf(argument as TSESTree.CallExpressionArgument);
    if (index === -1) return;
    const callee = skipTransparent(call.callee);
    if (callee.type !== 'Identifier') return;
    const fn = this.localFunction(callee);
    if (fn) this.enter(fn, index, value);
  }

  /** The function a name denotes when the module defines it once: a declaration, or a const holding a function. */
  private localFunction(identifier: TSESTree.Identifier): FunctionNode | null {
    const variable = this.variableOf(identifier);
    if (!variable || variable.defs.length !== 1) return null;
    const def = variable.defs[0]!;
    if (def.type === 'FunctionName' && isFunctionLike(def.node)) return def.node;
    if (def.type !== 'Variable' || def.node.type !== 'VariableDeclarator' || def.node.id.type !== 'Identifier') return null;
    const init = def.node.init ? skipTransparent(def.node.init) : null;
    const reassigned = variable.references.some((r) => r.isWrite() && r.writeExpr !== def.node.init);
    return isFunctionLike(init) && !reassigned ? init : null;
  }

  /** Binds a variable or pattern to a value: its uses are followed, and destructured tenant ids are reads. */
  private bind(target: Node, value: RequestValue): void {
    switch (target.type) {
      case 'Identifier': {
        const variable = this.variableOf(target);
        if (!variable) return;
        const kinds = this.bound.get(variable) ?? new Set<string>();
        const kind = requestValueKey(value);
        if (kinds.has(kind)) return;
        this.bound.set(variable, kinds.add(kind));
        for (const reference of variable.references) {
          if (reference.isRead()) this.follow(reference.identifier, value);
        }
        return;
      }
      case 'AssignmentPattern':
        this.bind(target.left, value);
        return;
      case 'ObjectPattern':
        for (const property of target.properties) {
          if (property.type === 'RestElement') {
            if (value.kind === 'container') this.bind(property.argument, value);
            continue;
          }
          const name = propertyKeyName(property);
          if (name === null) continue;
          if (value.kind === 'container' && this.isTenantIdName(name)) {
            this.addRead({ node: property.key, name, source: value.source, value: this.variablesIn(property.value) });
            continue;
          }
          const next = requestMember(value, name);
          if (next) this.bind(property.value, next);
        }
        return;
      default:
        return;
    }
  }

  private addExpressionRead(node: Node, name: string, source: Source): void {
    // `body.tenantId = ctx.tenantId` overwrites the client's value rather than reading it.
    const parent = parentOf(node);
    if (parent?.type === 'AssignmentExpression' && parent.left === node) return;
    this.addRead({ node, name, source, value: node });
  }

  private addRead(read: TenantIdRead): void {
    if (this.readNodes.has(read.node)) return;
    this.readNodes.add(read.node);
    this.reads.push(read);
  }

  private isTenantIdName(name: string): boolean {
    return this.names.has(name.toLowerCase());
  }

  private variablesIn(pattern: Node): Variable[] {
    const variables: Variable[] = [];
    const visit = (node: Node): void => {
      switch (node.type) {
        case 'Identifier': {
          const variable = this.variableOf(node);
          if (variable) variables.push(variable);
          return;
        }
        case 'AssignmentPattern':
          return visit(node.left);
        case 'ObjectPattern':
          for (const property of node.properties) visit(property.type === 'Property' ? property.value : property.argument);
          return;
        case 'ArrayPattern':
          for (const element of node.elements) if (element) visit(element);
          return;
        case 'RestElement':
          return visit(node.argument);
        default:
          return;
      }
    };
    visit(pattern);
    return variables;
  }

  // ---- Whether a tenant id is used ----

  private expressionUsed(read: Node): boolean {
    if (isWithin(read, this.textGuards().get(guardText(this.sourceCode, read)))) return false;
    return !this.isLogged(read) && this.flowsOut(read);
  }

  /** Whether any read of the variable, outside the code a check against the verified tenant guards, flows out. */
  private variableUsed(variable: Variable): boolean {
    const known = this.usedByVariable.get(variable);
    if (known !== undefined) return known;
    // A variable assigned from itself (`t = t.trim()`) is not used through that assignment alone.
    this.usedByVariable.set(variable, false);
    const guards = this.variableGuards(variable);
    let used = false;
    for (const reference of variable.references) {
      const id = reference.identifier;
      if (!reference.isRead() || isWithin(id, guards) || this.isLogged(id)) continue;
      if (this.flowsOut(id)) {
        used = true;
        break;
      }
    }
    this.usedByVariable.set(variable, used);
    return used;
  }

  /**
   * Whether the value of `expression` goes anywhere: an argument, an object property, a return value, a comparison,
   * a computed key, a variable that is itself used. Tests of presence or type, a comparison with null or with the
   * verified tenant, and a value passed to a trusted source are not uses.
   */
  private flowsOut(expression: Node): boolean {
    let node = expression;
    for (let parent = parentOf(node); parent; node = parent, parent = parentOf(node)) {
      switch (parent.type) {
        case 'TSAsExpression':
        case 'TSSatisfiesExpression':
        case 'TSNonNullExpression':
        case 'TSTypeAssertion':
        case 'ChainExpression':
        case 'AwaitExpression':
        case 'TemplateLiteral':
        case 'ArrayExpression':
        case 'SpreadElement':
          continue;
        case 'MemberExpression': {
          // `tenants[body.tenantId]` looks the client's tenant up.
          if (parent.object !== node) return true;
          // Its length is a validation, not the tenant.
          if (staticPropertyName(parent) === 'length') return false;
          const call = callOf(parent);
          if (call) parent = call;
          continue;
        }
        case 'BinaryExpression': {
          if (COMPARISONS.has(parent.operator)) {
            const other = parent.left === node ? parent.right : parent.left;
            return !isNullish(other) && !this.isTrusted(other);
          }
          if (VALUE_OPERATORS.has(parent.operator)) continue;
          return true;
        }
        case 'LogicalExpression':
          if (parent.operator === '&&' && parent.left === node) return false;
          continue;
        case 'ConditionalExpression':
          if (parent.test === node) return false;
          continue;
        case 'UnaryExpression':
          if (TESTING_UNARY_OPERATORS.has(parent.operator)) return false;
          continue;
        case 'SequenceExpression':
          if (parent.expressions.at(-1) !== node) return false;
          continue;
        case 'ExpressionStatement':
          return false;
        case 'IfStatement':
        case 'WhileStatement':
        case 'DoWhileStatement':
        case 'ForStatement':
          return parent.test !== node;
        case 'VariableDeclarator':
          if (parent.init !== node) return true;
          return this.variablesIn(parent.id).some((variable) => this.variableUsed(variable));
        case 'AssignmentExpression': {
          if (parent.right !== node || parent.left.type !== 'Identifier') return true;
          const variable = this.variableOf(parent.left);
          const local = variable && variable.scope.type !== 'module' && variable.scope.type !== 'global';
          if (!local) return true;
          if (this.variableUsed(variable)) return true;
          // The assignment's own value, as in `f(t = body.tenantId)`.
          continue;
        }
        case 'CallExpression':
          return parent.callee === node || !this.isTrustedCallee(parent.callee);
        default:
          return true;
      }
    }
    return false;
  }

  /** Logging a client's claim is not acting on it: a value that is, or is part of, an argument of `console.*()`. */
  private isLogged(node: Node): boolean {
    for (let child = node, parent = parentOf(node); parent; child = parent, parent = parentOf(parent)) {
      if (isFunctionLike(parent) || parent.type.endsWith('Statement') || parent.type.endsWith('Declaration')) return false;
      if (parent.type !== 'CallExpression' || parent.callee === child) continue;
      const callee = skipTransparent(parent.callee);
      return callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && callee.object.name === 'console' && this.isGlobal(callee.object);
    }
    return false;
  }

  // ---- The verified tenant ----

  /** Whether an expression is, or is read from, the result of a context accessor or a trusted source. */
  private isTrusted(expression: Node, depth = 0): boolean {
    if (depth > 8) return false;
    const node = skipTransparent(expression);
    switch (node.type) {
      case 'MemberExpression':
        return this.isTrusted(node.object, depth + 1);
      case 'AwaitExpression':
        return this.isTrusted(node.argument, depth + 1);
      case 'CallExpression': {
        if (this.isTrustedCallee(node.callee)) return true;
        const callee = skipTransparent(node.callee);
        return callee.type === 'MemberExpression' && this.isTrusted(callee.object, depth + 1);
      }
      case 'Identifier': {
        const variable = this.variableOf(node);
        const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
        if (def?.type !== 'Variable' || def.node.type !== 'VariableDeclarator' || !def.node.init) return false;
        const init = def.node.init;
        if (variable!.references.some((r) => r.isWrite() && r.writeExpr !== init)) return false;
        return this.isTrusted(init, depth + 1);
      }
      default:
        return false;
    }
  }

  private isTrustedCallee(callee: Node): boolean {
    const imported = this.importOf(skipTransparent(callee));
    if (!imported) return false;
    return this.trusted.some((spec) => spec.name === imported.name && fromModule(spec, imported.module, this.routeModule.importerPath));
  }

  /** The module member a name or namespace member denotes when it is imported: `requireTenantContext`, `tenant.require`. */
  private importOf(node: Node): { module: string; name: string } | null {
    let identifier: TSESTree.Identifier;
    let member: string | null = null;
    if (node.type === 'Identifier') identifier = node;
    else if (node.type === 'MemberExpression' && node.object.type === 'Identifier') {
      identifier = node.object;
      member = staticPropertyName(node);
      if (member === null) return null;
    } else return null;
    const def = this.variableOf(identifier)?.defs[0];
    if (def?.type !== 'ImportBinding' || def.parent.type !== 'ImportDeclaration' || def.parent.importKind === 'type') return null;
    const module = def.parent.source.value;
    switch (def.node.type) {
      case 'ImportSpecifier':
        // `tenantContext.getContextOrNull`: a method of an imported object, as an accessor may be configured.
        if (def.node.importKind === 'type') return null;
        return { module, name: member === null ? importedName(def.node) : `${importedName(def.node)}.${member}` };
      case 'ImportDefaultSpecifier':
        return member === null ? { module, name: 'default' } : null;
      case 'ImportNamespaceSpecifier':
        return member === null ? null : { module, name: member };
      default:
        return null;
    }
  }

  /**
   * The code a check against the verified tenant guards: after `if (x !== ctx.tenantId) return …` to the end of the
   * block, in its `else`, and inside `if (x === ctx.tenantId) { … }`. A trusted source called as a statement with the
   * tenant id (`await assertMember(x)`) can only verify it by throwing, so it guards the rest of its block too.
   */
  private guardsOf(operand: Node): Range[] {
    let node = operand;
    for (let parent = parentOf(node); parent && isTransparentParent(parent, node); parent = parentOf(node)) node = parent;
    const call = parentOf(node);
    if (call?.type === 'CallExpression' && call.callee !== node && this.isTrustedCallee(call.callee)) return restOfBlockAfter(call);
    const comparison = call;
    if (comparison?.type !== 'BinaryExpression' || !COMPARISONS.has(comparison.operator)) return [];
    const other = comparison.left === node ? comparison.right : comparison.left;
    if (!this.isTrusted(other)) return [];
    const differs = comparison.operator.startsWith('!');
    let test: Node = comparison;
    for (let parent = parentOf(test); parent?.type === 'LogicalExpression' && parent.operator === (differs ? '||' : '&&'); parent = parentOf(test)) {
      test = parent;
    }
    const statement = parentOf(test);
    const guarded: Range[] = [];
    if ((statement?.type === 'IfStatement' || statement?.type === 'ConditionalExpression') && statement.test === test) {
      const [equal, unequal] = [statement.consequent, statement.alternate];
      const verified = differs ? unequal : equal;
      const exits = differs ? equal : unequal;
      if (verified) guarded.push(verified.range);
      const block = parentOf(statement);
      if (statement.type === 'IfStatement' && exits && alwaysExits(exits) && block && BLOCKS.has(block.type)) {
        guarded.push([statement.range[1], block.range[1]]);
      }
    }
    return guarded;
  }

  private variableGuards(variable: Variable): Range[] {
    let guards = this.guardsByVariable.get(variable);
    if (!guards) {
      guards = variable.references.flatMap((r) => (r.isRead() ? this.guardsOf(r.identifier) : []));
      this.guardsByVariable.set(variable, guards);
    }
    return guards;
  }

  /** Guards of expression reads, by their text: `body.tenantId` checked, then `body.tenantId` used. */
  private textGuards(): Map<string, Range[]> {
    if (!this.guardsByText) {
      this.guardsByText = new Map();
      for (const read of this.reads) {
        if (Array.isArray(read.value)) continue;
        const guards = this.guardsOf(read.value);
        if (guards.length === 0) continue;
        const text = guardText(this.sourceCode, read.value);
        this.guardsByText.set(text, [...(this.guardsByText.get(text) ?? []), ...guards]);
      }
    }
    return this.guardsByText;
  }

  // ---- Scopes ----

  private variableOf(identifier: TSESTree.Identifier): Variable | null {
    for (let scope: TSESLint.Scope.Scope | null = this.sourceCode.getScope(identifier); scope; scope = scope.upper) {
      const variable = scope.set.get(identifier.name);
      if (variable) return variable;
    }
    return null;
  }

  /** True for a name no scope declares, or a global ESLint was told about (`console`, `URL`). */
  private isGlobal(identifier: TSESTree.Identifier): boolean {
    const variable = this.variableOf(identifier);
    return !variable || variable.defs.length === 0;
  }
}

/** The call whose callee `node` is (through casts, `!` and optional chains), or null. */
function callOf(node: Node): TSESTree.CallExpression | null {
  let outer = node;
  for (let parent = parentOf(outer); parent && isTransparentParent(parent, outer); parent = parentOf(outer)) outer = parent;
  const parent = parentOf(outer);
  return parent?.type === 'CallExpression' && parent.callee === outer ? parent : null;
}

function isNullish(node: Node): boolean {
  const value = skipTransparent(node);
  return (
    (value.type === 'Literal' && value.value === null && !('regex' in value)) ||
    (value.type === 'Identifier' && value.name === 'undefined') ||
    (value.type === 'UnaryExpression' && value.operator === 'void')
  );
}

const BLOCKS = new Set(['BlockStatement', 'Program', 'StaticBlock', 'SwitchCase']);

/** The rest of the block after the statement that `expression` (awaited or not) is. */
function restOfBlockAfter(expression: Node): Range[] {
  let node = expression;
  for (let parent = parentOf(node); parent && (isTransparentParent(parent, node) || parent.type === 'AwaitExpression'); parent = parentOf(node)) {
    node = parent;
  }
  const statement = parentOf(node);
  const block = statement?.type === 'ExpressionStatement' ? parentOf(statement) : undefined;
  return statement && block && BLOCKS.has(block.type) ? [[statement.range[1], block.range[1]]] : [];
}


function isWithin(node: Node, ranges: readonly Range[] | undefined): boolean {
  return ranges !== undefined && ranges.some((range) => contains(range, node.range));
}

/** The text a read is recognised by again, whether written with `?.` or `!` or spaced differently. */
function guardText(sourceCode: Readonly<TSESLint.SourceCode>, node: Node): string {
  return sourceCode.getText(node).replace(/\s+|!(?!=)/g, '').replace(/\?\./g, '.');
}



function importedName(specifier: TSESTree.ImportSpecifier): string {
  return specifier.imported.type === 'Identifier' ? specifier.imported.name : String(specifier.imported.value);
}

function fromModule(spec: ImportSpec, module: string, importerPath: string): boolean {
  const modules = typeof spec.from === 'string' ? [spec.from] : spec.from;
  return modules.some((configured) => moduleMatches(configured, module, importerPath));
}

