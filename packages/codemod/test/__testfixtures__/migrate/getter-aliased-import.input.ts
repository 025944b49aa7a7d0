import { getServerSession as getSession, unstable_getServerSession } from 'next-auth/next';
import { NextRequest, NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export async function GET() {
  const session = await getSession(authOptions);
  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  return NextResponse.json(await db.projects.list(session.user.tenantId));
}

export async function POST(req: NextRequest) {
  const session = await unstable_getServerSession(authOptions);
  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  const project = await db.projects.insert(session.user.tenantId, { ...(await req.json()), ownerId: session.user.id });
  return NextResponse.json(project, { status: 201 });
}
