import { getServerSession } from 'next-auth';
import { NextRequest, NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

const FILTERS = ['status', 'owner', 'tag'];

export async function GET(req: NextRequest) {
  const where: Record<string, string> = {};
  for (const key of FILTERS) {
    const value = req.nextUrl.searchParams.get(key);
    if (value) where[key] = value;
  }
  const session = await getServerSession(authOptions);
  if (!session) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  return NextResponse.json(await db.projects.findMany({ where: { ...where, tenantId: session.user.tenantId } }));
}
