import type { TSESTree } from '@typescript-eslint/types';
import { calleeText } from './analyze-module';
import { staticPropertyName, type Node } from './ast';
import type { ScopeManagerLike, VariableLike } from './scope';
import type { FunctionLike, Located, Range } from './types';

/*
 * What a caller without a session experiences, decided by running the handler in the abstract from its first
 * statement with every session read answering null. Values the session decides are known (null, undefined, a
 * default); values the request decides are unknown, and a condition on one follows both branches. A call the
 * evaluation does not know to be a pure read is an observable effect. Each path ends in an outcome: a response,
 * a throw, or no response at all.
 */

/** A response as the code writes it: what is known statically, null where it is computed. */
export interface AnonymousResponse {
  status: number | null;
  body: { kind: 'json'; value: unknown } | { kind: 'text'; value: string } | { kind: 'empty' } | null;
  /** Whether the response sets headers of its own (`headers`, `setHeader`, a redirect's `Location`). */
  headers: boolean;
}

export type AnonymousOutcome =
  | { kind: 'response'; response: AnonymousResponse; at: Located; effects: string[] }
  /**
   * `implicit`: not a `throw` statement but a read of a property of null (`session.user` without a session), a
   * request body that does not parse, or a read of a value the request decides that may be missing
   * (`searchParams.get('x')!.trim()`, `const { name } = body`).
   */
  | { kind: 'throw'; implicit: ImplicitThrow | null; at: Located; effects: string[] }
  | { kind: 'no-response'; at: Located; effects: string[] };

export type ImplicitThrow = 'null-read' | 'request-body' | 'missing-value' | 'call';

export interface AnonymousPaths {
  /** How each path a caller without a session can take ends, in the order they were found. */
  outcomes: AnonymousOutcome[];
  /**
   * Reads of a property of the missing session whose throw a `catch` turned into an answer: that answer may carry
   * the error, whose message names what was read.
   */
  caughtNullReads: Located[];
  /** Set when a path could not be followed to its end (a loop, too many branches): what stopped it, and where. */
  undecided: { reason: string; line: number } | null;
}

export interface AnonymousPathsInput {
  fn: FunctionLike;
  scopeManager: ScopeManagerLike;
  /** The session getter calls: each answers null. */
  sessionCalls: ReadonlyArray<{ range: Range }>;
  /** A pages/api handler answers through its second parameter (`res.status(401).json(…)`). */
  pagesApi: boolean;
}

/** What the wrapper answers a caller without a session when sign-in is required. */
export interface WrapperAnswer {
  status: number;
  json: unknown;
}

const MAX_PATHS = 256;

/** Follows every path a caller without a session can take through the handler. */
export function anonymousPaths(input: AnonymousPathsInput): AnonymousPaths {
  return new AnonymousEvaluation(input).run();
}

/**
 * Whether the handler's own answer to every caller without a session is exactly the wrapper's: the same status and
 * JSON body, no headers of its own, and nothing observable done first. Then the wrapper may answer in its place.
 */
export function answersLikeWrapper(paths: AnonymousPaths, wrapper: WrapperAnswer): boolean {
  return (
    paths.undecided === null &&
    paths.outcomes.length > 0 &&
    paths.outcomes.every((o) => o.kind === 'response' && o.effects.length === 0 && sameAsWrapper(o.response, wrapper))
  );
}

/** Whether every path turns the caller away (a 4xx or 5xx, or a throw): nothing is served to a caller without a session. */
export function turnsEveryCallerAway(paths: AnonymousPaths): boolean {
  return (
    paths.undecided === null &&
    paths.outcomes.length > 0 &&
    paths.outcomes.every((o) => o.kind === 'throw' || (o.kind === 'response' && o.response.status !== null && o.response.status >= 400))
  );
}

/** Why reading an optional context where the session was read would change what a caller without a session gets. */
export type OptionalContextChange =
  /** The analysis could not follow every path. */
  | { kind: 'undecided'; reason: string; line: number }
  /** A path reads a property of the missing session, and throws (or its catch answers from the error). */
  | { kind: 'null-read' | 'caught-null-read'; line: number };

/**
 * Whether a rewrite to the optional context keeps every answer to callers without a session, which the handler
 * then gives itself: null when it does. The codemod and the lint suggestion both decide by it.
 */
export function optionalContextChange(paths: AnonymousPaths): OptionalContextChange | null {
  if (paths.undecided) return { kind: 'undecided', ...paths.undecided };
  const nullRead = paths.outcomes.find((o) => o.kind === 'throw' && o.implicit === 'null-read');
  if (nullRead) return { kind: 'null-read', line: nullRead.at.loc.start.line };
  const [caught] = paths.caughtNullReads;
  return caught ? { kind: 'caught-null-read', line: caught.loc.start.line } : null;
}

function sameAsWrapper(response: AnonymousResponse, wrapper: WrapperAnswer): boolean {
  return (
    response.status === wrapper.status &&
    !response.headers &&
    response.body?.kind === 'json' &&
    JSON.stringify(canonical(response.body.value)) === JSON.stringify(canonical(wrapper.json))
  );
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  }
  return value;
}

/** `401 {"error":"Not authenticated"}`, `500 (throws, line 12)`, `403 after audit()`: an outcome in a reviewer's words. */
export function describeOutcome(outcome: AnonymousOutcome): string {
  const after = outcome.effects.length > 0 ? ` after ${[...new Set(outcome.effects)].join(', ')}` : '';
  const line = outcome.at.loc.start.line;
  if (outcome.kind === 'throw') {
    const what =
      outcome.implicit === 'null-read'
        ? 'reads a property of the missing session'
        : outcome.implicit === 'request-body'
          ? 'the request body does not parse'
          : outcome.implicit === 'missing-value'
            ? 'reads a value the request may leave out'
            : outcome.implicit === 'call'
              ? 'a call throws'
              : 'throws';
    return `500 (${what}, line ${line})${after}`;
  }
  if (outcome.kind === 'no-response') return `no response (line ${line})${after}`;
  const { status, body, headers } = outcome.response;
  const shownBody = body?.kind === 'json' ? ` ${JSON.stringify(body.value)}` : body?.kind === 'text' ? ` ${JSON.stringify(body.value)}` : '';
  return `${status ?? 'a computed status'}${shownBody}${headers ? ' with headers' : ''} (line ${line})${after}`;
}

