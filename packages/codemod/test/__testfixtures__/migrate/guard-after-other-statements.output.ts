import { NextRequest, NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const PUT = withTenantContext(async (req: NextRequest, { params }: { params: Promise<{ taskId: string }> }) => {
  const ctx = requireTenantContext();
  const { taskId } = await params;
  const changes = await req.json();

  const task = await db.tasks.update(ctx.tenantId, taskId, changes);
  return NextResponse.json(task);
});
