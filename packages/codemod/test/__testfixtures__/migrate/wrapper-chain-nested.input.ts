import { getServerSession } from 'next-auth';
import { NextRequest, NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';
import { withLogging } from '@/lib/logging';
import { withRateLimit } from '@/lib/rate-limit';

export const GET = withLogging(withRateLimit(async (req: NextRequest) => {
  const session = await getServerSession(authOptions);
  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  const q = req.nextUrl.searchParams.get('q') ?? '';
  return NextResponse.json(await db.search(session.user.tenantId, q));
}));
