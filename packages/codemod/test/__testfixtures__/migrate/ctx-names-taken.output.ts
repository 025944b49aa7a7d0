import { NextRequest, NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

type RouteContext = { params: Promise<{ projectId: string }> };

export const POST = withTenantContext(async (req: NextRequest, ctx: RouteContext) => {
  const tenantContext = requireTenantContext();
  const { projectId } = await ctx.params;
  const tenantCtx = await db.tenants.settings(tenantContext.tenantId);
  const file = await db.files.insert(tenantContext.tenantId, projectId, {
    ...(await req.json()),
    maxBytes: tenantCtx.uploadLimitBytes,
    uploadedBy: tenantContext.userId,
  });
  return NextResponse.json(file, { status: 201 });
});
