import fs from 'node:fs'
import path from 'node:path'
import ts from 'typescript'

const APP_DIR = path.resolve(__dirname, '../../../fixtures/example-app')
const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])

interface Finding {
  file: string
  line: number
  column: number
  callee: string
  handlers: string[]
}

function routeFiles(dir = path.join(APP_DIR, 'app')): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return routeFiles(full)
    return entry.name === 'route.ts' ? [full] : []
  })
}

function hasExportModifier(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
}

/** Names under which a route module exports an HTTP method handler. */
function exportedHandlerNames(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)
  const names: string[] = []
  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement) && hasExportModifier(statement) && statement.name) {
      names.push(statement.name.text)
    } else if (ts.isVariableStatement(statement) && hasExportModifier(statement)) {
      for (const decl of statement.declarationList.declarations) if (ts.isIdentifier(decl.name)) names.push(decl.name.text)
    } else if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const spec of statement.exportClause.elements) names.push(spec.name.text)
    }
  }
  return names.filter((name) => HTTP_METHODS.has(name))
}

function readmeCount(readme: string, label: string): number {
  const match = new RegExp(`\\*\\*(\\d+)\\*\\* ${label}`).exec(readme)
  if (!match?.[1]) throw new Error(`README.md does not state "**N** ${label}"`)
  return Number(match[1])
}

describe('fixtures/example-app', () => {
  const readme = fs.readFileSync(path.join(APP_DIR, 'README.md'), 'utf8')
  const files = routeFiles()

  it('typechecks with zero errors against the real next and next-auth types', () => {
    const configPath = path.join(APP_DIR, 'tsconfig.json')
    const { config, error } = ts.readConfigFile(configPath, ts.sys.readFile)
    expect(error).toBeUndefined()
    const parsed = ts.parseJsonConfigFileContent(config, ts.sys, APP_DIR, undefined, configPath)
    expect(parsed.errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([])

    const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options })
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
      const message = ts.flattenDiagnosticMessageText(d.messageText, '\n')
      if (!d.file || d.start === undefined) return `TS${d.code}: ${message}`
      const { line, character } = d.file.getLineAndCharacterOfPosition(d.start)
      return `${path.relative(APP_DIR, d.file.fileName)}:${line + 1}:${character + 1} TS${d.code}: ${message}`
    })
    expect(diagnostics).toEqual([])
    // Guards against a config that silently matches nothing.
    expect(parsed.fileNames.filter((f) => f.endsWith('/route.ts'))).toHaveLength(files.length)
  })

  it('has the number of route files and handlers the README states', () => {
    expect(files.length).toBeGreaterThanOrEqual(45)
    expect(files.length).toBe(readmeCount(readme, 'route files'))

    const handlers = files.flatMap(exportedHandlerNames)
    expect(handlers.length).toBeGreaterThanOrEqual(90)
    expect(handlers.length).toBe(readmeCount(readme, 'exported HTTP handlers'))
  })

  it('has every file the README names', () => {
    const named = [...readme.matchAll(/`((?:app|lib|types)\/[^`\s*]+\.ts)`/g)].map((m) => m[1] as string)
    expect(named.length).toBeGreaterThan(30)
    expect(named.filter((rel) => !fs.existsSync(path.join(APP_DIR, rel)))).toEqual([])
  })

  it('has expected findings that point at the callee, in the documented order and count', () => {
    const findings = JSON.parse(fs.readFileSync(path.join(APP_DIR, 'expected-findings.json'), 'utf8')) as Finding[]
    expect(findings).toHaveLength(readmeCount(readme, 'expected findings'))

    const misplaced = findings.filter((f) => {
      const line = fs.readFileSync(path.join(APP_DIR, f.file), 'utf8').split(/\r?\n/)[f.line - 1] ?? ''
      return !line.startsWith(`${f.callee}(`, f.column - 1)
    })
    expect(misplaced).toEqual([])

    const sorted = [...findings].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line))
    expect(findings).toEqual(sorted)
    for (const f of findings) {
      expect(f.handlers.length).toBeGreaterThan(0)
      expect(f.handlers).toEqual([...f.handlers].sort())
      expect(f.handlers.every((h) => HTTP_METHODS.has(h))).toBe(true)
    }
  })
})
