import { NextRequest, NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { getTenantContext } from '@/lib/tenant-utils';

export const PUT = withTenantContext(async (req: NextRequest, { params }: { params: Promise<{ taskId: string }> }) => {
  const ctx = getTenantContext();
  const { taskId } = await params;
  const changes = await req.json();

  if (!ctx) {
    return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  }

  const task = await db.tasks.update(ctx.tenantId, taskId, changes);
  return NextResponse.json(task);
}, { requireAuth: false });
