import { getServerSession } from 'next-auth';
import { NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export async function GET() {
  const session = await getServerSession(authOptions);
  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  const profile = await db.members.get(session.user.tenantId, session.user.id);
  return NextResponse.json({ ...profile, avatarUrl: session.user.image ?? profile.avatarUrl });
}

export async function HEAD() {
  const session = await getServerSession(authOptions);
  if (!session) return new NextResponse(null, { status: 401 });
  const expiresSoon = session.expires < new Date(Date.now() + 5 * 60_000).toISOString();
  return new NextResponse(null, { status: 204, headers: { 'x-session-refresh': expiresSoon ? '1' : '0' } });
}
