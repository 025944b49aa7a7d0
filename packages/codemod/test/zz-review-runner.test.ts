import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { resolveConfig } from '@tenant-isolation/core';
import { migrateModule, type MigrateOptions } from '@tenant-isolation/codemod';
import { compareBehaviour } from './support/differential';

const CASES = process.env.REV_CASES ?? '/tmp/rev/cases';
const OUT = process.env.REV_OUT ?? '/tmp/rev/results.json';
const ONLY = process.env.REV_ONLY ? new RegExp(process.env.REV_ONLY) : null;
const CONFIG = resolveConfig({
  optionalContextAccessor: { name: 'getTenantContext', from: '@/lib/tenant-utils' },
  pagesWrappers: [{ name: 'withTenantApiRoute', from: '@/lib/api-wrapper' }],
});
const APP = path.resolve(__dirname, '../../../fixtures/example-app');

interface Case { name: string; filePath: string; source: string }
const cases: Case[] = fs.readdirSync(CASES).filter((f) => /\.(ts|tsx)$/.test(f)).filter((f) => !ONLY || ONLY.test(f)).sort().map((f) => {
  const source = fs.readFileSync(path.join(CASES, f), 'utf8');
  const m = /^\/\/ @path (\S+)/m.exec(source);
  const name = f.replace(/\.(ts|tsx)$/, '');
  const ext = f.endsWith('.tsx') ? 'tsx' : 'ts';
  return { name, source, filePath: m ? m[1]!.replace('NAME', name) : `app/api/zzrev/${name}/route.${ext}` };
});

function syntaxErrors(text: string, file: string): string[] {
  const r = ts.transpileModule(text, { fileName: file, reportDiagnostics: true, compilerOptions: { jsx: ts.JsxEmit.ReactJSX } });
  return (r.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

function typeErrors(files: Map<string, string>): Map<string, string[]> {
  const cfg = ts.getParsedCommandLineOfConfigFile(path.join(APP, 'tsconfig.json'), { noEmit: true }, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
  const overlay = new Map([...files].map(([f, t]) => [path.join(APP, f), t]));
  const host = ts.createCompilerHost(cfg.options);
  const orig = host.getSourceFile;
  host.getSourceFile = (fn, lv, ...rest) => overlay.has(fn) ? ts.createSourceFile(fn, overlay.get(fn)!, lv, true) : orig.call(host, fn, lv, ...rest);
  host.fileExists = ((fe) => (f: string) => overlay.has(f) || fe(f))(host.fileExists);
  host.readFile = ((rf) => (f: string) => overlay.get(f) ?? rf(f))(host.readFile);
  const program = ts.createProgram([...cfg.fileNames.filter((f) => !f.includes('/app/')), ...overlay.keys()], cfg.options, host);
  const out = new Map<string, string[]>();
  for (const [f] of files) {
    const sf = program.getSourceFile(path.join(APP, f));
    if (!sf) { out.set(f, ['(no source file)']); continue; }
    out.set(f, [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)].map((d) => {
      const pos = d.start !== undefined ? sf.getLineAndCharacterOfPosition(d.start) : null;
      return `${pos ? `L${pos.line + 1}: ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    }));
  }
  return out;
}

const strip = (e: string) => e.replace(/^L\d+: /, '');
function added(before: string[], after: string[]): string[] {
  const left = before.map(strip);
  return after.filter((e) => { const i = left.indexOf(strip(e)); if (i >= 0) { left.splice(i, 1); return false; } return true; });
}

it('reviews the adversarial cases', async () => {
  const results: any[] = [];
  const beforeFiles = new Map<string, string>(); const afterFiles = new Map<string, string>();
  for (const c of cases) {
    const res: any = { name: c.name, filePath: c.filePath };
    for (const mode of ['keep', 'wrapper'] as const) {
      const options: MigrateOptions = mode === 'wrapper' ? { anonymousResponse: 'wrapper' } : {};
      let m;
      try { m = migrateModule(c.source, c.filePath, CONFIG, options); }
      catch (e) { res[mode] = { crash: String((e as Error).stack).split('\n').slice(0, 4).join(' | ') }; continue; }
      const r: any = { handlers: m.handlers, error: m.error, statusesAfter: m.statusesAfter };
      if (m.output !== null) {
        r.output = m.output;
        r.syntax = syntaxErrors(m.output, c.filePath);
        const accepted = m.handlers.filter((h) => h.outcome === 'migrated' && h.anonymous !== undefined).map((h) => (c.filePath.startsWith('pages/') ? 'default' : h.handler));
        try {
          const cmp = await compareBehaviour({ source: c.source, filePath: c.filePath }, { source: m.output, filePath: c.filePath }, { anonymousAccepted: accepted });
          r.scenarios = cmp.scenarios;
          r.differences = cmp.differences.map((d) => `${d.scenario}: ${d.why}`);
        } catch (e) { r.harnessError = String(e); }
        if (mode === 'keep') { beforeFiles.set(c.filePath, c.source); afterFiles.set(c.filePath, m.output); }
        else if (m.output !== res.keep?.output) { beforeFiles.set(c.filePath.replace(/(\.tsx?)$/, '.w$1').replace('/route.w', '/w/route'), c.source); afterFiles.set(c.filePath.replace(/(\.tsx?)$/, '.w$1').replace('/route.w', '/w/route'), m.output); }
      }
      res[mode] = r;
    }
    results.push(res);
  }
  if (process.env.REV_TYPES !== '0' && beforeFiles.size > 0) {
    const tb = typeErrors(beforeFiles); const ta = typeErrors(afterFiles);
    for (const [f] of afterFiles) {
      const add = added(tb.get(f) ?? [], ta.get(f) ?? []);
      const res = results.find((r) => r.filePath === f || f.includes(`/${r.name}/`) || f.includes(`/${r.name}.`));
      if (res) (res.typeAdded ??= {})[f] = add;
      if (res) (res.typeBefore ??= {})[f] = tb.get(f);
    }
  }
  fs.writeFileSync(OUT, JSON.stringify(results, null, 2));
}, 3_600_000);
