import type { TSESTree } from '@typescript-eslint/types';
import { alwaysExits, contains, functionAt, isFunctionLike, nodeAt, propertyKeyName, skipTransparent, staticPropertyName, walkWhile, type Node } from './ast';
import type { ImportSpec, TenantIsolationConfig } from './config-schema';
import { accessorName, mentionsAny } from './imports';
import { ModuleBindings, reassignments, type ModuleValue } from './module-bindings';
import type { PrismaModel, PrismaSchemaInfo } from './prisma-schema';
import { callArguments, functionReads, onlyCalledByName, RequestSources, type RequestSource } from './request-sources';
import { moduleMatches } from './routes';
import type { ScopeManagerLike, VariableLike } from './scope';
import type { FunctionLike, Located, ModuleAnalysis, RouteKind } from './types';

/**
 * Query scoping: whether each Prisma query a route handler runs is confined to the verified tenant. A query on a
 * tenant-scoped model must constrain the tenant field in its `where` (reads, writes by filter) or set it in its `data`
 * (creates), and an update that sets the tenant must set that one, with the value the context accessor verified; a
 * value from the request is a finding of its own kind. Later properties win, as at run time, so what a spread after
 * the tenant may hold counts too. `require-tenant-scoped-query` reports the findings; the report counts the queries
 * and the scoped ones.
 */

export type QueryFinding =
  | 'missingTenantFilter'
  | 'missingTenantData'
  | 'opaqueQueryArgs'
  | 'clientTenantValue'
  | 'unverifiedTenantValue'
  | 'rawQuery';

export interface TenantQuery {
  model: string;
  /** `findMany`, `create`, `$queryRaw`… */
  operation: string;
  /** The handlers that reach the call, by exported name. */
  handlers: string[];
  /** Null when the query is scoped to the verified tenant. */
  finding: QueryFinding | null;
  /** The call. */
  call: Located;
  /** Where a finding is reported: the operation's name, or the tenant value. */
  at: Located;
  /** For `clientTenantValue`: where the value came from. */
  source?: RequestSource;
  /** For `missingTenantFilter`: the property to insert at the start of the `where` object, when a verified tenant is in scope. */
  suggestion?: { offset: number; text: string };
}

const READS = new Set(['findMany', 'findFirst', 'findFirstOrThrow', 'findUnique', 'findUniqueOrThrow', 'count', 'aggregate', 'groupBy']);
const FILTERED_WRITES = new Set(['update', 'updateMany', 'updateManyAndReturn', 'delete', 'deleteMany']);
const CREATES = new Set(['create', 'createMany', 'createManyAndReturn']);
/** Reads that return one row, whose id then names a row of the tenant when the read was scoped. */
const ROW_READS = new Set(['findFirst', 'findFirstOrThrow', 'findUnique', 'findUniqueOrThrow']);
const RAW = new Set(['$queryRaw', '$executeRaw', '$queryRawUnsafe', '$executeRawUnsafe', '$queryRawTyped']);
/** Writes whose `data` may move a row to another tenant: a tenant it sets must be the verified one. */
const UPDATES = new Set(['update', 'updateMany', 'updateManyAndReturn', 'upsert']);

/** The rule that reports unscoped queries: its `eslint-disable` comments mark a query suppressed in the report. */
export const REQUIRE_TENANT_SCOPED_QUERY_RULE = 'tenant-isolation/require-tenant-scoped-query';

/** Whether a module could run a Prisma query: it names a configured client or scoped client, or makes its own. */
export function mentionsPrismaClient(text: string, config: TenantIsolationConfig): boolean {
  return text.includes('PrismaClient') || mentionsAny(text, config.prisma.clients) || mentionsAny(text, config.prisma.scopedClients);
}

export interface TenantQueriesInput {
  program: TSESTree.Program;
  scopeManager: ScopeManagerLike;
  /** The module's analysis, made with the `reachedBodies` option. */
  analysis: ModuleAnalysis;
  config: TenantIsolationConfig;
  schema: PrismaSchemaInfo;
  /** The path relative imports resolve against, as for the analysis. */
  filePath: string;
}

/** The Prisma queries on tenant-scoped models that the module's non-public handlers reach, in source order. */
export function tenantScopedQueries(input: TenantQueriesInput): TenantQuery[] {
  const bodies: Array<{ range: [number, number]; handler: string }> = [];
  const handlerFunctions = new Map<FunctionLike, RouteKind>();
  for (const handler of input.analysis.handlers) {
    if (handler.status === 'public' || !handler.reachedBodies) continue;
    for (const range of handler.reachedBodies) bodies.push({ range, handler: handler.name });
  }
  if (bodies.length === 0) return [];
  for (const handler of input.analysis.handlers) {
    const fn = handler.functionRange ? functionAt(input.program, handler.functionRange) : null;
    if (fn) handlerFunctions.set(fn, handler.routeKind);
  }
  return new QueryChecker(input, handlerFunctions).check(bodies);
}

type ClientKind = 'client' | 'scoped';

/** A `where` or `data` as checked: the tenant value found, or why there is none. */
type Constraint = { value: Node | null } | 'missing' | 'opaque';

class QueryChecker {
  private readonly bindings: ModuleBindings;
  private readonly sources: RequestSources;
  private readonly tenantField: string;
  private readonly contextKey: string;
  private readonly accessors: Array<{ imported: ImportSpec; method: string | null; kind: 'required' | 'optional' }>;
  private readonly clientKinds = new Map<Node, ClientKind | null>();
  private readonly checkingRows = new Set<Node>();
  /** Handlers wrapped without options: inside them the optional accessor's context is never null. */
  private readonly contextGuaranteed: ReadonlySet<string>;
  /** Whether every handler that reaches the query being checked is one of those. */
  private withContext = false;

