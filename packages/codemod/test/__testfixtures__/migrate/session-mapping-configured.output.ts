import { getServerSession } from 'next-auth';
import { NextRequest, NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const POST = withTenantContext(async (req: NextRequest) => {
  const ctx = requireTenantContext();
  const { userId, tenantId: organizationId } = ctx;
  const entry = await db.timeEntries.insert(organizationId, { ...(await req.json()), userId, seat: ctx.tenantRole });
  return NextResponse.json(entry, { status: 201 });
});

export async function GET() {
  const session = await getServerSession(authOptions);
  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  return NextResponse.json(await db.timeEntries.list(session.user.organizationId, { userId: session.user.id }));
}
