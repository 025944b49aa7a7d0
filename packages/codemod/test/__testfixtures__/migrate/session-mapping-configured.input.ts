import { getServerSession } from 'next-auth';
import { NextRequest, NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export async function POST(req: NextRequest) {
  const session = await getServerSession(authOptions);
  if (!session?.user?.organizationId) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  const { sub: userId, organizationId } = session.user;
  const entry = await db.timeEntries.insert(organizationId, { ...(await req.json()), userId, seat: session.user.seatType });
  return NextResponse.json(entry, { status: 201 });
}

export async function GET() {
  const session = await getServerSession(authOptions);
  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  return NextResponse.json(await db.timeEntries.list(session.user.organizationId, { userId: session.user.id }));
}
