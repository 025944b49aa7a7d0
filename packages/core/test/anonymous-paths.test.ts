import {
  analyzeModule,
  anonymousPaths,
  answersLikeWrapper,
  describeOutcome,
  isFunctionLike,
  parseModule,
  resolveConfig,
  turnsEveryCallerAway,
  walk,
  type FunctionLike,
} from '@tenant-isolation/core';

/*
 * What a caller without a session gets from a handler, decided from its first statement with the session read
 * answering null: each case states every outcome the analysis finds (one per path), and whether the wrapper may
 * answer in the handler's place.
 */

const config = resolveConfig({});
const WRAPPER = config.anonymousResponse;

function pathsOf(body: string, { pages = false, tsx = false } = {}) {
  const filePath = pages ? 'pages/api/x.ts' : tsx ? 'app/api/x/route.tsx' : 'app/api/x/route.ts';
  const signature = pages ? 'export default async function handler(req: any, res: any)' : 'export async function GET(req: NextRequest)';
  const source = `import { getServerSession } from 'next-auth';
import { NextRequest, NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';
import { audit } from '@/lib/audit'; let hits = 0;
${signature} {
${body}
}
`;
  const parsed = parseModule(source, filePath);
  walk(parsed.program, (node, parent) => {
    if (parent) (node as { parent?: unknown }).parent = parent;
  });
  const [handler] = analyzeModule(parsed.program, parsed.scopeManager, config, { filePath, sourceText: source }).handlers;
  let fn: FunctionLike | undefined;
  walk(parsed.program, (node) => {
    if (!fn && isFunctionLike(node)) fn = node;
  });
  const paths = anonymousPaths({
    fn: fn!,
    scopeManager: parsed.scopeManager,
    sessionCalls: handler!.sessionCalls.map(({ site }) => site),
    pagesApi: pages,
  });
  return {
    outcomes: paths.outcomes.map(describeOutcome),
    undecided: paths.undecided,
    likeWrapper: answersLikeWrapper(paths, WRAPPER),
    turnsAway: turnsEveryCallerAway(paths),
  };
}

const GUARD_401 = `  if (!session) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });`;

