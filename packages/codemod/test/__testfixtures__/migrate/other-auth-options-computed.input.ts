import { getServerSession } from 'next-auth';
import { NextRequest, NextResponse } from 'next/server';
import { getAuthOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export async function GET(req: NextRequest) {
  const session = await getServerSession(getAuthOptions(req.headers.get('host')));
  if (!session) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  return NextResponse.json({ role: session.user.role, rows: await db.notes.list(session.user.tenantId) });
}
