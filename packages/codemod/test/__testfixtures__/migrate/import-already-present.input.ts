import { getServerSession } from 'next-auth';
import { NextRequest, NextResponse } from 'next/server';
import { withTenantContext } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const ctx = requireTenantContext();
  return NextResponse.json(await db.customers.list(ctx.tenantId));
});

export async function POST(req: NextRequest) {
  const session = await getServerSession(authOptions);
  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  const customer = await db.customers.insert(session.user.tenantId, await req.json());
  return NextResponse.json(customer, { status: 201 });
}
