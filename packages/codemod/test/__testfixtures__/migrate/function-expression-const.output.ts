import { NextRequest, NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const POST = withTenantContext(async function (req: NextRequest) {
  const ctx = requireTenantContext();
  const body = await req.json();
  const project = await db.projects.insert(ctx.tenantId, { ...body, ownerId: ctx.userId });
  return NextResponse.json(project, { status: 201 });
});
