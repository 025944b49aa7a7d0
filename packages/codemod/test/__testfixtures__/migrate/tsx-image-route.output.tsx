import { ImageResponse } from 'next/og';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { getTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const ctx = getTenantContext();
  if (!ctx) return new Response('Unauthorized', { status: 401 });
  const tenant = await db.tenants.get(ctx.tenantId);
  return new ImageResponse(
    (
      <div style={{ display: 'flex', fontSize: 64 }}>
        {tenant.name} · {ctx.userName ?? ''}
      </div>
    ),
    { width: 1200, height: 630 },
  );
}, { requireAuth: false });
