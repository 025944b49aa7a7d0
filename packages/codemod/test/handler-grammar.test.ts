import { analyzeModule, parseModule, resolveConfig } from '@tenant-isolation/core';
import ts from 'typescript';
import { BEHAVIOUR_SEED, GRAMMAR_CHOICES, generateRoute, generateRoutes, type GeneratedRoute } from './support/handler-grammar';

/*
 * The generated route modules are only worth testing the codemod and the rules against if they are what an app
 * would hold: the same text for the same seed, code that parses and binds every name it uses, handlers the
 * analyzer sees, and, across the modules of the shared seed, every idiom the grammar knows.
 */
const MODULES = 600;
const routes = generateRoutes(BEHAVIOUR_SEED, MODULES);

/** Unbound names, duplicate declarations, uses before declaration: the mistakes a parse alone lets through. */
const BINDING_ERRORS = new Set([2300, 2304, 2440, 2448, 2449, 2450, 2451, 2552]);

/** Syntax and binding errors of every module, compiled together with imports left unresolved. */
function compileErrors(modules: readonly GeneratedRoute[]): string[] {
  const byFile = new Map(modules.map((m) => [`/generated/${m.filePath}`, m]));
  const options: ts.CompilerOptions = {
    noEmit: true,
    noResolve: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (file) => byFile.get(file)?.source ?? readFile(file);
  host.fileExists = (file) => byFile.has(file) || ts.sys.fileExists(file);
  host.getSourceFile = (file, languageVersion, onError) => {
    const generated = byFile.get(file);
    return generated ? ts.createSourceFile(file, generated.source, languageVersion, true) : getSourceFile(file, languageVersion, onError);
  };
  const program = ts.createProgram([...byFile.keys()], options, host);
  return [...byFile].flatMap(([file, { id }]) => {
    const source = program.getSourceFile(file)!;
    return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]
      .filter((d) => d.category === ts.DiagnosticCategory.Error && (d.code < 2000 || BINDING_ERRORS.has(d.code)))
      .map((d) => `${id}:${source.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
  });
}

describe('the route module grammar', () => {
  it('writes the same modules from the same seed, other modules from another seed, and each module alone as in the list', () => {
    expect(generateRoutes(BEHAVIOUR_SEED, MODULES)).toEqual(routes);
    expect(generateRoute(BEHAVIOUR_SEED, 417)).toEqual(routes[417]);
    const sameUnderAnotherSeed = generateRoutes(BEHAVIOUR_SEED + 1, MODULES).filter((route, i) => route.source === routes[i]!.source);
    expect(sameUnderAnotherSeed.map((route) => route.id)).toEqual([]);
  });

  it('writes modules that parse', () => {
    const failures = routes.flatMap((route) => {
      try {
        parseModule(route.source, route.filePath);
        return [];
      } catch (error) {
        return [`${route.id}: ${(error as Error).message}`];
      }
    });
    expect(failures).toEqual([]);
  });

  it('writes modules that TypeScript compiles without a syntax error, an unbound name or a name bound twice', () => {
    expect(compileErrors(routes)).toEqual([]);
  });

  it('writes every handler it names where the analyzer finds it, and no other', () => {
    const config = resolveConfig({});
    const mismatches = routes.flatMap((route) => {
      const { program, scopeManager } = parseModule(route.source, route.filePath);
      const found = analyzeModule(program, scopeManager, config, { filePath: route.filePath, sourceText: route.source }).handlers.map((h) => h.name);
      const written = route.handlers.map((h) => h.name);
      return found.join() === written.join() ? [] : [`${route.id}: wrote ${written.join(', ')}, analyzer found ${found.join(', ')}`];
    });
    expect(mismatches).toEqual([]);
  });

  it('uses every choice of the grammar, and only those, in the modules of the shared seed', () => {
    const used = new Set(routes.flatMap((route) => route.idioms));
    expect(GRAMMAR_CHOICES.filter((choice) => !used.has(choice))).toEqual([]);
    expect([...used].filter((idiom) => !GRAMMAR_CHOICES.includes(idiom))).toEqual([]);
  });

  it('writes about a fifth of the modules for pages/api and a third without semicolons, as the grammar weighs them', () => {
    const share = (idiom: string) => routes.filter((route) => route.idioms.includes(idiom)).length / MODULES;
    expect(share('router:pages')).toBeGreaterThan(0.15);
    expect(share('router:pages')).toBeLessThan(0.25);
    expect(share('punctuation:no-semicolons')).toBeGreaterThan(0.28);
    expect(share('punctuation:no-semicolons')).toBeLessThan(0.38);
  });
});
