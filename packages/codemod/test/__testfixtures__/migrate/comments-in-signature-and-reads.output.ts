import { NextRequest, NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async /* v2 */ (req: NextRequest /* the request */): Promise<Response> /* json */ => {
  const ctx = requireTenantContext();
  const tenantId = ctx.tenantId /* legacy shape */;
  return NextResponse.json(await db.notes.list(tenantId));
});
