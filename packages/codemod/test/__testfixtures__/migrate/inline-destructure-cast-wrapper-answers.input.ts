import { getServerSession, type Session } from 'next-auth';
import { NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export async function GET() {
  const { id, tenantId } = ((await getServerSession(authOptions)) as Session).user;
  return NextResponse.json(await db.preferences.get(tenantId, id));
}
