import { getServerSession } from 'next-auth';
import { NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { audit } from '@/lib/audit';
import { db } from '@/lib/db';

export async function GET() {
  await audit('page-view');
  const session = await getServerSession(authOptions);
  if (!session) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  return NextResponse.json(await db.dashboards.summary(session.user.tenantId));
}