  constructor(
    private readonly input: TenantQueriesInput,
    handlerFunctions: ReadonlyMap<FunctionLike, RouteKind>,
  ) {
    this.bindings = new ModuleBindings(input.scopeManager);
    this.sources = new RequestSources(input.scopeManager, this.bindings, handlerFunctions);
    this.tenantField = input.schema.tenantField;
    this.contextKey = input.config.sessionMapping['user.tenantId'] ?? 'tenantId';
    this.contextGuaranteed = new Set(
      input.analysis.handlers.filter((h) => h.wrapped && h.wrapperChain.every((c) => c.wrapper === null || !c.hasOptions)).map((h) => h.name),
    );
    const { contextAccessor, optionalContextAccessor } = input.config;
    this.accessors = [
      { spec: contextAccessor, kind: 'required' as const },
      ...(optionalContextAccessor ? [{ spec: optionalContextAccessor, kind: 'optional' as const }] : []),
    ].map(({ spec, kind }) => {
      const { imported, method } = accessorName(spec);
      return { imported, method, kind };
    });
  }

  check(bodies: ReadonlyArray<{ range: [number, number]; handler: string }>): TenantQuery[] {
    const queries: TenantQuery[] = [];
    // Only the code handlers run can hold a query that counts: each outermost body is walked once, the rest of the
    // module not at all.
    const outermost = bodies
      .map((b) => b.range)
      .sort((a, b) => a[0] - b[0] || b[1] - a[1])
      .filter((range, i, all) => i === 0 || !all.slice(0, i).some((outer) => contains(outer, range)));
    for (const range of outermost) {
      const root = nodeAt(this.input.program, range);
      if (!root) continue;
      walkWhile(root, (node) => {
        if (node.type !== 'CallExpression' && node.type !== 'TaggedTemplateExpression') return true;
        const handlers = [...new Set(bodies.filter((b) => contains(b.range, node.range)).map((b) => b.handler))];
        this.withContext = handlers.every((h) => this.contextGuaranteed.has(h));
        const found = this.queryAt(node);
        if (found) queries.push({ ...found, handlers });
        return true;
      });
    }
    return queries.sort((a, b) => a.call.range[0] - b.call.range[0]);
  }

  /** The query a node is, when it is a call of a tenant-scoped model's operation or a raw query naming one's table. */
  private queryAt(node: Node): Omit<TenantQuery, 'handlers'> | null {
    if (node.type === 'TaggedTemplateExpression') return this.rawQuery(node, skipTransparent(node.tag), node);
    if (node.type !== 'CallExpression') return null;
    const callee = skipTransparent(node.callee);
    if (callee.type !== 'MemberExpression') return null;
    const operation = staticPropertyName(callee);
    if (operation === null) return null;
    if (RAW.has(operation)) return this.rawQuery(node, callee, node.arguments[0] ?? null);
    if (!READS.has(operation) && !FILTERED_WRITES.has(operation) && !CREATES.has(operation) && operation !== 'upsert') return null;
    const delegate = this.delegateOf(callee.object, 0);
    const model = delegate ? this.input.schema.models.get(delegate.accessor) : undefined;
    if (!delegate || !model?.tenantScoped) return null;
    const client = this.clientKind(delegate.client);
    if (!client) return null;
    const base = { model: model.name, operation, call: located(node), at: located(callee.property) };
    if (client === 'scoped') return { ...base, finding: null };
    return { ...base, ...this.verdict(node, operation, model) };
  }

  private verdict(call: TSESTree.CallExpression, operation: string, model: PrismaModel): Pick<TenantQuery, 'finding' | 'at' | 'source' | 'suggestion'> {
    const at = located((skipTransparent(call.callee) as TSESTree.MemberExpression).property);
    const args = this.objectOf(call.arguments[0]);
    const checks: Array<{ constraint: Constraint; missing: QueryFinding }> = [];
    if (args === 'opaque') return { finding: 'opaqueQueryArgs', at };
    const where = args ? propertyValue(args, 'where') : null;
    const data = args ? propertyValue(args, operation === 'upsert' ? 'create' : 'data') : null;
    // `{ where: { tenantId }, ...options }`: a spread after the filter may replace it.
    const override = args ? this.overridingSpread(args, ['where', 'data', 'create', 'update']) : null;
    if (override) return this.overrideFinding(override, at);
    if (READS.has(operation) || FILTERED_WRITES.has(operation) || operation === 'upsert') {
      checks.push({ constraint: this.whereConstraint(where, model, call), missing: 'missingTenantFilter' });
    }
    if (CREATES.has(operation) || operation === 'upsert') {
      checks.push({ constraint: this.dataConstraint(data, model, operation.startsWith('createMany')), missing: 'missingTenantData' });
    }
    for (const { constraint, missing } of checks) {
      if (constraint === 'opaque') return { finding: 'opaqueQueryArgs', at };
      if (constraint === 'missing') {
        // The tenant field goes into the where only of a model that has it (not one scoped through a relation).
        const suggestion = missing === 'missingTenantFilter' && model.hasTenantField ? this.suggestion(call, where) : undefined;
        return suggestion ? { finding: missing, at, suggestion } : { finding: missing, at };
      }
    }
    if (UPDATES.has(operation)) {
      // An update may set the tenant too, moving the row: only to the verified tenant.
      const written = this.tenantWrite(args ? propertyValue(args, operation === 'upsert' ? 'update' : 'data') : null, model);
      if (written) checks.push({ constraint: written, missing: 'missingTenantData' });
    }
    for (const { constraint } of checks) {
      const value = (constraint as { value: Node | null }).value;
      if (!value) continue;
      const source = this.sources.sourceOf(value);
      if (source) return { finding: 'clientTenantValue', at: located(value), source };
      if (!this.isVerified(value, 0)) return { finding: 'unverifiedTenantValue', at: located(value) };
    }
    return { finding: null, at };
  }

