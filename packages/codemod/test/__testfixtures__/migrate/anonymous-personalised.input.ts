import { getServerSession } from 'next-auth';
import { NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

// Everyone sees the public templates; signed-in users also see their workspace's own.
export async function GET() {
  const session = await getServerSession(authOptions);
  const templates = await db.templates.listPublic();
  if (session) {
    const own = await db.templates.list(session.user.tenantId);
    return NextResponse.json([...own, ...templates]);
  }
  return NextResponse.json(templates);
}
