import { applyEdits, parseModule, type TextEdit } from '@tenant-isolation/core';
import { removeImportsMadeUnused, rewriteWithoutUnusedImports } from '@tenant-isolation/codemod/unused-imports';

/*
 * rewriteWithoutUnusedImports plans the cleanup from the module before the rewrite and checks the plan on the parse
 * of the result; whichever way it gets there, it must give exactly the text removeImportsMadeUnused gives when it
 * reads the rewritten module, and the parse of that text.
 */
const FILE = 'app/api/things/route.ts';

/** Replaces the first occurrence of `from` (after `after`, if given) with `to`. */
function edit(text: string, from: string, to: string, after = ''): TextEdit {
  const start = text.indexOf(from, after ? text.indexOf(after) : 0);
  if (start < 0) throw new Error(`no ${from} in the case`);
  return { start, end: start + from.length, text: to };
}

/** Inserts `text` right after the first occurrence of `anchor`. */
function insertAfter(source: string, anchor: string, text: string): TextEdit {
  const at = source.indexOf(anchor) + anchor.length;
  return { start: at, end: at, text };
}

const HANDLER = `
export async function GET() {
  const session = await getServerSession(authOptions)
  return NextResponse.json({ tenantId: session?.user?.tenantId })
}
`;

const cases: Array<{ name: string; text: string; edits: (text: string) => TextEdit[] }> = [
  {
    name: 'imports of the session read go, a new import goes after an import that stays',
    text: `import { getServerSession } from 'next-auth'\nimport { authOptions } from '@/lib/auth'\nimport { NextResponse } from 'next/server'\n${HANDLER}`,
    edits: (text) => [
      edit(text, 'const session = await getServerSession(authOptions)', 'const ctx = getTenantContext()'),
      edit(text, 'session?.user?.tenantId', 'ctx?.tenantId'),
      insertAfter(text, "from 'next/server'", "\nimport { getTenantContext } from '@/lib/tenant-utils'"),
    ],
  },
  {
    name: 'the new import is anchored after an import that goes',
    text: `import { NextResponse } from 'next/server'\nimport { getServerSession } from 'next-auth'\nimport { authOptions } from '@/lib/auth'\n${HANDLER}`,
    edits: (text) => [
      edit(text, 'const session = await getServerSession(authOptions)', 'const ctx = getTenantContext()'),
      edit(text, 'session?.user?.tenantId', 'ctx?.tenantId'),
      insertAfter(text, "from '@/lib/auth'", "\nimport { getTenantContext } from '@/lib/tenant-utils'"),
    ],
  },
  {
    name: 'one specifier of several goes, a default import and a type stay',
    text: `import NextAuth, { getServerSession, type Session } from 'next-auth'\nimport { authOptions } from '@/lib/auth'\nimport { NextResponse } from 'next/server'\nexport const s: Session | null = null\nexport const n = NextAuth\n${HANDLER}`,
    edits: (text) => [
      edit(text, 'const session = await getServerSession(authOptions)', 'const ctx = getTenantContext()'),
      edit(text, 'session?.user?.tenantId', 'ctx?.tenantId'),
    ],
  },
  {
    name: 'the new text names an import whose references it replaced, so the import stays',
    text: `import { getServerSession } from 'next-auth'\nimport { lib } from '@/lib/auth'\nimport { NextResponse } from 'next/server'\n${HANDLER.replace('(authOptions)', '(lib.authOptions)')}`,
    edits: (text) => [
      edit(text, 'const session = await getServerSession(lib.authOptions)', 'const ctx = getTenantContext()'),
      edit(text, 'session?.user?.tenantId', 'ctx?.tenantId'),
      insertAfter(text, "from 'next/server'", "\nimport { getTenantContext } from '@/lib/tenant-utils'"),
    ],
  },
  {
    name: 'a module loaded by import() whose names the rewrite leaves unread',
    text: `import { authOptions } from '@/lib/auth'\nimport { NextResponse } from 'next/server'\n${HANDLER.replace('  const session', "  const { getServerSession } = await import('next-auth')\n  const session")}`,
    edits: (text) => [
      edit(text, 'const session = await getServerSession(authOptions)', 'const ctx = getTenantContext()'),
      edit(text, 'session?.user?.tenantId', 'ctx?.tenantId'),
    ],
  },
  {
    name: 'an import the rewrite still reads, through the name it inserts, stays',
    text: `import { getServerSession } from 'next-auth'\nimport { authOptions } from '@/lib/auth'\nimport { getTenantContext } from '@/lib/tenant-utils'\nimport { NextResponse } from 'next/server'\nexport const old = () => getTenantContext()\n${HANDLER}`,
    edits: (text) => [
      edit(text, 'getTenantContext()', 'null'),
      edit(text, 'const session = await getServerSession(authOptions)', 'const ctx = getTenantContext()'),
      edit(text, 'session?.user?.tenantId', 'ctx?.tenantId'),
    ],
  },
  {
    name: 'an import used before and after the rewrite stays',
    text: `import { getServerSession } from 'next-auth'\nimport { authOptions } from '@/lib/auth'\nimport { NextResponse } from 'next/server'\nexport const options = authOptions\n${HANDLER}`,
    edits: (text) => [edit(text, 'const session = await getServerSession(authOptions)', 'const session = null as any')],
  },
  {
    name: 'CRLF line endings and a blank line between the imports that go',
    text: `import { getServerSession } from 'next-auth'\r\n\r\nimport { authOptions } from '@/lib/auth'\r\nimport { NextResponse } from 'next/server'\r\n${HANDLER.replace(/\n/g, '\r\n')}`,
    edits: (text) => [
      edit(text, 'const session = await getServerSession(authOptions)', 'const ctx = getTenantContext()'),
      edit(text, 'session?.user?.tenantId', 'ctx?.tenantId'),
    ],
  },
];

describe('rewriteWithoutUnusedImports', () => {
  it.each(cases)('$name: the text of the cleanup that reads the rewritten module, and its parse', ({ text, edits }) => {
    const parsedBefore = parseModule(text, FILE);
    const expected = removeImportsMadeUnused(parsedBefore, applyEdits(text, edits(text)), FILE);
    const result = rewriteWithoutUnusedImports(parsedBefore, text, edits(text), FILE);
    expect(result.text).toBe(expected);
    expect(result.parsed.program.range).toEqual(parseModule(expected, FILE).program.range);
    expect(result.parsed.program.body.map((s) => s.type)).toEqual(parseModule(expected, FILE).program.body.map((s) => s.type));
  });

  it('throws what parseModule throws when the rewrite does not parse', () => {
    const text = `import { getServerSession } from 'next-auth'\nimport { authOptions } from '@/lib/auth'\n${HANDLER}`;
    const parsedBefore = parseModule(text, FILE);
    const edits = [edit(text, 'const session = await getServerSession(authOptions)', 'const ctx = (')];
    expect(() => rewriteWithoutUnusedImports(parsedBefore, text, edits, FILE)).toThrow(/route\.ts:\d+:\d+/);
  });
});
