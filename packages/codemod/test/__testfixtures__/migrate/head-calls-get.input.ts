import { getServerSession } from 'next-auth';
import { NextRequest, NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export async function GET(req: NextRequest) {
  const session = await getServerSession(authOptions);
  if (!session) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  return NextResponse.json(await db.files.list(session.user.tenantId));
}

export async function HEAD(req: NextRequest) {
  const response = await GET(req);
  return new NextResponse(null, { status: response.status, headers: response.headers });
}
