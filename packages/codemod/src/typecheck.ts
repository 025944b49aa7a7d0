import { createHash } from 'node:crypto';
import * as path from 'node:path';
import ts from 'typescript';
import { UsageError } from './errors';

export interface TypecheckOutcome {
  /** Rewrites that add TypeScript errors, with the errors they add (`file:line:col message`, root-relative). */
  rejected: Map<string, string[]>;
  /** How many times the project was checked: one baseline, then one incremental check per round of restores. */
  checks: number;
  durationMs: number;
}

type DiagnosticKey = string;

/**
 * Checks the project with the rewrites applied in memory, against a baseline of the same project without them,
 * and rejects every rewrite that adds an error: in the rewritten file itself, or in a file that imports it (a test
 * that calls `GET(req)` with one argument). Rejected rewrites are dropped and the rest checked again, incrementally
 * (a semantic-diagnostics builder re-checks only the files a change affects), until no rewrite adds an error.
 */
export function typecheckRewrites(root: string, rewrites: ReadonlyMap<string, string>, tsconfigPath?: string): TypecheckOutcome {
  const started = Date.now();
  const configFile = path.resolve(root, tsconfigPath ?? 'tsconfig.json');
  const parsed = readTsconfig(configFile);
  const overlay = new Map<string, string>();
  for (const [file, text] of rewrites) overlay.set(path.resolve(root, file), text);

  const baseHost = ts.createCompilerHost(parsed.options);
  const host = overlayHost(baseHost, overlay);
  let active = false;
  const withOverlay = (on: boolean) => {
    active = on;
  };
  host.readFile = (file) => (active && overlay.has(path.resolve(file)) ? overlay.get(path.resolve(file)) : baseHost.readFile(file));

  withOverlay(false);
  let builder = ts.createSemanticDiagnosticsBuilderProgram(parsed.fileNames, parsed.options, host);
  const baseline = diagnosticKeys(builder);
  let checks = 1;
  const rejected = new Map<string, string[]>();

  for (;;) {
    if (overlay.size === 0) break;
    withOverlay(true);
    builder = ts.createSemanticDiagnosticsBuilderProgram(parsed.fileNames, parsed.options, host, builder);
    checks++;
    const added = newDiagnostics(builder, baseline);
    if (added.length === 0) break;
    const culprits = attribute(added, overlay, builder.getProgram(), parsed.options, host);
    for (const [file, errors] of culprits) {
      overlay.delete(file);
      rejected.set(toRootRelative(root, file), errors.map((d) => formatDiagnostic(root, d)));
    }
  }
  return { rejected, checks, durationMs: Date.now() - started };
}

function readTsconfig(configFile: string): ts.ParsedCommandLine {
  if (!ts.sys.fileExists(configFile)) {
    throw new UsageError(`--typecheck needs a tsconfig.json: ${configFile} does not exist (pass --tsconfig <file>).`);
  }
  const problems: string[] = [];
  const parsed = ts.getParsedCommandLineOfConfigFile(configFile, { noEmit: true }, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => problems.push(ts.flattenDiagnosticMessageText(d.messageText, '\n')),
  });
  if (!parsed || problems.length > 0) throw new UsageError(`Cannot read ${configFile}: ${problems.join('; ')}`);
  return parsed;
}

function overlayHost(base: ts.CompilerHost, overlay: Map<string, string>): ts.CompilerHost {
  const host: ts.CompilerHost = { ...base };
  // Each check builds a new program; parsing every file (lib.d.ts, next's types…) again would cost more than the
  // check itself, so a file is parsed once per distinct text.
  const parsed = new Map<string, ts.SourceFile>();
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const text = host.readFile(fileName);
    if (text === undefined) return base.getSourceFile(fileName, languageVersion, onError, shouldCreate);
    const cached = parsed.get(fileName);
    if (cached && cached.text === text) return cached;
    const source = ts.createSourceFile(fileName, text, languageVersion);
    // The builder tells changed files from unchanged ones by this version.
    (source as ts.SourceFile & { version: string }).version = createHash('sha1').update(text).digest('hex');
    parsed.set(fileName, source);
    return source;
  };
  host.fileExists = (file) => overlay.has(path.resolve(file)) || base.fileExists(file);
  return host;
}

