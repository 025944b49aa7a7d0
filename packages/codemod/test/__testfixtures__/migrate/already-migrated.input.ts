import { NextRequest, NextResponse } from 'next/server';
import { withTenantContext } from '@/lib/api-wrapper';
import { db } from '@/lib/db';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const ctx = requireTenantContext();
  return NextResponse.json(await db.tasks.list(ctx.tenantId));
});

export const POST = withTenantContext(async (req: NextRequest) => {
  const { tenantId, userId } = requireTenantContext();
  const task = await db.tasks.insert(tenantId, { ...(await req.json()), createdBy: userId });
  return NextResponse.json(task, { status: 201 });
});