// ── the evaluation ──────────────────────────────────────────────────────────────────────────────────────────

type Value =
  | { k: 'known'; v: null | undefined | boolean | number | string }
  /**
   * An object the code made (a literal, a function) or the module holds (an import, a module constant, a global):
   * reading a property of it does not throw.
   */
  | { k: 'object' }
  /** The request, the route context, or an object read from them (`nextUrl`, `headers`, `params`): never null. */
  | { k: 'request' }
  /** A pending read of the request body (`req.json()`): awaiting it may throw, unless a `.catch` is attached. */
  | { k: 'body-read' }
  /** A pages/api `res`, with what the handler has set on it so far. */
  | { k: 'res' }
  | { k: 'response'; response: AnonymousResponse }
  /**
   * What the module holds (an import, a module constant, a global such as `process`) and what is read from it: the
   * app's own values, read through without throwing, true or false as the module says.
   */
  | { k: 'module' }
  /** Anything, null included: a value the request decides, or what a call returned. */
  | { k: 'unknown' };

const UNKNOWN: Value = { k: 'unknown' };
const OBJECT: Value = { k: 'object' };
const MODULE: Value = { k: 'module' };
const known = (v: null | undefined | boolean | number | string): Value => ({ k: 'known', v });

interface PagesResponse {
  status: number;
  headers: boolean;
  body: AnonymousResponse['body'];
  at: Located;
  /** Whether the answer was sent (`json`, `send`, `end`, `redirect`): a status alone sends nothing. */
  sent: boolean;
}

/** A point where a path may throw, depending on the request, with what had been done by then. */
interface MayThrow {
  node: Node;
  why: Exclude<ImplicitThrow, 'null-read'>;
  effects: string[];
}

interface State {
  env: Map<VariableLike, Value>;
  effects: string[];
  res: PagesResponse | null;
}

type Completion =
  | { type: 'normal'; state: State }
  | { type: 'return'; value: Value; node: Node; state: State }
  | { type: 'throw'; implicit: ImplicitThrow | null; node: Node; state: State }
  | { type: 'break'; label: string | null; state: State }
  | { type: 'continue'; label: string | null; state: State };

/** Thrown while evaluating an expression that throws for certain: a property of null is read. */
class CertainThrow {
  constructor(
    readonly node: Node,
    readonly implicit: 'null-read' | null,
  ) {}
}

/** Thrown to leave an optional chain that met null: the whole chain is undefined. */
class ShortCircuit {}

/** Thrown when the evaluation cannot go on (a loop, a label it does not follow): the answer is undecided. */
class Undecidable {
  constructor(
    readonly reason: string,
    readonly node: Node,
  ) {}
}

const PURE_GLOBAL_CALLS = new Set([
  'String',
  'Number',
  'Boolean',
  'parseInt',
  'parseFloat',
  'isNaN',
  'isFinite',
  'Array.isArray',
  'Array.from',
  'Object.keys',
  'Object.values',
  'Object.entries',
  'Object.fromEntries',
  'JSON.stringify',
  'Date.now',
  'Math.max',
  'Math.min',
  'Math.round',
  'Math.floor',
  'Math.ceil',
  'Math.abs',
  'encodeURIComponent',
]);
/** Pure functions that throw when given null or undefined. */
const THROW_ON_MISSING = new Set(['Object.keys', 'Object.values', 'Object.entries', 'Object.fromEntries', 'Array.from']);
/** What of a request (or route context) is an object, never null: what else is read from it may be missing. */
const REQUEST_OBJECTS = new Set(['nextUrl', 'headers', 'cookies', 'searchParams', 'query', 'params', 'url', 'method', 'pathname', 'geo']);
/** Methods of the request's objects whose answer is always there: iterators, lists, copies. */
const REQUEST_COLLECTIONS = new Set(['keys', 'values', 'entries', 'getAll', 'getSetCookie', 'toString', 'clone']);
const PURE_CONSTRUCTORS = new Set(['URL', 'URLSearchParams', 'Date', 'Headers', 'Map', 'Set', 'Error', 'TypeError']);
const RESPONSE_CLASSES = new Set(['NextResponse', 'Response']);
const BODY_READERS = new Set(['json', 'formData', 'text', 'arrayBuffer', 'blob']);
const STRING_METHODS = new Set(['toLowerCase', 'toUpperCase', 'trim', 'startsWith', 'endsWith', 'includes', 'split', 'slice', 'replace', 'toString', 'padStart', 'indexOf']);

class AnonymousEvaluation {
  private readonly variableOf = new Map<Node, VariableLike>();
  private readonly caughtNullReads: Located[] = [];
  /** Where each variable of the handler is written: a loop makes what it writes unknown. */
  private readonly writes: Array<{ at: number; variable: VariableLike }> = [];
  private readonly stateIds = new Map<VariableLike, number>();
  private readonly sessionCallStarts: Set<string>;
  private paths = 0;

  constructor(private readonly input: AnonymousPathsInput) {
    this.sessionCallStarts = new Set(input.sessionCalls.map((c) => `${c.range[0]}:${c.range[1]}`));
    const [start, end] = input.fn.range;
    for (const scope of input.scopeManager.scopes as ReadonlyArray<ScopeManagerLike['scopes'][number] & { block: Node }>) {
      // Only the function's own scopes: what it reads from the module resolves through them.
      if (scope.block.range[0] < start || scope.block.range[1] > end) continue;
      for (const reference of scope.references) {
        if (!reference.resolved) continue;
        this.variableOf.set(reference.identifier, reference.resolved);
        if (reference.isWrite()) this.writes.push({ at: reference.identifier.range[0], variable: reference.resolved });
      }
      for (const variable of scope.variables) {
        for (const def of variable.defs) this.variableOf.set(def.name, variable);
      }
    }
  }