  // ---- where and data ----

  /** The object literal an argument is, through a const; null when absent, `opaque` when it cannot be seen. */
  private objectOf(expression: Node | null | undefined, depth = 0): TSESTree.ObjectExpression | null | 'opaque' {
    if (!expression) return null;
    const node = skipTransparent(expression);
    if (node.type === 'ObjectExpression') return node;
    if (node.type === 'Identifier' && depth < 8) {
      const init = this.constInit(node);
      if (init && !this.tenantMutated(node)) return this.objectOf(init, depth + 1);
    }
    return 'opaque';
  }

  /**
   * Whether code changes the tenant of a const object after it is built: `where.tenantId = x`, `where[key] = x`,
   * `delete where.tenantId`, `Object.assign(where, …)`. Other fields may change (`where.status = …`).
   */
  private tenantMutated(identifier: TSESTree.Identifier): boolean {
    const variable = this.bindings.variableOf(identifier);
    for (const reference of variable?.references ?? []) {
      const id = reference.identifier;
      const parent = parentOf(id);
      if (parent?.type === 'CallExpression' && parent.arguments[0] === id) {
        const callee = skipTransparent(parent.callee);
        if (callee.type === 'MemberExpression' && staticPropertyName(callee) === 'assign') return true;
      }
      if (parent?.type !== 'MemberExpression' || parent.object !== id) continue;
      const name = staticPropertyName(parent);
      if (name !== null && name !== this.tenantField && name !== 'AND') continue;
      const use = parentOf(parent);
      const written =
        (use?.type === 'AssignmentExpression' && use.left === parent) ||
        (use?.type === 'UnaryExpression' && use.operator === 'delete') ||
        use?.type === 'UpdateExpression';
      if (written) return true;
    }
    return false;
  }

  /** A spread in the arguments after the keys that scope the query: it may replace them. */
  private overridingSpread(args: TSESTree.ObjectExpression, keys: readonly string[]): Node | null {
    let lastKey = -1;
    args.properties.forEach((property, i) => {
      if (property.type === 'Property' && keys.includes(propertyKeyName(property) ?? '')) lastKey = i;
    });
    for (const property of args.properties.slice(lastKey + 1)) {
      if (property.type !== 'SpreadElement') continue;
      const objects = this.spreadObjects(property.argument, 0);
      if (objects === 'opaque' || objects.some((o) => o.properties.some((p) => p.type === 'SpreadElement' || keys.includes(propertyKeyName(p) ?? '')))) {
        return property.argument;
      }
    }
    return null;
  }

  /** The object literals a spread may spread: both branches of `cond ? {…} : {}`, `cond && {…}`, a const. */
  private spreadObjects(argument: Node, depth: number): TSESTree.ObjectExpression[] | 'opaque' {
    const node = skipTransparent(argument);
    const branches =
      node.type === 'ConditionalExpression' ? [node.consequent, node.alternate] : node.type === 'LogicalExpression' ? (node.operator === '&&' ? [node.right] : [node.left, node.right]) : null;
    if (branches && depth < 8) {
      const objects: TSESTree.ObjectExpression[] = [];
      for (const branch of branches) {
        const inner = this.spreadObjects(branch, depth + 1);
        if (inner === 'opaque') return 'opaque';
        objects.push(...inner);
      }
      return objects;
    }
    const object = this.objectOf(node);
    return object === 'opaque' ? 'opaque' : object ? [object] : [];
  }

  /** A spread that may replace the tenant: the request's (a tenant from the caller), or one that cannot be seen. */
  private overrideFinding(spread: Node, at: Located): Pick<TenantQuery, 'finding' | 'at' | 'source'> {
    const source = this.sources.sourceOf(spread);
    return source ? { finding: 'clientTenantValue', at: located(spread), source } : { finding: 'opaqueQueryArgs', at };
  }

  /**
   * The tenant an update's `data` sets by name (`tenantId: x`, `tenant: { connect: { id: x } }`). Spreads are not
   * read here: a validated body spread into an update is the usual idiom, and what it holds cannot be seen.
   */
  private tenantWrite(data: Node | null, model: PrismaModel): Constraint | null {
    const object = this.objectOf(data);
    if (!object || object === 'opaque') return null;
    const tenant = propertyValue(object, this.tenantField);
    if (tenant && model.hasTenantField) return { value: equalsValue(tenant) };
    const relation = model.tenantRelation ? this.objectOf(propertyValue(object, model.tenantRelation)) : null;
    const connect = relation && relation !== 'opaque' ? this.objectOf(propertyValue(relation, 'connect')) : null;
    const id = connect && connect !== 'opaque' ? propertyValue(connect, 'id') : null;
    return id ? { value: id } : null;
  }

