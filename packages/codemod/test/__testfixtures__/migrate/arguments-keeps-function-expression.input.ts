import { getServerSession } from 'next-auth';
import { NextRequest, NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';
import { traceHandler } from '@/lib/tracing';

export async function POST(req: NextRequest) {
  const session = await getServerSession(authOptions);
  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  traceHandler('POST /api/webhooks/replay', arguments);
  const replayed = await db.webhooks.replay(session.user.tenantId, await req.json());
  return NextResponse.json({ replayed });
}