  run(): AnonymousPaths {
    const { fn } = this.input;
    const state: State = { env: new Map(), effects: [], res: null };
    fn.params.forEach((param, index) => {
      // The request and the route context: what is read from them is the caller's; `res` is where pages answer.
      const value: Value = this.input.pagesApi && index === 1 ? { k: 'res' } : { k: 'request' };
      const pattern = param.type === 'AssignmentPattern' ? param.left : param.type === 'TSParameterProperty' ? param.parameter : param;
      this.bindPattern(pattern, value, state);
    });
    const outcomes: AnonymousOutcome[] = [];
    try {
      const completions =
        fn.body.type === 'BlockStatement'
          ? this.statements(fn.body.body, state)
          : this.expressionCompletion(fn.body, state, (value, s) => [{ type: 'return', value, node: fn.body, state: s }]);
      for (const completion of completions) outcomes.push(this.outcomeOf(completion, fn));
    } catch (error) {
      if (error instanceof Undecidable) return { outcomes, caughtNullReads: this.caughtNullReads, undecided: { reason: error.reason, line: error.node.loc.start.line } };
      // A signal of the evaluation that no path caught (a throw while matching a switch case): not decided here.
      if (error instanceof CertainThrow || error instanceof ShortCircuit) {
        const at = error instanceof CertainThrow ? error.node : fn;
        return { outcomes, caughtNullReads: this.caughtNullReads, undecided: { reason: `it does not follow the expression at line ${at.loc.start.line}`, line: at.loc.start.line } };
      }
      throw error;
    }
    return { outcomes, caughtNullReads: this.caughtNullReads, undecided: null };
  }

  private outcomeOf(completion: Completion, fn: FunctionLike): AnonymousOutcome {
    const { state } = completion;
    const effects = state.effects;
    if (completion.type === 'throw') return { kind: 'throw', implicit: completion.implicit, at: located(completion.node), effects };
    if (state.res?.sent) {
      // A pages/api handler answers with what it wrote on `res`, whatever it returns.
      const { status, headers, body, at } = state.res;
      return { kind: 'response', response: { status, headers, body }, at, effects };
    }
    const node = completion.type === 'return' ? completion.node : fn.body;
    if (this.input.pagesApi || completion.type !== 'return') return { kind: 'no-response', at: located(node), effects };
    const { value } = completion;
    if (value.k === 'known' && value.v === undefined) return { kind: 'no-response', at: located(node), effects };
    if (value.k === 'response') return { kind: 'response', response: value.response, at: located(node), effects };
    return { kind: 'response', response: { status: null, body: null, headers: false }, at: located(node), effects };
  }

  // ── statements ──

  private statements(statements: readonly Node[], state: State): Completion[] {
    let running: State[] = [state];
    const done: Completion[] = [];
    for (const statement of statements) {
      const next: State[] = [];
      for (const s of running) {
        for (const completion of this.statement(statement, s)) {
          if (completion.type === 'normal') next.push(completion.state);
          else done.push(completion);
        }
      }
      running = this.distinct(next);
      this.count(running.length + done.length, statement);
      if (running.length === 0) break;
    }
    return [...done, ...running.map((s): Completion => ({ type: 'normal', state: s }))];
  }

  /** Paths that reached the same point with the same values, effects and answer go on as one. */
  private distinct(states: State[]): State[] {
    if (states.length < 2) return states;
    const byKey = new Map<string, State>();
    for (const state of states) {
      const env = [...state.env].map(([variable, value]) => [this.idOf(variable), value] as const).sort((a, b) => a[0] - b[0]);
      const key = JSON.stringify([env, state.effects, state.res && { ...state.res, at: state.res.at.range }]);
      if (!byKey.has(key)) byKey.set(key, state);
    }
    return [...byKey.values()];
  }

  private idOf(variable: VariableLike): number {
    let id = this.stateIds.get(variable);
    if (id === undefined) {
      id = this.stateIds.size;
      this.stateIds.set(variable, id);
    }
    return id;
  }

  private statement(node: Node, state: State): Completion[] {
    switch (node.type) {
      case 'BlockStatement':
        return this.statements(node.body, state);
      case 'EmptyStatement':
      case 'FunctionDeclaration':
      case 'TSTypeAliasDeclaration':
      case 'TSInterfaceDeclaration':
      case 'TSDeclareFunction':
      case 'TSEnumDeclaration':
      case 'DebuggerStatement':
      case 'ClassDeclaration':
        return [{ type: 'normal', state }];
      case 'ExpressionStatement':
        return this.expressionCompletion(node.expression, state, (_v, s) => [{ type: 'normal', state: s }]);
      case 'VariableDeclaration':
        return this.declarations(node.declarations, 0, state);
      case 'ReturnStatement':
        if (!node.argument) return [{ type: 'return', value: known(undefined), node, state }];
        return this.expressionCompletion(node.argument, state, (value, s) => [{ type: 'return', value, node, state: s }]);
      case 'ThrowStatement':
        return this.expressionCompletion(node.argument, state, (_v, s) => [{ type: 'throw', implicit: null, node, state: s }]);
      case 'IfStatement':
        return this.expressionCompletion(node.test, state, (test, s) => {
          const truth = truthiness(test);
          const out: Completion[] = [];
          if (truth !== false) out.push(...this.statement(node.consequent, fork(s)));
          if (truth !== true) out.push(...(node.alternate ? this.statement(node.alternate, fork(s)) : [{ type: 'normal' as const, state: s }]));
          return out;
        });
      case 'TryStatement':
        return this.tryStatement(node, state);
      case 'SwitchStatement':
        return this.switchStatement(node, state);
      case 'BreakStatement':
        return [{ type: 'break', label: node.label?.name ?? null, state }];
      case 'ContinueStatement':
        return [{ type: 'continue', label: node.label?.name ?? null, state }];
      case 'ForStatement':
      case 'ForOfStatement':
      case 'ForInStatement':
      case 'WhileStatement':
      case 'DoWhileStatement':
        return this.loop(node, state);
      default:
        // Labels, `with`: paths the evaluation does not follow.
        throw new Undecidable(`it does not follow ${describeStatement(node)}`, node);
    }
  }

