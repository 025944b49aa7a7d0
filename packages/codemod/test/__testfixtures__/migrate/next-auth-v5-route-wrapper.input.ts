import { NextResponse } from 'next/server';
import { auth } from '@/auth';
import { db } from '@/lib/db';

// NextAuth v5 reads the session around the handler and hands it over as req.auth.
export const GET = auth(async (req) => {
  if (!req.auth?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  return NextResponse.json(await db.apiKeys.list(req.auth.user.tenantId));
});

export async function POST(req: Request) {
  const session = await auth();
  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  return NextResponse.json(await db.apiKeys.create(session.user.tenantId, await req.json()));
}
