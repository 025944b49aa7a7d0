import {
  analyzeModule,
  applyEdits,
  continuesExpressionAt,
  detectCodeStyle,
  findImport,
  newImportAnchor,
  parseModule,
  wrappersFor,
  type CodeStyle,
  type HandlerAnalysis,
  type HandlerStatus,
  type ImportSpec,
  type Node,
  type ParsedModule,
  type TenantIsolationConfig,
  type TextEdit,
} from '@tenant-isolation/core';
import type { TSESTree } from '@typescript-eslint/types';

/** A handler the route file takes from another module, to wrap where the route exports it. */
export interface RouteWrapRequest {
  handler: string;
  /** False adds `{ requireAuth: false }`: callers without a session still reach the handler, which answers them. */
  requireAuth: boolean;
}

export interface RouteWrapResult {
  /** The route file's new text, or null when nothing could be wrapped. */
  output: string | null;
  /** The status of every handler of the route file in the new text (its old statuses when nothing changed). */
  statusesAfter: HandlerStatus[];
  /** Why a requested handler could not be wrapped, by handler name. */
  failures: Map<string, string>;
}

type Parented = Node & { parent?: Node };
type ReexportStatement = TSESTree.ExportNamedDeclaration & { source: TSESTree.StringLiteral };

/**
 * Wraps handlers that a route file takes from another module in the route file itself, leaving that module as it
 * is: `export { default } from 'm'` becomes `import handler from 'm'` and `export default withTenantApiRoute(handler)`,
 * `import handler from 'm'; export default handler` becomes `export default withTenantApiRoute(handler)`. Pure:
 * text in, text out.
 */
export function wrapHandlersAtRoute(
  source: string,
  filePath: string,
  config: TenantIsolationConfig,
  requests: readonly RouteWrapRequest[],
): RouteWrapResult {
  const bom = source.startsWith('\uFEFF') ? '\uFEFF' : '';
  const text = bom ? source.slice(1) : source;
  const parsed = parseModule(text, filePath);
  const analysis = analyzeModule(parsed.program, parsed.scopeManager, config, { filePath, sourceText: text });
  const statusesBefore = analysis.handlers.map((h) => h.status);
  const wrapping = new RouteWrapping(text, filePath, parsed, config, wrappersFor(analysis.routeKind, config)[0]!);
  const failures = new Map<string, string>();
  const planned: Array<{ request: RouteWrapRequest; handler: HandlerAnalysis }> = [];
  for (const request of requests) {
    const handler = analysis.handlers.find((h) => h.name === request.handler);
    const problem = !handler
      ? 'the route file no longer exports it'
      : handler.wrapped
        ? 'it is already wrapped'
        : handler.source.kind !== 're-export' && handler.source.kind !== 'imported'
          ? 'it is not taken from another module'
          : wrapping.clash();
    if (problem) failures.set(request.handler, problem);
    else planned.push({ request, handler: handler! });
  }
  const unchanged = (): RouteWrapResult => ({ output: null, statusesAfter: statusesBefore, failures });
  const edits: TextEdit[] = [];
  for (const { request, handler } of planned) {
    const located = wrapping.locate(handler);
    if (typeof located === 'string') failures.set(request.handler, located);
    else located.wraps.push({ handler, requireAuth: request.requireAuth });
  }
  edits.push(...wrapping.edits());
  if (edits.length === 0) return unchanged();
  const output = applyEdits(text, edits);
  let after: ParsedModule;
  try {
    after = parseModule(output, filePath);
  } catch (error) {
    for (const { request } of planned) failures.set(request.handler, `the wrapped route file did not parse (${(error as Error).message}); please report this module`);
    return unchanged();
  }
  const handlersAfter = analyzeModule(after.program, after.scopeManager, config, { filePath, sourceText: output }).handlers;
  const notWrapped = planned.filter(({ request }) => !failures.has(request.handler) && !handlersAfter.find((h) => h.name === request.handler)?.wrapped);
  if (notWrapped.length > 0) {
    for (const { request } of planned) {
      if (!failures.has(request.handler)) failures.set(request.handler, `internal error: wrapping it in the route file left ${notWrapped[0]!.request.handler} unwrapped; please report this module`);
    }
    return unchanged();
  }
  return { output: bom + output, statusesAfter: handlersAfter.map((h) => h.status), failures };
}

/** One place in the route file where handlers are exported: an `export { … }` statement, or an expression to wrap. */
type ExportSite =
  | { kind: 'specifiers'; statement: TSESTree.ExportNamedDeclaration; wraps: SiteWrap[] }
  | { kind: 'expression'; node: TSESTree.Identifier; wraps: SiteWrap[] };

interface SiteWrap {
  handler: HandlerAnalysis;
  requireAuth: boolean;
}