describe('anonymousPaths', () => {
  it.each([
    {
      scenario: 'the wrapper\'s own answer right after the read',
      body: `  const session = await getServerSession(authOptions);\n${GUARD_401}\n  return NextResponse.json(await db.list(session.user.tenantId));`,
      expected: { outcomes: ['401 {"error":"Unauthorized"} (line 8)'], undecided: null, likeWrapper: true, turnsAway: true },
    },
    {
      scenario: 'pure reads before the guard: an optional chain, a cast, a default, an alias',
      body: `  const session = await getServerSession(authOptions);
  const role = (session?.user as any)?.role ?? '';
  const user = session?.user;
  if (!user?.id || !hasPermission(role, 'team:view')) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  return NextResponse.json(await db.list(user.tenantId));`,
      expected: { outcomes: ['401 {"error":"Unauthorized"} (line 10)'], undecided: null, likeWrapper: true, turnsAway: true },
    },
    {
      scenario: 'session === null as the guard',
      body: `  const session = await getServerSession(authOptions);\n  if (session === null) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });\n  return NextResponse.json(1);`,
      expected: { outcomes: ['401 {"error":"Unauthorized"} (line 8)'], undecided: null, likeWrapper: true, turnsAway: true },
    },
    {
      scenario: 'a public branch before the read, decided by the query',
      body: `  if (req.nextUrl.searchParams.get('view') === 'public') return NextResponse.json({ public: true });
  const session = await getServerSession(authOptions);\n${GUARD_401}\n  return NextResponse.json(1);`,
      expected: {
        outcomes: ['200 {"public":true} (line 7)', '401 {"error":"Unauthorized"} (line 9)'],
        undecided: null,
        likeWrapper: false,
        turnsAway: false,
      },
    },
    {
      scenario: 'a method check before the read',
      body: `  if (req.method !== 'GET') return NextResponse.json({ error: 'Method not allowed' }, { status: 405 });
  const session = await getServerSession(authOptions);\n${GUARD_401}\n  return NextResponse.json(1);`,
      expected: {
        outcomes: ['405 {"error":"Method not allowed"} (line 7)', '401 {"error":"Unauthorized"} (line 9)'],
        undecided: null,
        likeWrapper: false,
        turnsAway: true,
      },
    },
    {
      scenario: 'another status, a header, another body',
      body: `  const session = await getServerSession(authOptions);
  if (!session) return NextResponse.json({ error: 'Unauthorized' }, { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } });
  return NextResponse.json(1);`,
      expected: { outcomes: ['401 {"error":"Unauthorized"} with headers (line 8)'], undecided: null, likeWrapper: false, turnsAway: true },
    },
    {
      scenario: 'an observable call before the answer',
      body: `  await audit('page-view');\n  const session = await getServerSession(authOptions);\n${GUARD_401}\n  return NextResponse.json(1);`,
      expected: {
        outcomes: ['500 (a call throws, line 7) after audit()', '401 {"error":"Unauthorized"} (line 9) after audit()'],
        undecided: null,
        likeWrapper: false,
        turnsAway: true,
      },
    },
    {
      scenario: 'a throw, and a read of the missing session',
      body: `  const session = await getServerSession(authOptions);
  if (req.nextUrl.searchParams.get('strict')) throw new Error('Unauthorized');
  return NextResponse.json(session.user.id);`,
      expected: {
        outcomes: ['500 (throws, line 8)', '500 (reads a property of the missing session, line 9)'],
        undecided: null,
        likeWrapper: false,
        turnsAway: true,
      },
    },
    {
      scenario: 'a request body that may not parse, and one whose failure is caught',
      body: `  const loose = await req.json().catch(() => ({}));
  const strict = await req.json();
  const session = await getServerSession(authOptions);\n${GUARD_401}\n  return NextResponse.json(1);`,
      expected: {
        outcomes: ['500 (the request body does not parse, line 8)', '401 {"error":"Unauthorized"} (line 10)'],
        undecided: null,
        likeWrapper: false,
        turnsAway: true,
      },
    },
    {
      scenario: 'the read inside try, the catch answering for it',
      body: `  try {
    const session = await getServerSession(authOptions);
    if (!session) throw new Error('no session');
    return NextResponse.json(1);
  } catch {
    return NextResponse.json({ error: 'Internal' }, { status: 500 });
  }`,
      expected: { outcomes: ['500 {"error":"Internal"} (line 12)'], undecided: null, likeWrapper: false, turnsAway: true },
    },
    {
      scenario: 'a read in one case of a switch',
      body: `  switch (req.nextUrl.searchParams.get('format')) {
    case 'csv': {
      const session = await getServerSession(authOptions);\n  ${GUARD_401}
      return NextResponse.json(1);
    }
    default:
      return NextResponse.json({ formats: ['csv'] });
  }`,
      expected: {
        outcomes: ['401 {"error":"Unauthorized"} (line 10)', '200 {"formats":["csv"]} (line 14)'],
        undecided: null,
        likeWrapper: false,
        turnsAway: false,
      },
    },
    {
      scenario: 'a value the request may leave out, read through before the guard: a path that throws',
      body: `  const format = req.nextUrl.searchParams.get('format')!.toLowerCase();
  const session = await getServerSession(authOptions);\n${GUARD_401}\n  return NextResponse.json(format);`,
      expected: {
        outcomes: ['500 (reads a value the request may leave out, line 7)', '401 {"error":"Unauthorized"} (line 9) after req.nextUrl.searchParams.get(…).toLowerCase()'],
        undecided: null,
        likeWrapper: false,
        turnsAway: true,
      },
    },
    {
      scenario: 'objects of the request and the route context are read through safely; a list written out is searched',
      body: `  const { searchParams } = new URL(req.url);
  const view = searchParams.get('view');
  const session = await getServerSession(authOptions);
  const role = session?.user?.role ?? '';
  if (!['owner', 'admin'].includes(role)) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  return NextResponse.json(view);`,
      expected: { outcomes: ['401 {"error":"Unauthorized"} (line 11)'], undecided: null, likeWrapper: true, turnsAway: true },
    },
    {
      scenario: 'a write to the module before the guard is something the next caller sees',
      body: `  hits = hits + 1;\n  const session = await getServerSession(authOptions);\n${GUARD_401}\n  return NextResponse.json(1);`,
      expected: { outcomes: ['401 {"error":"Unauthorized"} (line 9) after an assignment to hits'], undecided: null, likeWrapper: false, turnsAway: true },
    },
    {
      scenario: 'a loop on the way: not running its body, or running it as any turn would',
      body: `  let last = 0;
  for (const id of [1, 2]) last = await db.touch(id);
  const session = await getServerSession(authOptions);\n${GUARD_401}\n  return NextResponse.json(last);`,
      expected: {
        outcomes: ['500 (a call throws, line 8) after db.touch()', '401 {"error":"Unauthorized"} (line 10)', '401 {"error":"Unauthorized"} (line 10) after db.touch()'],
        undecided: null,
        likeWrapper: false,
        turnsAway: true,
      },
    },
    {
      scenario: 'a loop whose turns decide the answer: a return inside it is one more path',
      body: `  for (const key of req.nextUrl.searchParams.keys()) {
    if (key === 'public') return NextResponse.json({ public: true });
  }
  const session = await getServerSession(authOptions);\n${GUARD_401}\n  return NextResponse.json(1);`,
      expected: {
        outcomes: ['200 {"public":true} (line 8)', '401 {"error":"Unauthorized"} (line 11)'],
        undecided: null,
        likeWrapper: false,
        turnsAway: false,
      },
    },
    {
      scenario: 'a labelled statement on the way: not followed, so undecided',
      body: `  scan: for (const id of [1, 2]) if (id) continue scan;\n  const session = await getServerSession(authOptions);\n${GUARD_401}\n  return NextResponse.json(1);`,
      expected: { outcomes: [], undecided: { reason: 'it does not follow a labelled statement (line 7)', line: 7 }, likeWrapper: false, turnsAway: false },
    },
  ])('$scenario', ({ body, expected }) => {
    expect(pathsOf(body)).toEqual(expected);
  });

  it('follows markup and tagged templates: what they call happens, the markup itself is a value', () => {
    expect(
      pathsOf(
        `  const rows = await sql\`select 1\`;
  const session = await getServerSession(authOptions);
  return new ImageResponse(<div title={session?.user?.name ?? 'guest'}>{greet(session?.user?.name)}</div>);`,
        { tsx: true },
      ),
    ).toEqual({
      outcomes: [
        '500 (a call throws, line 7) after sql`…`',
        '500 (a call throws, line 9) after sql`…`, greet()',
        'a computed status (line 9) after sql`…`, greet(), new ImageResponse()',
      ],
      undecided: null,
      likeWrapper: false,
      turnsAway: false,
    });
  });

  it.each([
    {
      scenario: 'a pages handler answering with res.status(401).json(…) and return',
      body: `  const session = await getServerSession(req, res, authOptions);
  if (!session) {
    res.status(401).json({ error: 'Unauthorized' });
    return;
  }
  res.json({ ok: true });`,
      expected: { outcomes: ['401 {"error":"Unauthorized"} (line 9)'], undecided: null, likeWrapper: true, turnsAway: true },
    },
    {
      scenario: 'a pages handler that sets a status and sends nothing: no response',
      body: `  const session = await getServerSession(req, res, authOptions);
  if (!session) {
    res.status(401);
    return;
  }
  res.json({ ok: true });`,
      expected: { outcomes: ['no response (line 10)'], undecided: null, likeWrapper: false, turnsAway: false },
    },
    {
      scenario: 'a pages handler answering a CORS preflight before the read',
      body: `  if (req.method === 'OPTIONS') return res.status(204).end();
  const session = await getServerSession(req, res, authOptions);
  if (!session) return res.status(401).json({ error: 'Unauthorized' });
  return res.json({ ok: true });`,
      expected: {
        outcomes: ['204 (line 7)', '401 {"error":"Unauthorized"} (line 9)'],
        undecided: null,
        likeWrapper: false,
        turnsAway: false,
      },
    },
  ])('$scenario', ({ body, expected }) => {
    expect(pathsOf(body, { pages: true })).toEqual(expected);
  });
});
