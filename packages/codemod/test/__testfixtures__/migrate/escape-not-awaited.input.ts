import { getServerSession } from 'next-auth';
import { NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export function GET() {
  return getServerSession(authOptions).then(async (session) => {
    if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
    return NextResponse.json(await db.customers.list(session.user.tenantId));
  });
}