class RouteWrapping {
  private readonly style: CodeStyle;
  private readonly usedNames = new Set<string>();
  private readonly sites = new Map<Node, ExportSite>();
  private readonly wrapperName: string;
  private readonly wrapperImported: boolean;

  constructor(
    private readonly text: string,
    private readonly filePath: string,
    private readonly parsed: ParsedModule,
    private readonly config: TenantIsolationConfig,
    private readonly wrapper: ImportSpec,
  ) {
    this.style = detectCodeStyle(text, parsed.program);
    const moduleScope = parsed.scopeManager.globalScope?.childScopes[0];
    for (const variable of moduleScope?.variables ?? []) this.usedNames.add(variable.name);
    for (const reference of parsed.scopeManager.globalScope?.through ?? []) this.usedNames.add(reference.identifier.name);
    const found = findImport(parsed.program, wrapper, filePath).localName;
    this.wrapperImported = found !== null;
    this.wrapperName = found ?? wrapper.name;
  }

  /** Why the wrapper cannot be imported under its own name here, if it cannot. */
  clash(): string | null {
    if (this.wrapperImported || !this.usedNames.has(this.wrapper.name)) return null;
    const from = typeof this.wrapper.from === 'string' ? this.wrapper.from : this.wrapper.from[0]!;
    return `the route file already binds \`${this.wrapper.name}\` to something other than the import from '${from}'; rename it, then run the codemod again`;
  }

  /** The place the handler is exported from, or why it cannot be wrapped there. */
  locate(handler: HandlerAnalysis): ExportSite | string {
    const source = handler.source;
    if (source.kind === 're-export') {
      const statement = this.parsed.program.body.find(
        (s): s is ReexportStatement =>
          s.type === 'ExportNamedDeclaration' && s.source !== null && s.specifiers.some((sp) => sameRange(sp, handler.exportNode)),
      );
      if (!statement) return 'its `export … from` statement could not be located';
      return this.site(statement, () => ({ kind: 'specifiers', statement, wraps: [] }));
    }
    if (source.kind !== 'imported') return 'it is not taken from another module';
    const reference = this.importReferenceIn(handler, source.from, source.importedName);
    if (typeof reference === 'string') return reference;
    const parent = (reference as Parented).parent;
    if (parent?.type === 'ExportSpecifier') {
      const statement = (parent as Parented).parent as TSESTree.ExportNamedDeclaration;
      return this.site(statement, () => ({ kind: 'specifiers', statement, wraps: [] }));
    }
    return this.site(reference, () => ({ kind: 'expression', node: reference, wraps: [] }));
  }

  edits(): TextEdit[] {
    const edits: TextEdit[] = [];
    for (const site of this.sites.values()) {
      if (site.wraps.length === 0) continue;
      if (site.kind === 'expression') {
        // Several handlers exported through one name (`export { h as GET, h as POST }` goes through specifiers).
        const requireAuth = site.wraps.every((w) => w.requireAuth);
        edits.push({ start: site.node.range[0], end: site.node.range[0], text: `${this.wrapperName}(` });
        edits.push({ start: site.node.range[1], end: site.node.range[1], text: `${requireAuth ? '' : ', { requireAuth: false }'})` });
      } else {
        edits.push(this.specifierSiteEdit(site.statement, site.wraps));
      }
    }
    if (edits.length > 0 && !this.wrapperImported) edits.push(...this.wrapperImport(edits));
    return edits;
  }

