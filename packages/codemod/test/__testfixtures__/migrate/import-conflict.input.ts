import { getServerSession } from 'next-auth';
import { NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/legacy/tenant-header';

// The legacy wrapper only copies the tenant header onto the response; it does not authenticate.
export const GET = withTenantContext(async () => {
  const session = await getServerSession(authOptions);
  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  return NextResponse.json(await db.projects.list(session.user.tenantId));
});
