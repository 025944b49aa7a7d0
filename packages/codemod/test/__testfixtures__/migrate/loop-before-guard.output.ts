import { NextRequest, NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

const FILTERS = ['status', 'owner', 'tag'];

export const GET = withTenantContext(async (req: NextRequest) => {
  const where: Record<string, string> = {};
  for (const key of FILTERS) {
    const value = req.nextUrl.searchParams.get(key);
    if (value) where[key] = value;
  }
  const ctx = requireTenantContext();
  return NextResponse.json(await db.projects.findMany({ where: { ...where, tenantId: ctx.tenantId } }));
});
