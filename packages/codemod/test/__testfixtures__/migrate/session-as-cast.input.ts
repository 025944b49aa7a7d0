import { getServerSession } from 'next-auth';
import type { Session } from 'next-auth';
import { NextRequest, NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export async function GET() {
  const session = (await getServerSession(authOptions)) as Session | null;
  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  return NextResponse.json(await db.creditNotes.list(session.user.tenantId));
}

export async function POST(req: NextRequest) {
  const session = (await getServerSession(authOptions)) as Session;
  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  const note = await db.creditNotes.insert(session.user.tenantId, { ...(await req.json()), issuedBy: session.user.id });
  return NextResponse.json(note, { status: 201 });
}
