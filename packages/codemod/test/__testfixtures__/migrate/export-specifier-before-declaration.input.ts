import { getServerSession } from 'next-auth';
import { NextRequest, NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export { handler as GET, handler as POST };

async function handler(req: NextRequest) {
  const session = await getServerSession(authOptions);
  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  if (req.method === 'POST') return NextResponse.json(await db.tags.insert(session.user.tenantId, await req.json()));
  return NextResponse.json(await db.tags.list(session.user.tenantId));
}
