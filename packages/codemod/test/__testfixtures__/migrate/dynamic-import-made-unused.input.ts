import { NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export async function PUT(req: Request) {
  // next-auth is loaded lazily to keep the cold start of this rarely used route small.
  const { getServerSession } = await import('next-auth');
  const session = await getServerSession(authOptions);
  if (!session?.user) {
    return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  }
  const body = await req.json();
  await db.branding.update(session.user.tenantId, body);
  return NextResponse.json({ ok: true });
}