  private whereConstraint(where: Node | null, model: PrismaModel, call: Node): Constraint {
    const object = this.objectOf(where);
    if (object === null) return 'missing';
    if (object === 'opaque') return 'opaque';
    const paths: string[][] = [];
    if (model.hasTenantField) paths.push([this.tenantField]);
    // `tenant: { id: x }`, through the relation that holds the tenant field.
    if (model.tenantRelation && model.tenantRelationKey) paths.push([model.tenantRelation, model.tenantRelationKey]);
    if (model.relationPath) paths.push(model.relationPath);
    const constraint = this.objectConstraint(object, paths, 0);
    if (constraint !== 'missing') return constraint;
    const id = propertyValue(object, 'id');
    return this.isScopedRowId(id, model) || this.isCheckedId(id, model, call) ? { value: null } : constraint;
  }

  /**
   * An id a scoped read of the same model looked up first, in the same block, with the caller turned away when it
   * found nothing: `const key = await prisma.apiKey.findFirst({ where: { id, tenantId } }); if (!key) return …;` then
   * `prisma.apiKey.update({ where: { id } })` (or a read that throws, `findFirstOrThrow`, with no check).
   */
  private isCheckedId(value: Node | null, model: PrismaModel, call: Node): boolean {
    const id = value ? skipTransparent(value) : null;
    const variable = id?.type === 'Identifier' ? this.bindings.variableOf(id) : null;
    if (!variable || reassigned(variable)) return false;
    // Up to the handler or helper: an inline callback (`$transaction(async (tx) => …)`) runs after what precedes it.
    const inline = (node: Node): boolean => node.type !== 'FunctionDeclaration' && parentOf(node)?.type === 'CallExpression';
    for (let child: Node = call, parent = parentOf(call); parent && (!isFunctionLike(parent) || inline(parent)); child = parent, parent = parentOf(parent)) {
      if (parent.type !== 'BlockStatement' && parent.type !== 'Program') continue;
      const before = parent.body.slice(0, parent.body.indexOf(child as TSESTree.Statement));
      for (let i = 0; i < before.length; i++) {
        const row = this.scopedRowRead(before[i]!, model, variable);
        if (!row) continue;
        if (row.throws) return true;
        if (before.slice(i + 1).some((statement) => turnsAwayWithout(statement, row.name))) return true;
      }
    }
    return false;
  }

  /** The initialiser of the list a `for (const row of rows)` loop variable runs over, when `rows` is a const. */
  private iteratedList(identifier: TSESTree.Identifier): Node | null {
    const variable = this.bindings.variableOf(identifier);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    const declaration = def?.type === 'Variable' ? parentOf(def.node) : undefined;
    const loop = declaration ? parentOf(declaration) : undefined;
    if (loop?.type !== 'ForOfStatement' || loop.left !== declaration || def!.node.type !== 'VariableDeclarator' || def!.node.id !== def!.name) return null;
    const list = skipTransparent(loop.right);
    return list.type === 'Identifier' ? this.constInit(list) : null;
  }

  /** `const row = await client.model.findFirst({ where: { id, … } })`, scoped, with `id` the given variable. */
  private scopedRowRead(statement: Node, model: PrismaModel, idVariable: VariableLike): { name: string; throws: boolean } | null {
    // `const row = await …`, or a bare `await ….findFirstOrThrow(…)` that only checks the row is there.
    const declarator = statement.type === 'VariableDeclaration' && statement.declarations.length === 1 ? statement.declarations[0]! : null;
    const initial = declarator?.id.type === 'Identifier' ? declarator.init : statement.type === 'ExpressionStatement' ? statement.expression : null;
    if (!initial) return null;
    let read: Node = skipTransparent(initial);
    if (read.type === 'AwaitExpression') read = skipTransparent(read.argument);
    if (read.type !== 'CallExpression') return null;
    const callee = skipTransparent(read.callee);
    const operation = callee.type === 'MemberExpression' ? staticPropertyName(callee) : null;
    if (!operation || !ROW_READS.has(operation)) return null;
    const args = this.objectOf(read.arguments[0]);
    const where = args && args !== 'opaque' ? this.objectOf(propertyValue(args, 'where')) : null;
    const readId = where && where !== 'opaque' ? propertyValue(where, 'id') : null;
    if (readId?.type !== 'Identifier' || this.bindings.variableOf(readId) !== idVariable || !this.isScopedReadOf(read, model)) return null;
    const throws = operation.endsWith('OrThrow');
    if (declarator?.id.type === 'Identifier') return { name: declarator.id.name, throws };
    return throws ? { name: '', throws } : null;
  }

  /**
   * `row.id` of a row a scoped read of the same model returned: `const row = await prisma.x.findFirst({ where: { id,
   * tenantId } })`, then `prisma.x.update({ where: { id: row.id } })` changes a row the tenant owns.
   */
  private isScopedRowId(value: Node | null, model: PrismaModel): boolean {
    // `row?.id` is undefined when the read found nothing, and `{ id: undefined }` matches every row.
    if (!value || value.type === 'ChainExpression') return false;
    const id = skipTransparent(value);
    if (id.type !== 'MemberExpression' || id.optional || staticPropertyName(id) !== 'id' || id.object.type !== 'Identifier') return false;
    // `for (const row of rows)` over the rows a scoped findMany of the same model returned.
    const listed = this.iteratedList(id.object);
    let read = listed ?? this.constInit(id.object);
    if (read?.type === 'AwaitExpression') read = read.argument;
    if (read?.type !== 'CallExpression') return false;
    const callee = skipTransparent(read.callee);
    if (callee.type !== 'MemberExpression' || !(listed ? staticPropertyName(callee) === 'findMany' : ROW_READS.has(staticPropertyName(callee) ?? ''))) return false;
    return this.isScopedReadOf(read, model);
  }