  /**
   * A loop, whatever the number of turns: what it writes is unknown from its start, then the paths are that it does
   * not run its body (unless it must), or runs it once as any turn would, ending in what the body ends in; after it,
   * what it wrote stays unknown.
   */
  private loop(node: TSESTree.ForStatement | TSESTree.ForOfStatement | TSESTree.ForInStatement | TSESTree.WhileStatement | TSESTree.DoWhileStatement, state: State): Completion[] {
    const before: Completion[] =
      node.type === 'ForStatement' && node.init
        ? node.init.type === 'VariableDeclaration'
          ? this.statement(node.init, state)
          : this.expressionCompletion(node.init, state, (_v, s) => [{ type: 'normal', state: s }])
        : node.type === 'ForOfStatement' || node.type === 'ForInStatement'
          ? this.expressionCompletion(node.right, state, (iterated, s) => {
              // Iterating a value that may be missing (`for (const x of body.items)`) throws.
              const failing = fork(s);
              const throws = node.type === 'ForOfStatement' && iterated.k === 'unknown';
              return throws ? [{ type: 'throw', implicit: 'missing-value', node: node.right, state: failing }, { type: 'normal', state: s }] : [{ type: 'normal', state: s }];
            })
          : [{ type: 'normal', state }];
    const out: Completion[] = [];
    for (const start of before) {
      if (start.type !== 'normal') {
        out.push(start);
        continue;
      }
      const s = start.state;
      this.forget(node, s);
      const test = node.type === 'ForStatement' ? node.test : node.type === 'WhileStatement' || node.type === 'DoWhileStatement' ? node.test : null;
      const truth = test && node.type !== 'DoWhileStatement' ? truthiness(this.evaluate(test, s)) : null;
      if (node.type !== 'DoWhileStatement' && truth !== true) out.push({ type: 'normal', state: fork(s) });
      if (truth === false && node.type !== 'DoWhileStatement') continue;
      const turn = fork(s);
      if (node.type === 'ForOfStatement' || node.type === 'ForInStatement') {
        const target = node.left.type === 'VariableDeclaration' ? node.left.declarations[0]!.id : node.left;
        this.bindPattern(target, UNKNOWN, turn);
      }
      for (const completion of this.statement(node.body, turn)) {
        if (completion.type === 'return' || completion.type === 'throw') out.push(completion);
        else if ((completion.type === 'break' || completion.type === 'continue') && completion.label !== null) {
          throw new Undecidable(`it does not follow a labelled ${completion.type} (line ${node.loc.start.line})`, node);
        } else {
          if (node.type === 'ForStatement' && node.update) this.evaluate(node.update, completion.state);
          if (node.type === 'DoWhileStatement') this.evaluate(node.test, completion.state);
          this.forget(node, completion.state);
          out.push({ type: 'normal', state: completion.state });
        }
      }
    }
    return out;
  }

  /** What the loop writes, anywhere in it, is no longer known. */
  private forget(loop: Node, state: State): void {
    for (const { at, variable } of this.writes) {
      if (at >= loop.range[0] && at < loop.range[1] && this.declaredInHandler(variable)) state.env.set(variable, UNKNOWN);
    }
  }

  private declarations(declarators: readonly TSESTree.VariableDeclarator[], index: number, state: State): Completion[] {
    const declarator = declarators[index];
    if (!declarator) return [{ type: 'normal', state }];
    if (!declarator.init) {
      this.bindPattern(declarator.id, known(undefined), state);
      return this.declarations(declarators, index + 1, state);
    }
    return this.expressionCompletion(declarator.init, state, (value, s) => {
      const failing = fork(s);
      let mayThrow: boolean;
      try {
        mayThrow = this.bindPattern(declarator.id, value, s);
      } catch (error) {
        if (error instanceof CertainThrow) return [{ type: 'throw', implicit: error.implicit, node: error.node, state: s }];
        throw error;
      }
      const rest = this.declarations(declarators, index + 1, s);
      return mayThrow ? [{ type: 'throw', implicit: 'missing-value', node: declarator.id, state: failing }, ...rest] : rest;
    });
  }

  private tryStatement(node: TSESTree.TryStatement, state: State): Completion[] {
    const out: Completion[] = [];
    for (const completion of this.statement(node.block, state)) {
      if (completion.type === 'throw' && node.handler) {
        if (completion.implicit === 'null-read') this.caughtNullReads.push(located(completion.node));
        const s = completion.state;
        if (node.handler.param) this.bindPattern(node.handler.param, UNKNOWN, s);
        out.push(...this.statement(node.handler.body, s));
      } else {
        out.push(completion);
      }
    }
    if (!node.finalizer) return out;
    const finalizer = node.finalizer;
    return out.flatMap((completion) =>
      this.statement(finalizer, completion.state).map((after) => (after.type === 'normal' ? { ...completion, state: after.state } : after)),
    );
  }

  private switchStatement(node: TSESTree.SwitchStatement, state: State): Completion[] {
    return this.expressionCompletion(node.discriminant, state, (discriminant, s) => {
      const out: Completion[] = [];
      const starts: number[] = [];
      let matched = false;
      for (const [i, branch] of node.cases.entries()) {
        if (!branch.test) continue;
        const test = this.evaluate(branch.test, s);
        const equal = strictlyEqual(discriminant, test);
        if (equal === false) continue;
        starts.push(i);
        if (equal === true) {
          matched = true;
          break;
        }
      }
      if (!matched) {
        const fallback = node.cases.findIndex((c) => !c.test);
        if (fallback >= 0) starts.push(fallback);
        else out.push({ type: 'normal', state: fork(s) });
      }
      for (const start of starts) {
        const body = node.cases.slice(start).flatMap((c) => c.consequent);
        for (const completion of this.statements(body, fork(s))) {
          out.push(completion.type === 'break' && completion.label === null ? { type: 'normal', state: completion.state } : completion);
        }
      }
      return out;
    });
  }

  /**
   * Evaluates an expression and continues with its value; a certain throw ends the path, and awaiting a body read
   * that may fail forks a path that throws there.
   */
  private expressionCompletion(node: Node, state: State, then: (value: Value, state: State) => Completion[]): Completion[] {
    const failing = fork(state);
    const mayThrow: MayThrow[] = [];
    let value: Value;
    try {
      value = this.evaluate(node, state, mayThrow);
    } catch (error) {
      if (error instanceof CertainThrow) return [{ type: 'throw', implicit: error.implicit, node: error.node, state }];
      throw error;
    }
    const out: Completion[] = [];
    const [first] = mayThrow;
    if (first) out.push({ type: 'throw', implicit: first.why, node: first.node, state: { ...failing, effects: first.effects } });
    out.push(...then(value, state));
    return out;
  }

  private count(paths: number, at: Node): void {
    this.paths = Math.max(this.paths, paths);
    if (this.paths > MAX_PATHS) throw new Undecidable(`it has more than ${MAX_PATHS} paths`, at);
  }

