import { NextRequest, NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async function GET(this: unknown, req: NextRequest) {
  const ctx = requireTenantContext();
  return NextResponse.json(await db.notes.list(ctx.tenantId, req.nextUrl.searchParams.get('q')));
});
