import { getServerSession } from 'next-auth';
import { NextRequest, NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export async function POST() {
  const session = await getServerSession(authOptions);
  if (!session) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  if (session.user.email === undefined) return NextResponse.json({ needsProfile: true }, { status: 422 });
  return NextResponse.json(await db.notes.create(session.user.tenantId), { status: 201 });
}
