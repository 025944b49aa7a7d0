import { getServerSession } from 'next-auth';
import { NextResponse } from 'next/server';
import { withCors } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';
import { cache } from '@/lib/cache';
import { tenantCacheKey } from '@/lib/tenant-utils';

export const GET = withCors(async () => {
  const session = await getServerSession(authOptions);
  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  const usage = await cache.get(tenantCacheKey(session.user.tenantId, 'usage'));
  return NextResponse.json(usage ?? { seats: 0, storageBytes: 0 });
});
