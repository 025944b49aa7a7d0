import { NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { getTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const ctx = getTenantContext();
  if (!ctx) {
    return NextResponse.json({ error: 'Unauthorized' }, { status: 401, headers: { 'WWW-Authenticate': 'Bearer realm="api"' } });
  }
  return NextResponse.json(await db.apiKeys.list(ctx.tenantId));
}, { requireAuth: false });
