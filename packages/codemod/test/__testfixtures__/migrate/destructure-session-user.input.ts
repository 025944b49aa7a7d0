import { getServerSession } from 'next-auth';
import { NextRequest, NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export async function POST(req: NextRequest) {
  const session = await getServerSession(authOptions);
  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  const { tenantId, id: userId } = session.user;
  const email = session.user.email ?? null;
  const { role = 'member' } = session.user as any;
  if (role === 'viewer') return NextResponse.json({ error: 'Forbidden' }, { status: 403 });
  const entry = await db.timeEntries.insert(tenantId, { ...(await req.json()), userId, email });
  return NextResponse.json(entry, { status: 201 });
}
