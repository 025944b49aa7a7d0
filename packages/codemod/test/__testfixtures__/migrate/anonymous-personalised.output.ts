import { NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { getTenantContext } from '@/lib/tenant-utils';

// Everyone sees the public templates; signed-in users also see their workspace's own.
export const GET = withTenantContext(async () => {
  const ctx = getTenantContext();
  const templates = await db.templates.listPublic();
  if (ctx) {
    const own = await db.templates.list(ctx.tenantId);
    return NextResponse.json([...own, ...templates]);
  }
  return NextResponse.json(templates);
}, { requireAuth: false });
