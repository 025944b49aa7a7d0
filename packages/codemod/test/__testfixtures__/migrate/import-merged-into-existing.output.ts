import { NextResponse } from 'next/server';
import { withCors, withTenantContext } from '@/lib/api-wrapper';
import { cache } from '@/lib/cache';
import { tenantCacheKey, requireTenantContext } from '@/lib/tenant-utils';

export const GET = withCors(withTenantContext(async () => {
  const ctx = requireTenantContext();
  const usage = await cache.get(tenantCacheKey(ctx.tenantId, 'usage'));
  return NextResponse.json(usage ?? { seats: 0, storageBytes: 0 });
}));
