import { getServerSession } from 'next-auth';
import { NextRequest, NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export async function DELETE() {
  const session = await getServerSession(authOptions);
  const role = session?.user?.role ?? '';
  if (!['owner', 'admin'].includes(role)) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  await db.workspace.purge(session!.user.tenantId);
  return new NextResponse(null, { status: 204 });
}
