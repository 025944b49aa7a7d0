import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveConfig } from '@tenant-isolation/core';
import { migrateModule, type HandlerOutcome, type MigrateOptions } from '@tenant-isolation/codemod';
import ts from 'typescript';

/*
 * One case per scenario in __testfixtures__/migrate: <case>.input.ts and <case>.output.ts (the expected text; a
 * case without an output file must come back unchanged), optionally <case>.config.json (config overrides),
 * <case>.options.json (migrate options) and <case>.outcomes.json (the expected outcome of every handler).
 * A `null` in config.json removes that key from the default config (e.g. `"optionalContextAccessor": null`).
 * Each case runs as the route file app/api/<case>/route.ts (or .tsx/.js with the input's extension), unless
 * <case>.route.json says `{ "path": "pages/api/…" }`. <case>.error.json marks an input that must not parse: the
 * result carries an error matching it and no output. Every expected output is also compiled, imports left
 * unresolved, and must not use a name it does not bind or bind one twice (a missing or duplicate import, a context
 * variable that collides with a parameter) — the mistakes a re-parse cannot see.
 */
const DIR = path.join(__dirname, '__testfixtures__/migrate');
const INPUT = /^(.*)\.input\.(ts|tsx|js)$/;

const DEFAULT_CONFIG = {
  optionalContextAccessor: { name: 'getTenantContext', from: '@/lib/tenant-utils' },
};

/** The default config with config.json laid over it; a null value unsets the key. */
function caseConfig(overrides: Record<string, unknown> | undefined) {
  const merged: Record<string, unknown> = { ...DEFAULT_CONFIG, ...overrides };
  for (const [key, value] of Object.entries(merged)) if (value === null) delete merged[key];
  return resolveConfig(merged);
}

function readJson<T>(file: string): T | undefined {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as T) : undefined;
}

const cases = fs
  .readdirSync(DIR)
  .map((file) => INPUT.exec(file))
  .filter((m): m is RegExpExecArray => m !== null)
  .map((m) => ({ name: m[1]!, ext: m[2]! }))
  .sort((a, b) => a.name.localeCompare(b.name));

/** Unbound names, duplicate declarations, uses before declaration: what a broken rewrite looks like to tsc. */
const BINDING_ERRORS = new Set([2300, 2304, 2440, 2448, 2449, 2450, 2451, 2552]);

let outputProgram: ts.Program | undefined;
function bindingErrors(file: string): string[] {
  outputProgram ??= ts.createProgram(
    cases.map(({ name, ext }) => path.join(DIR, `${name}.output.${ext}`)).filter((f) => fs.existsSync(f)),
    {
      noEmit: true,
      noResolve: true,
      allowJs: true,
      checkJs: true,
      jsx: ts.JsxEmit.Preserve,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      types: [],
    },
  );
  const source = outputProgram.getSourceFile(file)!;
  return [...outputProgram.getSyntacticDiagnostics(source), ...outputProgram.getSemanticDiagnostics(source)]
    .filter((d) => d.file === source && d.category === ts.DiagnosticCategory.Error)
    .filter((d) => d.code < 2000 || BINDING_ERRORS.has(d.code))
    .map((d) => `${source.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
}

describe('migrate fixtures', () => {
  it('has a fixture table to run', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  describe.each(cases)('$name', ({ name, ext }) => {
    const base = path.join(DIR, name);
    const input = fs.readFileSync(`${base}.input.${ext}`, 'utf8');
    const outputFile = `${base}.output.${ext}`;
    const expected = fs.existsSync(outputFile) ? fs.readFileSync(outputFile, 'utf8') : input;
    const config = caseConfig(readJson<Record<string, unknown>>(`${base}.config.json`));
    const options = readJson<MigrateOptions>(`${base}.options.json`) ?? {};
    const filePath = readJson<{ path: string }>(`${base}.route.json`)?.path ?? `app/api/${name}/route.${ext}`;
    const expectedError = readJson<object>(`${base}.error.json`);

    it('rewrites the input into the expected output', () => {
      const result = migrateModule(input, filePath, config, options);
      if (expectedError) {
        expect(result.error).toMatchObject(expectedError);
        expect(result.output).toBeNull();
      } else {
        expect(result.error).toBeUndefined();
      }
      expect(result.output ?? input).toBe(expected);
    });

    it('changes nothing when run again on its own output', () => {
      const again = migrateModule(expected, filePath, config, options);
      expect(again.output ?? expected).toBe(expected);
    });

    if (fs.existsSync(outputFile)) {
      it('expects an output that binds every name it uses exactly once', () => {
        expect(bindingErrors(outputFile)).toEqual([]);
      });
    }

    const outcomes = readJson<HandlerOutcome[]>(`${base}.outcomes.json`);
    if (outcomes) {
      it('says what it did with every handler, and why it left any alone', () => {
        expect(migrateModule(input, filePath, config, options).handlers).toEqual(outcomes);
      });
    }
  });
});