  /** Binds what a pattern declares; true when destructuring a value that may be missing may throw. */
  private bindPattern(pattern: Node, value: Value, state: State): boolean {
    switch (pattern.type) {
      case 'Identifier': {
        const variable = this.variableOf.get(pattern);
        if (variable) state.env.set(variable, value);
        return false;
      }
      case 'AssignmentPattern': {
        const missing = value.k === 'known' && value.v === undefined;
        return this.bindPattern(pattern.left, missing ? this.evaluate(pattern.right, state) : value.k === 'known' || value.k === 'request' ? value : UNKNOWN, state);
      }
      case 'ObjectPattern': {
        if (value.k === 'known' && (value.v === null || value.v === undefined)) throw new CertainThrow(pattern, 'null-read');
        let mayThrow = value.k === 'unknown' || value.k === 'body-read';
        for (const property of pattern.properties) {
          const target = property.type === 'Property' ? property.value : property.argument;
          const key = property.type === 'Property' && !property.computed && property.key.type === 'Identifier' ? property.key.name : null;
          const part: Value = value.k === 'request' && key !== null && REQUEST_OBJECTS.has(key) ? value : UNKNOWN;
          mayThrow = this.bindPattern(target, part, state) || mayThrow;
        }
        return mayThrow;
      }
      case 'ArrayPattern': {
        if (value.k === 'known' && (value.v === null || value.v === undefined)) throw new CertainThrow(pattern, 'null-read');
        let mayThrow = value.k !== 'object';
        for (const element of pattern.elements) if (element) mayThrow = this.bindPattern(element, UNKNOWN, state) || mayThrow;
        return mayThrow;
      }
      case 'RestElement':
        return this.bindPattern(pattern.argument, UNKNOWN, state);
      default:
        return false;
    }
  }

  // ── expressions ──

  private evaluate(node: Node, state: State, mayThrow: MayThrow[] = []): Value {
    const ev = (n: Node): Value => this.evaluate(n, state, mayThrow);
    switch (node.type) {
      case 'Literal':
        return 'regex' in node && node.regex ? OBJECT : 'bigint' in node && node.bigint ? UNKNOWN : known(node.value as string | number | boolean | null);
      case 'TemplateLiteral': {
        const parts = node.expressions.map(ev);
        if (parts.every((p) => p.k === 'known')) {
          return known(node.quasis.map((q, i) => (q.value.cooked ?? '') + (i < parts.length ? String((parts[i] as { v: unknown }).v) : '')).join(''));
        }
        return UNKNOWN;
      }
      case 'Identifier':
        return this.identifier(node, state);
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'TSInstantiationExpression':
        return ev(node.expression);
      case 'ChainExpression':
        try {
          return ev(node.expression);
        } catch (error) {
          if (error instanceof ShortCircuit) return known(undefined);
          throw error;
        }
      case 'AwaitExpression': {
        const value = ev(node.argument);
        if (value.k === 'body-read') {
          mayThrow.push({ node, why: 'request-body', effects: [...state.effects] });
          return UNKNOWN;
        }
        return value;
      }
      case 'MemberExpression':
        return this.member(node, state, mayThrow);
      case 'CallExpression':
        return this.call(node, state, mayThrow);
      case 'NewExpression':
        return this.construct(node, state, mayThrow);
      case 'UnaryExpression': {
        const value = ev(node.argument);
        if (node.operator === '!') {
          const truth = truthiness(value);
          return truth === null ? UNKNOWN : known(!truth);
        }
        if (node.operator === 'typeof' && value.k === 'known') return known(value.v === null ? 'object' : typeof value.v);
        if (node.operator === 'void') return known(undefined);
        if (node.operator === 'delete') state.effects.push(`a delete of ${calleeText(node.argument)}`);
        return UNKNOWN;
      }
      case 'LogicalExpression':
        return this.logical(node, state, mayThrow);
      case 'BinaryExpression': {
        const left = ev(node.left);
        const right = ev(node.right);
        if (node.operator === '===' || node.operator === '!==') {
          const equal = strictlyEqual(left, right);
          return equal === null ? UNKNOWN : known(node.operator === '===' ? equal : !equal);
        }
        if ((node.operator === 'in' || node.operator === 'instanceof') && right.k === 'unknown') {
          mayThrow.push({ node, why: 'missing-value', effects: [...state.effects] });
        }
        if (node.operator === '==' || node.operator === '!=') {
          const equal = looselyEqual(left, right);
          return equal === null ? UNKNOWN : known(node.operator === '==' ? equal : !equal);
        }
        return UNKNOWN;
      }
      case 'ConditionalExpression': {
        const truth = truthiness(ev(node.test));
        if (truth === true) return ev(node.consequent);
        if (truth === false) return ev(node.alternate);
        const [a, b] = this.eitherBranch(node, [node.consequent, node.alternate], state, mayThrow);
        return a.k === 'known' && b.k === 'known' && a.v === b.v ? a : UNKNOWN;
      }
      case 'ObjectExpression':
        for (const property of node.properties) {
          if (property.type === 'SpreadElement') ev(property.argument);
          else {
            if (property.computed) ev(property.key);
            ev(property.value);
          }
        }
        return OBJECT;
      case 'ArrayExpression':
        for (const element of node.elements) if (element) ev(element.type === 'SpreadElement' ? element.argument : element);
        return OBJECT;
      case 'SpreadElement':
        return ev(node.argument);
      case 'ArrowFunctionExpression':
      case 'FunctionExpression':
        return OBJECT;
      case 'SequenceExpression':
        return node.expressions.map(ev).at(-1)!;
      case 'AssignmentExpression':
        return this.assignment(node, state, mayThrow);
      case 'UpdateExpression':
        if (node.argument.type === 'Identifier') {
          const variable = this.variableOf.get(node.argument);
          if (variable && this.declaredInHandler(variable)) {
            state.env.set(variable, UNKNOWN);
            return UNKNOWN;
          }
        }
        state.effects.push(`an update of ${calleeText(node.argument)}`);
        return UNKNOWN;
      case 'ThisExpression':
        return OBJECT;
      case 'MetaProperty':
        return OBJECT;
      case 'TaggedTemplateExpression':
        // `sql\`…\``: a call of the tag.
        for (const expression of node.quasi.expressions) ev(expression);
        state.effects.push(`${calleeText(node.tag)}\`…\``);
        mayThrow.push({ node, why: 'call', effects: [...state.effects] });
        return UNKNOWN;
      case 'JSXElement':
      case 'JSXFragment':
        // Markup is a value; what its expressions call happens.
        this.jsx(node, state, mayThrow);
        return OBJECT;
      case 'ImportExpression':
        // Loading a module the handler imports lazily (`await import('next-auth')`) answers nobody.
        ev(node.source);
        return OBJECT;
      default:
        throw new Undecidable(`it does not follow ${describeStatement(node)}`, node);
    }
  }

