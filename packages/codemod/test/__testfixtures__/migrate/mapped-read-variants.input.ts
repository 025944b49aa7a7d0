import { getServerSession } from 'next-auth';
import { NextRequest, NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export async function POST(req: NextRequest) {
  const session = await getServerSession(authOptions);
  if (!session) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  const entry = {
    tenantId: (session.user as any).tenantId,
    actorId: session!.user!.id,
    actorEmail: session?.user?.email ?? null,
    actorName: session.user.name || 'unknown',
    actorRole: (session?.user as any)?.role,
    seat: session.user.tenantRole,
    path: req.nextUrl.pathname,
  };
  await db.auditLogs.insert(entry.tenantId, entry);
  return NextResponse.json({ ok: true });
}