  /** Whether a read that a write leans on is itself a query of the same model, scoped to the verified tenant. */
  private isScopedReadOf(read: Node, model: PrismaModel): boolean {
    if (this.checkingRows.has(read)) return false;
    this.checkingRows.add(read);
    try {
      const query = this.queryAt(read);
      return query !== null && query.model === model.name && query.finding === null;
    } finally {
      this.checkingRows.delete(read);
    }
  }

  /**
   * The tenant constraint of a `where` object along any of the paths (`[tenantId]`, `[invoice, tenantId]`). Later
   * properties win, as at run time: a spread after the tenant that may hold one (the request's, or one that cannot be
   * seen) replaces it.
   */
  private objectConstraint(object: TSESTree.ObjectExpression, paths: string[][], depth: number): Constraint {
    let current: Constraint = 'missing';
    for (const property of object.properties) {
      if (property.type === 'SpreadElement') {
        const spread = this.spreadConstraint(property.argument, paths, depth);
        if (typeof spread === 'object') current = spread;
        else if (spread === 'opaque') {
          // The request's fields set the tenant as the caller likes; a schema-checked body only the fields it lists,
          // which a tenant id has no business being among; anything else unknown may or may not.
          if (this.sources.isValidatedContainer(property.argument)) continue;
          current = this.sources.sourceOf(property.argument) ? { value: property.argument } : 'opaque';
        }
        continue;
      }
      const key = propertyKeyName(property);
      if (key === null) continue;
      const found = this.propertyConstraint(key, property.value as Node, paths, depth);
      if (found) current = found;
    }
    return current;
  }

  private propertyConstraint(key: string, value: Node, paths: string[][], depth: number): Constraint | null {
    if (key === 'AND' && depth < 8) {
      const node = skipTransparent(value);
      const parts = node.type === 'ArrayExpression' ? node.elements : [value];
      for (const part of parts) {
        const inner = part && part.type !== 'SpreadElement' ? this.objectOf(part) : null;
        if (inner && inner !== 'opaque') {
          const found = this.objectConstraint(inner, paths, depth + 1);
          if (typeof found === 'object') return found;
        }
      }
      return null;
    }
    for (const path of paths) {
      if (path.length === 1 && key === path[0]) return { value: equalsValue(value) };
      // A compound unique key: `tenantId_number: { tenantId, number }`.
      if (path.length === 1 && key.split('_').includes(path[0]!)) {
        const compound = this.objectOf(value);
        const inner = compound && compound !== 'opaque' ? propertyValue(compound, path[0]!) : null;
        if (inner) return { value: equalsValue(inner) };
      }
      if (path.length > 1 && key === path[0] && depth < 8) {
        let relation = this.objectOf(value);
        // A to-one relation filter may say `is`.
        const is = relation && relation !== 'opaque' ? propertyValue(relation, 'is') : null;
        if (is) relation = this.objectOf(is);
        if (relation && relation !== 'opaque') {
          const found = this.objectConstraint(relation, [path.slice(1)], depth + 1);
          if (typeof found === 'object') return found;
        }
      }
    }
    return null;
  }

  /** `...tenantFilter(x)` (the value x, or none for a helper that reads the context itself), or a spread const object. */
  private spreadConstraint(argument: Node, paths: string[][], depth: number): Constraint {
    const node = skipTransparent(argument);
    // `...(status ? { status } : {})`, `...(cond && { … })`, `...(extra ?? {})`: what either branch may spread.
    const branches =
      node.type === 'ConditionalExpression' ? [node.consequent, node.alternate] : node.type === 'LogicalExpression' ? (node.operator === '&&' ? [node.right] : [node.left, node.right]) : null;
    if (branches && depth < 8) {
      const each = branches.map((branch) => this.spreadConstraint(branch, paths, depth + 1));
      if (each.includes('opaque')) return 'opaque';
      // A tenant set on one branch only is not a constraint; on every branch it is, with the first branch's value.
      const set = each.filter((c): c is { value: Node | null } => typeof c === 'object');
      return set.length === each.length ? set[0]! : set.length === 0 ? 'missing' : 'opaque';
    }
    if (node.type === 'CallExpression' && this.matches(this.bindings.valueOf(node.callee), this.input.config.prisma.tenantFilters)) {
      const value = node.arguments[0];
      return { value: value && value.type !== 'SpreadElement' ? value : null };
    }
    const object = depth < 8 ? this.objectOf(node) : 'opaque';
    if (object === null || object === 'opaque') return 'opaque';
    return this.objectConstraint(object, paths, depth + 1);
  }

  private dataConstraint(data: Node | null, model: PrismaModel, many: boolean): Constraint {
    if (!data) return 'missing';
    let node = skipTransparent(data);
    // `const rows = items.map((i) => ({ … }))`, then `createMany({ data: rows })`.
    if (many && node.type === 'Identifier') node = this.constInit(node) ?? node;
    if (many) {
      const rows = node.type === 'ArrayExpression' ? node.elements : null;
      if (rows) {
        let first: Constraint = 'missing';
        for (const row of rows) {
          if (!row || row.type === 'SpreadElement') return 'opaque';
          const constraint = this.rowConstraint(row, model);
          if (typeof constraint !== 'object') return constraint;
          if (first === 'missing') first = constraint;
        }
        return first;
      }
      const mapped = mappedRow(node);
      if (mapped) return this.rowConstraint(mapped, model);
    }
    return this.rowConstraint(node, model);
  }

