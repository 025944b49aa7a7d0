import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const APP = path.resolve(__dirname, '../../../fixtures/example-app');
const RULE = 'tenant-isolation/require-tenant-context';

interface Finding {
  file: string;
  line: number;
  column: number;
  callee: string;
  handlers: string[];
}

/** Reads back the handler names and callee from the rule's message, the parts a reviewer checks. */
function findingFrom(file: string, message: ESLint.LintResult['messages'][number]): Finding {
  const match = /^(.+?)\(\) reads the session in route handlers? (.+?)(?: \(through .+\))? outside /.exec(
    message.message,
  );
  if (!match) throw new Error(`unexpected message at ${file}:${message.line}: ${message.message}`);
  const handlers = match[2]!.split(/, | and /).map((h) => h.replace(/^'|'$/g, ''));
  return { file, line: message.line, column: message.column, callee: match[1]!, handlers };
}

/** The app linted once, through its own eslint.config.mjs, for every rule's expectations below. */
let results: ESLint.LintResult[];

beforeAll(async () => {
  results = await new ESLint({ cwd: APP }).lintFiles(['.']);
});

describe('require-tenant-context on the example app', () => {
  it('reports exactly the hand-written expected findings, through the app\'s own eslint.config.mjs', () => {
    const fatal = results.flatMap((r) => r.messages.filter((m) => m.fatal).map((m) => `${r.filePath}: ${m.message}`));
    expect(fatal).toEqual([]);
    const actual = results
      .flatMap((r) =>
        r.messages.filter((m) => m.ruleId === RULE).map((m) => findingFrom(path.relative(APP, r.filePath).split(path.sep).join('/'), m)),
      )
      .sort((a, b) => (a.file === b.file ? a.line - b.line || a.column - b.column : a.file < b.file ? -1 : 1));
    const expected = JSON.parse(fs.readFileSync(path.join(APP, 'expected-findings.json'), 'utf8')) as Finding[];
    expect(actual).toEqual(expected);
  });
});

describe('no-client-tenant-id on the example app', () => {
  it('reports the branding route, whose anonymous callers name a workspace in the query string, and the two purchasing routes that take the tenant from the request', () => {
    const actual = results.flatMap((r) =>
      r.messages
        .filter((m) => m.ruleId === 'tenant-isolation/no-client-tenant-id')
        .map((m) => ({ file: path.relative(APP, r.filePath).split(path.sep).join('/'), line: m.line, column: m.column, message: m.message })),
    );
    expect(actual).toEqual([
      {
        file: 'app/api/purchasing/orders/export/route.ts',
        line: 18,
        column: 21,
        message:
          'Tenant id `tenantId` is taken from the query string, which the caller controls. Use requireTenantContext().tenantId instead.',
      },
      {
        file: 'app/api/purchasing/suppliers/import/route.ts',
        line: 30,
        column: 19,
        message:
          'Tenant id `tenantId` is taken from the request body, which the caller controls. Use requireTenantContext().tenantId instead.',
      },
      {
        file: 'app/api/settings/branding/route.ts',
        line: 18,
        column: 18,
        message:
          'Tenant id `tenant` is taken from the query string, which the caller controls. Use requireTenantContext().tenantId instead.',
      },
    ]);
  });
});

interface QueryFinding {
  file: string;
  line: number;
  column: number;
  messageId: string;
  model: string;
  operation: string;
}

describe('require-tenant-scoped-query on the example app', () => {
  const expected = JSON.parse(fs.readFileSync(path.join(APP, 'expected-query-findings.json'), 'utf8')) as {
    queries: number;
    scoped: number;
    findings: QueryFinding[];
  };

  it('reports exactly the hand-written expected findings of the purchasing routes, through the app\'s own eslint.config.mjs', () => {
    const actual = results
      .flatMap((r) =>
        r.messages
          .filter((m) => m.ruleId === 'tenant-isolation/require-tenant-scoped-query')
          .map((m) => ({ file: path.relative(APP, r.filePath).split(path.sep).join('/'), line: m.line, column: m.column, messageId: m.messageId })),
      )
      .sort((a, b) => (a.file === b.file ? a.line - b.line || a.column - b.column : a.file < b.file ? -1 : 1));
    expect(actual).toEqual(expected.findings.map(({ file, line, column, messageId }) => ({ file, line, column, messageId })));
    expect(expected.findings).toHaveLength(expected.queries - expected.scoped);
  });
});

describe('prefer-tenant-context on the example app', () => {
  it('reports the session read of the one partial handler whose read no unwrapped handler shares', () => {
    const actual = results.flatMap((r) =>
      r.messages
        .filter((m) => m.ruleId === 'tenant-isolation/prefer-tenant-context')
        .map((m) => ({
          file: path.relative(APP, r.filePath).split(path.sep).join('/'),
          line: m.line,
          column: m.column,
          severity: m.severity,
          message: m.message,
          suggestions: m.suggestions?.map((s) => s.desc),
        })),
    );
    // The partial GET of projects/[projectId]/budget shares its helper with the unwrapped PUT: require-tenant-context's.
    expect(actual).toEqual([
      {
        file: 'app/api/notifications/stream/route.ts',
        line: 15,
        column: 25,
        severity: 1,
        message:
          "getServerSession() reads the session in route handler 'GET' inside withTenantContext(), which has already verified it. Read the tenant from requireTenantContext() instead.",
        suggestions: ['Read the tenant context from `ctx`, which the handler already has, instead of getServerSession()'],
      },
    ]);
  });
});