  private jsx(node: TSESTree.JSXElement | TSESTree.JSXFragment, state: State, mayThrow: MayThrow[]): void {
    const attributes = node.type === 'JSXElement' ? node.openingElement.attributes : [];
    for (const attribute of attributes) {
      const value = attribute.type === 'JSXSpreadAttribute' ? attribute.argument : attribute.value;
      if (value?.type === 'JSXExpressionContainer' && value.expression.type !== 'JSXEmptyExpression') this.evaluate(value.expression, state, mayThrow);
      else if (value && value.type !== 'Literal' && value.type !== 'JSXExpressionContainer') this.evaluate(value, state, mayThrow);
    }
    for (const child of node.children) {
      if (child.type === 'JSXElement' || child.type === 'JSXFragment') this.jsx(child, state, mayThrow);
      else if (child.type === 'JSXExpressionContainer' && child.expression.type !== 'JSXEmptyExpression') this.evaluate(child.expression, state, mayThrow);
      else if (child.type === 'JSXSpreadChild') this.evaluate(child.expression, state, mayThrow);
    }
  }

  private identifier(node: TSESTree.Identifier, state: State): Value {
    const variable = this.variableOf.get(node);
    const bound = variable ? state.env.get(variable) : undefined;
    if (bound) return bound;
    if (node.name === 'undefined' && (!variable || !this.declaredInHandler(variable))) return known(undefined);
    // An import, a module constant, a global (`process`, `Math`): the module's, not the request's.
    if (!variable || !this.declaredInHandler(variable)) return MODULE;
    return UNKNOWN;
  }

  private declaredInHandler(variable: VariableLike): boolean {
    const def = variable.defs[0];
    return !!def && def.name.range[0] >= this.input.fn.range[0] && def.name.range[1] <= this.input.fn.range[1];
  }

  private member(node: TSESTree.MemberExpression, state: State, mayThrow: MayThrow[]): Value {
    const object = this.evaluate(node.object, state, mayThrow);
    if (node.computed) this.evaluate(node.property, state, mayThrow);
    if (object.k === 'known' && (object.v === null || object.v === undefined)) {
      if (node.optional) throw new ShortCircuit();
      throw new CertainThrow(node, 'null-read');
    }
    const name = node.computed ? null : staticPropertyName(node);
    if (object.k === 'request') return name !== null && REQUEST_OBJECTS.has(name) ? object : UNKNOWN;
    if (object.k === 'res') return OBJECT;
    if (object.k === 'module') return MODULE;
    if (object.k === 'known' && typeof object.v === 'string' && name === 'length') return known(object.v.length);
    if (object.k === 'known') return known(undefined);
    // A value the request decides may be missing: reading through it may throw, unless with `?.`.
    if (object.k === 'unknown' && !node.optional) mayThrow.push({ node, why: 'missing-value', effects: [...state.effects] });
    return UNKNOWN;
  }

  private logical(node: TSESTree.LogicalExpression, state: State, mayThrow: MayThrow[]): Value {
    const left = this.evaluate(node.left, state, mayThrow);
    const truth = truthiness(left);
    if (node.operator === '??') {
      if (left.k === 'known' && (left.v === null || left.v === undefined)) return this.evaluate(node.right, state, mayThrow);
      if (left.k === 'known' || left.k === 'object' || left.k === 'response') return left;
    } else if (node.operator === '||') {
      if (truth === true) return left;
      if (truth === false) return this.evaluate(node.right, state, mayThrow);
    } else {
      if (truth === false) return left;
      if (truth === true) return this.evaluate(node.right, state, mayThrow);
    }
    // Whether the right side runs depends on the request: both ways must come to the same.
    this.eitherBranch(node, [null, node.right], state, mayThrow);
    return UNKNOWN;
  }

  /**
   * The values of two branches the request chooses between inside an expression (`a ? b : c`, the right side of
   * `x || y`; null for a branch that evaluates nothing). One path cannot carry both, so they must do the same: the
   * same answer written on `res`, neither throwing for certain; otherwise the analysis stops undecided. What either
   * does counts as done.
   */
  private eitherBranch(node: Node, branches: [Node | null, Node], state: State, mayThrow: MayThrow[]): [Value, Value] {
    const results = branches.map((branch) => {
      const s = fork(state);
      if (branch === null) return { value: UNKNOWN, state: s };
      try {
        return { value: this.evaluate(branch, s, mayThrow), state: s };
      } catch (error) {
        if (error instanceof CertainThrow) throw new Undecidable(`it throws on one branch of the expression at line ${node.loc.start.line}`, node);
        throw error;
      }
    });
    const [a, b] = results as [{ value: Value; state: State }, { value: Value; state: State }];
    const answer = (s: State) => JSON.stringify(s.res && { ...s.res, at: s.res.at.range });
    if (answer(a.state) !== answer(b.state)) {
      throw new Undecidable(`the request chooses between branches that answer differently (line ${node.loc.start.line})`, node);
    }
    // What either branch assigned is no longer known.
    for (const variable of new Set([...a.state.env.keys(), ...b.state.env.keys()])) {
      const left = a.state.env.get(variable);
      const right = b.state.env.get(variable);
      state.env.set(variable, JSON.stringify(left) === JSON.stringify(right) && left ? left : UNKNOWN);
    }
    // What either branch may do counts as done.
    state.effects = [...a.state.effects, ...b.state.effects.slice(state.effects.length).filter((e) => !a.state.effects.includes(e))];
    state.res = a.state.res;
    return [a.value, b.value];
  }

