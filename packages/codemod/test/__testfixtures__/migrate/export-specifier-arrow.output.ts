import { NextRequest, NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

const listTasks = withTenantContext(async (_req: NextRequest, { params }: { params: Promise<{ projectId: string }> }) => {
  const ctx = requireTenantContext();
  const { projectId } = await params;
  return NextResponse.json(await db.tasks.list(ctx.tenantId, projectId));
});

export { listTasks as GET };
