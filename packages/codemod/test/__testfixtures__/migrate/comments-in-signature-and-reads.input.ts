import { getServerSession } from 'next-auth';
import { NextRequest, NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export async function /* v2 */ GET(req: NextRequest /* the request */): Promise<Response> /* json */ {
  const session = await getServerSession(authOptions);
  if (!session) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  const tenantId = (session.user as any /* legacy shape */).tenantId;
  return NextResponse.json(await db.notes.list(tenantId));
}