  /** The tenant a created row gets: `tenantId: x`, `tenant: { connect: { id: x } }`, a tenant filter spread. */
  private rowConstraint(row: Node, model: PrismaModel): Constraint {
    const object = this.objectOf(row);
    if (object === null) return 'missing';
    if (object === 'opaque') return 'opaque';
    const direct = this.objectConstraint(object, model.hasTenantField ? [[this.tenantField]] : [], 0);
    if (typeof direct === 'object') return direct;
    if (model.tenantRelation) {
      const relation = this.objectOf(propertyValue(object, model.tenantRelation));
      const connect = relation && relation !== 'opaque' ? this.objectOf(propertyValue(relation, 'connect')) : null;
      const id = connect && connect !== 'opaque' ? propertyValue(connect, 'id') : null;
      if (id) return { value: id };
    }
    return direct;
  }

  // ---- the tenant value ----

  /** Whether a value is the verified tenant: the tenant key of a context accessor's result, or a const bound to one. */
  private isVerified(expression: Node, depth: number): boolean {
    if (depth > 12) return false;
    const node = skipTransparent(expression);
    switch (node.type) {
      case 'AwaitExpression':
        return this.isVerified(node.argument, depth + 1);
      case 'MemberExpression': {
        if (staticPropertyName(node) !== this.contextKey) return false;
        const context = this.contextOf(node.object, depth + 1);
        // `ctx?.tenantId` of the optional accessor is undefined for a caller without a session: Prisma then drops the
        // filter and returns every tenant's rows. Only a wrapper that turns such callers away rules that out.
        const optionalRead = node.optional || expression.type === 'ChainExpression';
        return context === 'required' || (context === 'optional' && (!optionalRead || this.withContext));
      }
      case 'CallExpression': {
        const callee = skipTransparent(node.callee);
        const only = node.arguments[0];
        const isString = callee.type === 'Identifier' && callee.name === 'String' && this.bindings.isGlobal(callee);
        return isString && node.arguments.length === 1 && only !== undefined && only.type !== 'SpreadElement' && this.isVerified(only, depth + 1);
      }
      case 'Identifier': {
        const variable = this.bindings.variableOf(node);
        const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
        if (!variable || !def || reassignments(variable).length > 0) return false;
        if (def.type === 'Parameter' && isFunctionLike(def.node)) {
          const fn = def.node;
          const index = fn.params.findIndex((p) => p.range[0] <= def.name.range[0] && def.name.range[1] <= p.range[1]);
          if (index === -1 || fn.params[index] !== def.name) return false;
          // A helper also passed around as a value (`ids.map(load)`) may be called with anything.
          if (!onlyCalledByName(this.input.scopeManager, fn)) return false;
          const passed = callArguments(this.input.scopeManager, fn, index);
          return passed.length > 0 && passed.every((argument) => this.isVerified(argument, depth + 1));
        }
        if (def.type !== 'Variable' || def.node.type !== 'VariableDeclarator' || !def.node.init) return false;
        const { id, init } = def.node;
        if (id === def.name) return this.isVerified(init, depth + 1);
        // `const { tenantId } = requireTenantContext()`, `const { tenantId: t } = ctx`
        if (id.type !== 'ObjectPattern') return false;
        const property = id.properties.find((p) => p.type === 'Property' && (p.value === def.name || (p.value.type === 'AssignmentPattern' && p.value.left === def.name)));
        return property?.type === 'Property' && propertyKeyName(property) === this.contextKey && this.contextOf(init, depth + 1) !== null;
      }
      default:
        return false;
    }
  }

  /**
   * Whether an expression is a context accessor's result, and which: `requireTenantContext()` (`required`), the
   * optional accessor's (`optional`, null without a session), or a const of one.
   */
  private contextOf(expression: Node, depth: number): 'required' | 'optional' | null {
    if (depth > 12) return null;
    const node = skipTransparent(expression);
    if (node.type === 'AwaitExpression') return this.contextOf(node.argument, depth + 1);
    if (node.type === 'CallExpression') return this.accessorOf(skipTransparent(node.callee));
    if (node.type !== 'Identifier') return null;
    const init = this.constInit(node);
    return init === null ? null : this.contextOf(init, depth + 1);
  }

  private isContext(expression: Node, depth: number): boolean {
    return this.contextOf(expression, depth) !== null;
  }

  private accessorOf(callee: Node): 'required' | 'optional' | null {
    for (const { imported, method, kind } of this.accessors) {
      if (method === null) {
        if (this.matches(this.bindings.valueOf(callee), [imported])) return kind;
      } else if (callee.type === 'MemberExpression' && staticPropertyName(callee) === method && this.matches(this.bindings.valueOf(callee.object), [imported])) {
        return kind;
      }
    }
    return null;
  }

  // ---- clients ----

  /** Whether an expression is a Prisma client (`client`), a tenant-scoped one (`scoped`), or neither. */
  private clientKind(expression: Node, depth = 0): ClientKind | null {
    if (this.clientKinds.has(expression)) return this.clientKinds.get(expression)!;
    this.clientKinds.set(expression, null);
    const kind = depth > 12 ? null : this.resolveClient(skipTransparent(expression), depth);
    this.clientKinds.set(expression, kind);
    return kind;
  }

