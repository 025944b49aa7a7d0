import { NextRequest, NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

const handler = withTenantContext(async (req: NextRequest) => {
  const ctx = requireTenantContext();
  const entries = await db.timeEntries.list(ctx.tenantId, { method: req.method });
  return NextResponse.json(entries);
});

export { handler as GET, handler as HEAD };
