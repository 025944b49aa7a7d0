import { NextRequest, NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export { handler as GET, handler as POST };

const handler = withTenantContext(async (req: NextRequest) => {
  const ctx = requireTenantContext();
  if (req.method === 'POST') return NextResponse.json(await db.tags.insert(ctx.tenantId, await req.json()));
  return NextResponse.json(await db.tags.list(ctx.tenantId));
});
