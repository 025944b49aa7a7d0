import { getServerSession } from 'next-auth';
import { NextRequest, NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

async function handler(req: NextRequest) {
  const session = await getServerSession(authOptions);
  if (!session?.user) {
    return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  }
  const entries = await db.timeEntries.list(session.user.tenantId, { method: req.method });
  return NextResponse.json(entries);
}

export { handler as GET, handler as HEAD };