  private resolveClient(node: Node, depth: number): ClientKind | null {
    const { clients, scopedClients } = this.input.config.prisma;
    switch (node.type) {
      case 'AwaitExpression':
        return this.clientKind(node.argument, depth + 1);
      case 'NewExpression': {
        const value = this.bindings.valueOf(node.callee);
        return value?.kind === 'member' && value.name === 'PrismaClient' && value.module.startsWith('@prisma/client') ? 'client' : null;
      }
      case 'CallExpression': {
        if (this.matches(this.bindings.valueOf(node.callee), scopedClients)) return 'scoped';
        // `prisma.$extends(…)` is a client too; only a configured scoped client is trusted to add the tenant.
        const callee = skipTransparent(node.callee);
        return callee.type === 'MemberExpression' && staticPropertyName(callee) === '$extends' && this.clientKind(callee.object, depth + 1) ? 'client' : null;
      }
      case 'MemberExpression':
      case 'Identifier': {
        const value = this.bindings.valueOf(node);
        if (value) return this.matches(value, scopedClients) ? 'scoped' : this.matches(value, clients) ? 'client' : null;
        if (node.type !== 'Identifier') return null;
        const variable = this.bindings.variableOf(node);
        const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
        if (!variable || !def || reassignments(variable).length > 0) return null;
        if (def.type === 'Variable' && def.node.type === 'VariableDeclarator' && def.node.id === def.name && def.node.init) {
          return this.clientKind(def.node.init, depth + 1);
        }
        if (def.type === 'Parameter' && isFunctionLike(def.node)) return this.parameterClient(def.node, def.name, depth);
        return null;
      }
      default:
        return null;
    }
  }

  /** `tx` of `client.$transaction(async (tx) => …)`, or a helper's parameter that a call passes a client in. */
  private parameterClient(fn: FunctionLike, name: Node, depth: number): ClientKind | null {
    const index = fn.params.indexOf(name as TSESTree.Parameter);
    if (index === -1) return null;
    let outer: Node = fn;
    for (let parent = parentOf(outer); parent && skipTransparent(parent) === fn && parent !== fn; parent = parentOf(outer)) outer = parent;
    const call = parentOf(outer);
    if (index === 0 && call?.type === 'CallExpression' && call.arguments[0] === outer) {
      const callee = skipTransparent(call.callee);
      if (callee.type === 'MemberExpression' && staticPropertyName(callee) === '$transaction') return this.clientKind(callee.object, depth + 1);
    }
    if (index === 0) {
      // `client.$transaction(work)` with `async function work(tx) { … }`.
      for (const id of functionReads(this.input.scopeManager, fn)) {
        const use = parentOf(id);
        const callee = use?.type === 'CallExpression' && use.arguments[0] === id ? skipTransparent(use.callee) : null;
        if (callee?.type === 'MemberExpression' && staticPropertyName(callee) === '$transaction') {
          const kind = this.clientKind(callee.object, depth + 1);
          if (kind) return kind;
        }
      }
    }
    let kind: ClientKind | null = null;
    for (const argument of callArguments(this.input.scopeManager, fn, index)) {
      const passed = this.clientKind(argument, depth + 1);
      if (passed === 'client') return 'client';
      if (passed === 'scoped') kind = 'scoped';
    }
    return kind;
  }

  /**
   * The model delegate a call is made on, and its client: `prisma.invoice`, `prisma['invoice']`, a const alias of one
   * (`const invoices = prisma.invoice`), or a delegate destructured from a client (`const { invoice } = prisma`).
   */
  private delegateOf(expression: Node, depth: number): { accessor: string; client: Node } | null {
    const node = skipTransparent(expression);
    if (node.type === 'MemberExpression') {
      const accessor = staticPropertyName(node);
      return accessor === null ? null : { accessor, client: node.object };
    }
    if (node.type !== 'Identifier' || depth > 4) return null;
    const variable = this.bindings.variableOf(node);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (!variable || def?.type !== 'Variable' || def.node.type !== 'VariableDeclarator' || !def.node.init || reassigned(variable)) return null;
    const { id, init } = def.node;
    if (id === def.name) return this.delegateOf(init, depth + 1);
    if (id.type !== 'ObjectPattern') return null;
    const property = id.properties.find((p) => p.type === 'Property' && p.value === def.name);
    const accessor = property?.type === 'Property' ? propertyKeyName(property) : null;
    return accessor === null ? null : { accessor, client: init };
  }

  // ---- raw queries ----

  private rawQuery(node: Node, tag: Node, sql: Node | null): Omit<TenantQuery, 'handlers'> | null {
    if (tag.type !== 'MemberExpression') return null;
    const operation = staticPropertyName(tag);
    if (operation === null || !RAW.has(operation) || !this.clientKind(tag.object)) return null;
    const text = sqlText(sql, (id) => this.constInit(id));
    const model = text === null ? null : this.tableIn(text);
    if (text !== null && !model) return null;
    if (this.clientKind(tag.object) === 'scoped') return null;
    return { model: model?.name ?? '(raw SQL)', operation, call: located(node), at: located(tag.property), finding: 'rawQuery' };
  }

  /** The tenant-scoped model whose table the SQL names, if any. */
  private tableIn(sql: string): PrismaModel | null {
    const lower = sql.toLowerCase();
    for (const model of this.input.schema.models.values()) {
      if (!model.tenantScoped) continue;
      const table = model.table.toLowerCase();
      const pattern = new RegExp(`(^|[^\\w$])"?${table.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"?($|[^\\w$])`);
      if (pattern.test(lower)) return model;
    }
    return null;
  }

  // ---- suggestion ----

  /** `tenantId: ctx.tenantId, ` at the start of a `where` object literal, when a verified tenant is in scope. */
  private suggestion(call: Node, where: Node | null): TenantQuery['suggestion'] {
    const object = where ? skipTransparent(where) : null;
    if (object?.type !== 'ObjectExpression') return undefined;
    const value = this.verifiedInScope(call);
    if (!value) return undefined;
    const property = value === this.tenantField ? value : `${this.tenantField}: ${value}`;
    const first = object.properties[0];
    if (first) return { offset: first.range[0], text: `${property}, ` };
    return { offset: object.range[0] + 1, text: ` ${property} ` };
  }