function allDiagnostics(builder: ts.SemanticDiagnosticsBuilderProgram): ts.Diagnostic[] {
  return [...builder.getSyntacticDiagnostics(), ...builder.getSemanticDiagnostics()];
}

/** Positions shift inside a rewritten file, so diagnostics compare by file, code and message. */
function keyOf(d: ts.Diagnostic): DiagnosticKey {
  return `${d.file?.fileName ?? ''}\0${d.code}\0${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
}

function diagnosticKeys(builder: ts.SemanticDiagnosticsBuilderProgram): Map<DiagnosticKey, number> {
  const keys = new Map<DiagnosticKey, number>();
  for (const d of allDiagnostics(builder)) keys.set(keyOf(d), (keys.get(keyOf(d)) ?? 0) + 1);
  return keys;
}

function newDiagnostics(builder: ts.SemanticDiagnosticsBuilderProgram, baseline: Map<DiagnosticKey, number>): ts.Diagnostic[] {
  const remaining = new Map(baseline);
  const added: ts.Diagnostic[] = [];
  for (const d of allDiagnostics(builder)) {
    const key = keyOf(d);
    const left = remaining.get(key) ?? 0;
    if (left > 0) remaining.set(key, left - 1);
    else added.push(d);
  }
  return added;
}

/**
 * Which rewrites caused the new errors: the rewritten file an error is in, else the rewritten files the erroring
 * file imports (directly first, then transitively). An error that cannot be traced is pinned on every rewrite.
 */
function attribute(
  added: ts.Diagnostic[],
  overlay: Map<string, string>,
  program: ts.Program,
  options: ts.CompilerOptions,
  host: ts.CompilerHost,
): Map<string, ts.Diagnostic[]> {
  const culprits = new Map<string, ts.Diagnostic[]>();
  const blame = (file: string, d: ts.Diagnostic) => culprits.set(file, [...(culprits.get(file) ?? []), d]);
  for (const d of added) {
    const file = d.file ? path.resolve(d.file.fileName) : null;
    if (file && overlay.has(file)) {
      blame(file, d);
      continue;
    }
    const suspects = file ? rewrittenDependencies(file, overlay, program, options, host) : [];
    for (const suspect of suspects.length > 0 ? suspects : [...overlay.keys()]) blame(suspect, d);
  }
  return culprits;
}

function rewrittenDependencies(
  file: string,
  overlay: Map<string, string>,
  program: ts.Program,
  options: ts.CompilerOptions,
  host: ts.CompilerHost,
): string[] {
  const seen = new Set<string>([file]);
  let frontier = [file];
  while (frontier.length > 0) {
    const found: string[] = [];
    const next: string[] = [];
    for (const current of frontier) {
      const source = program.getSourceFile(current);
      if (!source) continue;
      for (const spec of ts.preProcessFile(source.text, true, true).importedFiles) {
        const resolved = ts.resolveModuleName(spec.fileName, current, options, host).resolvedModule?.resolvedFileName;
        if (!resolved) continue;
        const absolute = path.resolve(resolved);
        if (seen.has(absolute)) continue;
        seen.add(absolute);
        if (overlay.has(absolute)) found.push(absolute);
        else next.push(absolute);
      }
    }
    if (found.length > 0) return found;
    frontier = next;
  }
  return [];
}

const toRootRelative = (root: string, file: string): string => path.relative(root, file).split(path.sep).join('/');

function formatDiagnostic(root: string, d: ts.Diagnostic): string {
  const message = ts.flattenDiagnosticMessageText(d.messageText, ' ');
  if (!d.file || d.start === undefined) return `TS${d.code}: ${message}`;
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  return `${toRootRelative(root, d.file.fileName)}:${line + 1}:${character + 1} TS${d.code}: ${message}`;
}