  // ── edits ───────────────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Replaces an `export { … }` statement: the specifiers of wrapped handlers leave it (the statement goes when none
   * is left), an import brings in what they re-exported, and each handler is exported wrapped after it.
   */
  private specifierSiteEdit(statement: TSESTree.ExportNamedDeclaration, wraps: readonly SiteWrap[]): TextEdit {
    const { semicolon, eol } = this.style;
    const wrapped = new Set(wraps.map((w) => w.handler.name));
    const exportedName = (s: TSESTree.ExportSpecifier): string => (s.exported.type === 'Identifier' ? s.exported.name : s.exported.value);
    const kept = statement.specifiers.filter((s) => !wrapped.has(exportedName(s)));
    const lines: string[] = [];
    const wrappedExports: string[] = [];
    const sourceText = statement.source ? this.text.slice(statement.source.range[0], statement.source.range[1]) : null;
    const defaultImport: string[] = [];
    const namedImports: string[] = [];
    // One local per re-exported name: `export { h as GET, h as POST } from 'm'` imports `h` once.
    const locals = new Map<string, string>();
    for (const s of statement.specifiers) {
      const name = exportedName(s);
      const wrap = wraps.find((w) => w.handler.name === name);
      if (!wrap) continue;
      const local = s.local.type === 'Identifier' ? s.local.name : s.local.value;
      let value = local;
      if (sourceText !== null) {
        value = locals.get(local) ?? this.freshName(local, name);
        if (!locals.has(local)) {
          locals.set(local, value);
          if (local === 'default') defaultImport.push(value);
          else namedImports.push(local === value ? value : `${local} as ${value}`);
        }
      }
      const call = `${this.wrapperName}(${value}${wrap.requireAuth ? '' : ', { requireAuth: false }'})`;
      wrappedExports.push(name === 'default' ? `export default ${call}` : `export const ${name} = ${call}`);
    }
    if (sourceText !== null) {
      const clause = [...defaultImport, ...(namedImports.length > 0 ? [`{ ${namedImports.join(', ')} }`] : [])].join(', ');
      lines.push(`import ${clause} from ${sourceText}${semicolon}`);
    }
    if (kept.length > 0) {
      const specifiers = kept.map((s) => this.text.slice(s.range[0], s.range[1])).join(', ');
      lines.push(`export { ${specifiers} }${sourceText !== null ? ` from ${sourceText}` : ''}${semicolon}`);
    }
    // The last line is an expression statement: in a file without semicolons, one the next line would continue needs one.
    const last = semicolon || (continuesExpressionAt(this.text, statement.range[1]) ? ';' : '');
    lines.push(...wrappedExports.map((line, i) => `${line}${i === wrappedExports.length - 1 ? last : semicolon}`));
    return { start: statement.range[0], end: statement.range[1], text: lines.join(eol) };
  }

  /** The import of the wrapper: into an existing import of its module, else after the last import. */
  private wrapperImport(edits: TextEdit[]): TextEdit[] {
    const { quote, semicolon, eol } = this.style;
    const found = findImport(this.parsed.program, this.wrapper, this.filePath);
    const named = found.declaration?.specifiers.filter((s) => s.type === 'ImportSpecifier').at(-1);
    if (found.declaration && named) return [{ start: named.range[1], end: named.range[1], text: `, ${this.wrapper.name}` }];
    const module = found.declaration ? found.declaration.source.value : typeof this.wrapper.from === 'string' ? this.wrapper.from : this.wrapper.from[0]!;
    const statement = `import { ${this.wrapper.name} } from ${quote}${module}${quote}${semicolon}`;
    const anchor = newImportAnchor(this.parsed.program);
    if (anchor) return [{ start: anchor.range[1], end: anchor.range[1], text: `${eol}${statement}` }];
    // At the top of the file. A replacement that starts there too would swallow an insertion: it takes the import.
    const atTop = edits.find((e) => e.start === 0 && e.end > 0);
    if (atTop) {
      atTop.text = `${statement}${eol}${atTop.text}`;
      return [];
    }
    return [{ start: 0, end: 0, text: `${statement}${eol}` }];
  }

  // ── helpers ─────────────────────────────────────────────────────────────────────────────────────────────────

  private site(key: Node, create: () => ExportSite): ExportSite {
    let site = this.sites.get(key);
    if (!site) {
      site = create();
      this.sites.set(key, site);
    }
    return site;
  }

  /** The one reference to the imported binding that the handler's export is made of. */
  private importReferenceIn(handler: HandlerAnalysis, from: string, importedName: string): TSESTree.Identifier | string {
    const moduleScope = this.parsed.scopeManager.globalScope?.childScopes[0];
    const variable = moduleScope?.variables.find((v) =>
      v.defs.some((def) => {
        if (def.type !== 'ImportBinding') return false;
        const declaration = def.parent as TSESTree.ImportDeclaration;
        const specifier = def.node as TSESTree.ImportClause;
        if (declaration.source.value !== from) return false;
        if (specifier.type === 'ImportDefaultSpecifier') return importedName === 'default';
        if (specifier.type !== 'ImportSpecifier') return false;
        return (specifier.imported.type === 'Identifier' ? specifier.imported.name : specifier.imported.value) === importedName;
      }),
    );
    const [start, end] = handler.exportNode.range;
    const references = (variable?.references ?? [])
      .map((r) => r.identifier as TSESTree.Identifier)
      .filter((id) => id.range[0] >= start && id.range[1] <= end);
    if (references.length !== 1) return `the imported \`${importedName}\` could not be located in its export`;
    return references[0]!;
  }

  /** A name for a re-exported handler's import that the route file does not use yet. */
  private freshName(imported: string, exported: string): string {
    const preferred = imported === 'default' ? 'handler' : imported !== exported ? imported : `${exported.toLowerCase()}Handler`;
    let name = preferred;
    for (let i = 2; this.usedNames.has(name); i++) name = `${preferred}${i}`;
    this.usedNames.add(name);
    return name;
  }
}

function sameRange(node: Node, located: { range: readonly [number, number] }): boolean {
  return node.range[0] === located.range[0] && node.range[1] === located.range[1];
}
