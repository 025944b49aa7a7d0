import { getServerSession } from 'next-auth';
import { NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { audit } from '@/lib/audit';
import { db } from '@/lib/db';

export async function DELETE() {
  const session = await getServerSession(authOptions);
  if (!session) {
    await audit('denied');
    return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  }
  await db.sessions.revokeAll(session.user.id);
  return new NextResponse(null, { status: 204 });
}
