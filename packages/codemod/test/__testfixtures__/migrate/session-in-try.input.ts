import { getServerSession } from 'next-auth';
import { NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export async function GET() {
  try {
    const session = await getServerSession(authOptions);
    if (!session?.user?.id) {
      return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
    }
    const members = await db.members.list(session.user.tenantId);
    return NextResponse.json(members);
  } catch (error) {
    console.error('GET /api/team/members failed', error);
    return NextResponse.json({ error: 'Internal error' }, { status: 500 });
  }
}