  /** A const declared before the call in an enclosing function: the context (`ctx.tenantId`) or a verified tenant id. */
  private verifiedInScope(call: Node): string | null {
    for (let node = parentOf(call); node; node = parentOf(node)) {
      if (!isFunctionLike(node)) continue;
      const scope = this.input.scopeManager.acquire(node);
      for (const variable of scope?.variables ?? []) {
        const def = variable.defs[0];
        if (def?.type !== 'Variable' || def.name.range[1] > call.range[0] || def.name.type !== 'Identifier') continue;
        const name = def.name.name;
        if (def.node.type === 'VariableDeclarator' && def.node.id === def.name && def.node.init && this.isContext(def.node.init, 0) && !reassigned(variable)) {
          return `${name}.${this.contextKey}`;
        }
        if (name === this.tenantField && this.isVerified(def.name, 0)) return name;
      }
    }
    return null;
  }

  // ---- helpers ----

  private constInit(identifier: TSESTree.Identifier): Node | null {
    const variable = this.bindings.variableOf(identifier);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (!variable || def?.type !== 'Variable' || def.node.type !== 'VariableDeclarator' || def.node.id !== def.name || !def.node.init) return null;
    return reassigned(variable) ? null : def.node.init;
  }

  private matches(value: ModuleValue | null, specs: readonly ImportSpec[]): boolean {
    if (value?.kind !== 'member') return false;
    return specs.some((spec) => spec.name === value.name && (typeof spec.from === 'string' ? [spec.from] : spec.from).some((from) => moduleMatches(from, value.module, this.input.filePath)));
  }
}

const parentOf = (node: Node): Node | undefined => (node as { parent?: Node }).parent;

const reassigned = (variable: VariableLike): boolean => reassignments(variable).length > 0;

function located(node: Node): Located {
  return { range: [node.range[0], node.range[1]], loc: { start: { ...node.loc.start }, end: { ...node.loc.end } } };
}


/** The value of a property of an object literal, by name (the last one wins, as at run time). */
function propertyValue(object: TSESTree.ObjectExpression, name: string): Node | null {
  let found: Node | null = null;
  for (const property of object.properties) {
    if (property.type === 'Property' && propertyKeyName(property) === name) found = property.value as Node;
  }
  return found;
}

/** `tenantId: x` or `tenantId: { equals: x }`: the value compared with. */
function equalsValue(value: Node): Node {
  const node = skipTransparent(value);
  if (node.type !== 'ObjectExpression') return value;
  return propertyValue(node, 'equals') ?? value;
}

/** The object a `rows.map((r) => ({ … }))` callback returns for each row. */
function mappedRow(node: Node): Node | null {
  if (node.type !== 'CallExpression') return null;
  const callee = skipTransparent(node.callee);
  const callback = node.arguments[0];
  if (callee.type !== 'MemberExpression' || staticPropertyName(callee) !== 'map' || !callback || !isFunctionLike(callback)) return null;
  if (callback.body.type !== 'BlockStatement') return callback.body;
  const returned = callback.body.body.find((s): s is TSESTree.ReturnStatement => s.type === 'ReturnStatement');
  return returned?.argument ?? null;
}

/**
 * The static text of raw SQL: the parts of a tagged template (`` $queryRaw`…` ``, `` Prisma.sql`…` ``), whose values
 * are sent as parameters, or a string; null when the text is built at run time (a variable, or a template literal
 * with values given to `$queryRawUnsafe`, which become part of the SQL).
 */
function sqlText(sql: Node | null, constInit: (id: TSESTree.Identifier) => Node | null): string | null {
  if (!sql) return null;
  const node = skipTransparent(sql);
  if (node.type === 'TaggedTemplateExpression') {
    // `Prisma.raw(…)` and a nested `Prisma.sql` put SQL, not a parameter, where they stand.
    if (node.quasi.expressions.some((e) => isSqlFragment(e, constInit))) return null;
    return node.quasi.quasis.map((q) => q.value.cooked ?? q.value.raw).join(' ');
  }
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? null;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  return null;
}


/**
 * `Prisma.raw(…)`, `` Prisma.sql`…` ``, `raw(…)`, or a const holding one: a value of a template that is SQL itself,
 * built at run time, rather than a parameter.
 */
function isSqlFragment(expression: Node, constInit: (id: TSESTree.Identifier) => Node | null, depth = 0): boolean {
  const node = skipTransparent(expression);
  if (node.type === 'Identifier') {
    const init = depth < 4 ? constInit(node) : null;
    return init !== null && isSqlFragment(init, constInit, depth + 1);
  }
  const callee = node.type === 'CallExpression' ? skipTransparent(node.callee) : node.type === 'TaggedTemplateExpression' ? skipTransparent(node.tag) : null;
  const name = callee?.type === 'MemberExpression' ? staticPropertyName(callee) : callee?.type === 'Identifier' ? callee.name : null;
  return name === 'raw' || name === 'sql';
}

/** `if (!row) return …` (or `throw`): the statement turns the caller away when `row` is missing. */
function turnsAwayWithout(statement: Node, name: string): boolean {
  if (statement.type !== 'IfStatement') return false;
  const test = skipTransparent(statement.test);
  const negated = test.type === 'UnaryExpression' && test.operator === '!' && skipTransparent(test.argument).type === 'Identifier' && (skipTransparent(test.argument) as TSESTree.Identifier).name === name;
  return negated && alwaysExits(statement.consequent);
}

