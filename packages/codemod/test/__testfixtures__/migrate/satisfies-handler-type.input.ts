import { getServerSession } from 'next-auth';
import { NextRequest, NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

type Handler = (req: NextRequest) => Promise<Response>;

export const GET = (async (req: NextRequest) => {
  const session = await getServerSession(authOptions);
  if (!session) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  return NextResponse.json(await db.notes.list(session.user.tenantId, req.nextUrl.searchParams.get('q')));
}) satisfies Handler;
