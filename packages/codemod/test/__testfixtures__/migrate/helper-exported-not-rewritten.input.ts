import { getServerSession } from 'next-auth';
import { NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

/** Also used by the project pages, which render outside any route handler. */
export async function currentTenantId() {
  const session = await getServerSession(authOptions);
  return session?.user?.tenantId ?? null;
}

export async function GET() {
  const tenantId = await currentTenantId();
  if (!tenantId) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  return NextResponse.json(await db.projects.list(tenantId));
}
