import { getServerSession, type NextAuthOptions } from 'next-auth';
import { NextResponse } from 'next/server';
import { adminAuthOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export async function GET() {
  const session = await getServerSession(adminAuthOptions as NextAuthOptions);
  if (!session) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  return NextResponse.json(await db.tenants.all(session.user.id));
}