  private assignment(node: TSESTree.AssignmentExpression, state: State, mayThrow: MayThrow[]): Value {
    const value = this.evaluate(node.right, state, mayThrow);
    if (node.left.type === 'Identifier') {
      const variable = this.variableOf.get(node.left);
      // A variable of the module outlives the request: writing it is something the next caller sees.
      if (!variable || !this.declaredInHandler(variable)) state.effects.push(`an assignment to ${node.left.name}`);
      else state.env.set(variable, node.operator === '=' ? value : UNKNOWN);
      return value;
    }
    if (node.left.type === 'MemberExpression') {
      const target = this.evaluate(node.left.object, state, mayThrow);
      // A property of an object the handler made (`where.status = status`) is the handler's own business.
      if (target.k !== 'object') state.effects.push(`an assignment to ${calleeText(node.left)}`);
      return value;
    }
    this.bindPattern(node.left, value, state);
    return value;
  }

  private call(node: TSESTree.CallExpression, state: State, mayThrow: MayThrow[]): Value {
    if (this.sessionCallStarts.has(`${node.range[0]}:${node.range[1]}`)) {
      for (const argument of node.arguments) this.evaluate(argument, state, mayThrow);
      // The getter resolves to null without a session; `await` passes that on.
      return known(null);
    }
    const callee = node.callee;
    if (callee.type === 'MemberExpression') {
      const object = this.evaluate(callee.object, state, mayThrow);
      if (object.k === 'known' && (object.v === null || object.v === undefined)) {
        if (callee.optional) throw new ShortCircuit();
        throw new CertainThrow(callee, 'null-read');
      }
      // A method of a value that may be missing: calling it may throw, as reading it would.
      if (object.k === 'unknown' && !callee.optional) mayThrow.push({ node: callee, why: 'missing-value', effects: [...state.effects] });
      const name = staticPropertyName(callee);
      const args = node.arguments.map((a) => this.evaluate(a, state, mayThrow));
      if (object.k === 'res') return this.pagesResponseCall(node, name, args, state);
      if (object.k === 'request') {
        if (name && BODY_READERS.has(name)) return { k: 'body-read' };
        // `searchParams.keys()`, `getAll('x')`: always there; `get('x')`: a read whose answer may be null.
        return name && REQUEST_COLLECTIONS.has(name) ? OBJECT : UNKNOWN;
      }
      if (object.k === 'body-read') {
        // `req.json().catch(() => ({}))` cannot fail; `.then(…)` still may.
        return name === 'catch' ? UNKNOWN : object;
      }
      if (object.k === 'known' && typeof object.v === 'string' && name && STRING_METHODS.has(name)) return UNKNOWN;
      const listed = arrayLiteralSearch(callee.object, name, args);
      if (listed) return listed;
      const text = calleeText(callee);
      if (PURE_GLOBAL_CALLS.has(text) && !this.isLocal(callee.object)) {
        if (THROW_ON_MISSING.has(text) && args.some((a) => a.k === 'unknown')) mayThrow.push({ node, why: 'missing-value', effects: [...state.effects] });
        return UNKNOWN;
      }
      if (name && (name === 'json' || name === 'redirect' || name === 'next') && this.isResponseClass(callee.object)) {
        return { k: 'response', response: this.responseOf(name, node) };
      }
      state.effects.push(`${text}()`);
      mayThrow.push({ node, why: 'call', effects: [...state.effects] });
      return UNKNOWN;
    }
    for (const argument of node.arguments) this.evaluate(argument, state, mayThrow);
    if (callee.type === 'Identifier' && PURE_GLOBAL_CALLS.has(callee.name) && !this.isLocal(callee)) return UNKNOWN;
    if (callee.type !== 'Identifier') this.evaluate(callee, state, mayThrow);
    state.effects.push(`${calleeText(callee)}()`);
    mayThrow.push({ node, why: 'call', effects: [...state.effects] });
    return UNKNOWN;
  }

  private construct(node: TSESTree.NewExpression, state: State, mayThrow: MayThrow[]): Value {
    const args = node.arguments.map((argument) => this.evaluate(argument, state, mayThrow));
    const callee = node.callee;
    if (callee.type === 'Identifier' && !this.isLocal(callee)) {
      if (RESPONSE_CLASSES.has(callee.name)) return { k: 'response', response: this.constructedResponse(node) };
      if (PURE_CONSTRUCTORS.has(callee.name)) {
        if (callee.name !== 'URL') return OBJECT;
        // `new URL(req.url)` is the request's own address; any other string may not be a URL at all.
        if (args[0]?.k === 'request') return { k: 'request' };
        mayThrow.push({ node, why: 'missing-value', effects: [...state.effects] });
        return OBJECT;
      }
    }
    state.effects.push(`new ${calleeText(callee)}()`);
    mayThrow.push({ node, why: 'call', effects: [...state.effects] });
    return OBJECT;
  }

  /** `res.status(401)`, `.setHeader(…)`, `.json(…)`, `.end()`: a pages/api handler writing its answer. */
  private pagesResponseCall(node: TSESTree.CallExpression, name: string | null, args: Value[], state: State): Value {
    if (state.res?.sent && name !== null && ['status', 'setHeader', 'appendHeader', 'json', 'send', 'end', 'redirect'].includes(name)) {
      // The client has its answer; a second one only throws (ERR_HTTP_HEADERS_SENT) on the server.
      state.effects.push(`res.${name}() after the answer was sent`);
      return name === 'status' || name === 'setHeader' || name === 'appendHeader' ? { k: 'res' } : known(undefined);
    }
    const res = state.res ?? { status: 200, headers: false, body: { kind: 'empty' as const }, at: located(node), sent: false };
    const first = node.arguments[0];
    switch (name) {
      case 'status': {
        const status = args[0];
        state.res = { ...res, status: status?.k === 'known' && typeof status.v === 'number' ? status.v : Number.NaN };
        return { k: 'res' };
      }
      case 'setHeader':
      case 'appendHeader':
        state.res = { ...res, headers: true };
        return { k: 'res' };
      case 'json':
        state.res = { ...res, body: first ? staticBody(first, 'json') : null, at: located(node), sent: true };
        return known(undefined);
      case 'send':
        state.res = { ...res, body: first ? staticBody(first, 'send') : { kind: 'empty' }, at: located(node), sent: true };
        return known(undefined);
      case 'end':
        state.res = { ...res, body: first ? staticBody(first, 'send') : { kind: 'empty' }, at: located(node), sent: true };
        return known(undefined);
      case 'redirect':
        state.res = { ...res, status: 307, headers: true, body: null, at: located(node), sent: true };
        return known(undefined);
      default:
        state.effects.push(`res.${name ?? '[…]'}()`);
        return UNKNOWN;
    }
  }

  private responseOf(method: string, node: TSESTree.CallExpression): AnonymousResponse {
    if (method === 'redirect') return { status: literalNumber(node.arguments[1]) ?? 307, body: null, headers: true };
    if (method === 'next') return { status: 200, body: { kind: 'empty' }, headers: true };
    const [body, init] = node.arguments;
    const { status, headers } = responseInit(init);
    return { status, headers, body: body ? staticBody(body, 'json') : null };
  }

  private constructedResponse(node: TSESTree.NewExpression): AnonymousResponse {
    const [body, init] = node.arguments;
    const { status, headers } = responseInit(init);
    const staticValue = !body || (body.type === 'Literal' && body.value === null) ? ({ kind: 'empty' } as const) : staticBody(body, 'send');
    return { status, headers, body: staticValue };
  }

  private isResponseClass(node: Node): boolean {
    return node.type === 'Identifier' && RESPONSE_CLASSES.has(node.name) && !this.isLocal(node);
  }

  /** Whether an identifier names something this module declares (not the global or the `next/server` import). */
  private isLocal(node: Node): boolean {
    if (node.type !== 'Identifier') return false;
    const variable = this.variableOf.get(node);
    const def = variable?.defs[0];
    return !!def && def.type !== 'ImportBinding';
  }
}

/** `['owner', 'admin'].includes(role)`: a search of a list written out, answered when the value is known. */
function arrayLiteralSearch(list: Node, method: string | null, args: readonly Value[]): Value | null {
  if (list.type !== 'ArrayExpression' || (method !== 'includes' && method !== 'indexOf')) return null;
  const items = staticJson(list);
  const [wanted] = args;
  if (!Array.isArray(items) || !wanted) return null;
  if (wanted.k !== 'known') return UNKNOWN;
  return method === 'includes' ? known(items.includes(wanted.v)) : known(items.indexOf(wanted.v));
}

function fork(state: State): State {
  return { env: new Map(state.env), effects: [...state.effects], res: state.res ? { ...state.res } : null };
}

function truthiness(value: Value): boolean | null {
  switch (value.k) {
    case 'known':
      return !!value.v;
    case 'object':
    case 'request':
    case 'res':
    case 'response':
    case 'body-read':
      return value.k === 'request' ? null : true;
    default:
      return null;
  }
}

function strictlyEqual(a: Value, b: Value): boolean | null {
  if (a.k === 'known' && b.k === 'known') return a.v === b.v;
  // A known primitive never equals a fresh object.
  if ((a.k === 'known' && (b.k === 'object' || b.k === 'response')) || (b.k === 'known' && (a.k === 'object' || a.k === 'response'))) return false;
  return null;
}

function looselyEqual(a: Value, b: Value): boolean | null {
  if (a.k === 'known' && b.k === 'known') return a.v == b.v; // eslint-disable-line eqeqeq
  const nullish = (v: Value) => v.k === 'known' && (v.v === null || v.v === undefined);
  if ((nullish(a) && (b.k === 'object' || b.k === 'response')) || (nullish(b) && (a.k === 'object' || a.k === 'response'))) return false;
  return null;
}

function responseInit(init: Node | undefined): { status: number | null; headers: boolean } {
  if (!init) return { status: 200, headers: false };
  if (init.type !== 'ObjectExpression') return { status: null, headers: true };
  let status: number | null = 200;
  let headers = false;
  for (const property of init.properties) {
    if (property.type !== 'Property') return { status: null, headers: true };
    const key = property.key.type === 'Identifier' && !property.computed ? property.key.name : property.key.type === 'Literal' ? String(property.key.value) : null;
    if (key === 'status') status = literalNumber(property.value);
    else if (key === 'headers') headers = true;
    else if (key !== 'statusText') headers = true;
  }
  return { status, headers };
}

function literalNumber(node: Node | undefined): number | null {
  return node?.type === 'Literal' && typeof node.value === 'number' ? node.value : null;
}

/** The body as written: a JSON literal, a string, or null when the code computes it. */
function staticBody(node: Node, as: 'json' | 'send'): AnonymousResponse['body'] {
  const value = staticJson(node);
  if (value === NOT_STATIC) return null;
  if (as === 'send' && typeof value === 'string') return { kind: 'text', value };
  if (as === 'send' && value !== null && typeof value === 'object') return { kind: 'json', value };
  if (as === 'send') return null;
  return { kind: 'json', value };
}

const NOT_STATIC = Symbol('not static');

function staticJson(node: Node): unknown {
  switch (node.type) {
    case 'Literal':
      return ('regex' in node && node.regex) || ('bigint' in node && node.bigint) ? NOT_STATIC : node.value;
    case 'TemplateLiteral':
      return node.expressions.length === 0 ? (node.quasis[0]?.value.cooked ?? NOT_STATIC) : NOT_STATIC;
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
      return staticJson(node.expression);
    case 'ArrayExpression': {
      const items = node.elements.map((e) => (e && e.type !== 'SpreadElement' ? staticJson(e) : NOT_STATIC));
      return items.includes(NOT_STATIC) ? NOT_STATIC : items;
    }
    case 'ObjectExpression': {
      const out: Record<string, unknown> = {};
      for (const property of node.properties) {
        if (property.type !== 'Property' || property.computed || property.kind !== 'init') return NOT_STATIC;
        const key = property.key.type === 'Identifier' ? property.key.name : property.key.type === 'Literal' ? String(property.key.value) : null;
        if (key === null) return NOT_STATIC;
        const value = staticJson(property.value);
        if (value === NOT_STATIC) return NOT_STATIC;
        out[key] = value;
      }
      return out;
    }
    default:
      return NOT_STATIC;
  }
}

function describeStatement(node: Node): string {
  const names: Record<string, string> = { LabeledStatement: 'a labelled statement', WithStatement: 'a with statement' };
  return `${names[node.type] ?? `a ${node.type}`} (line ${node.loc.start.line})`;
}

const located = (node: Node): Located => ({
  range: [node.range[0], node.range[1]],
  loc: { start: { ...node.loc.start }, end: { ...node.loc.end } },
});

