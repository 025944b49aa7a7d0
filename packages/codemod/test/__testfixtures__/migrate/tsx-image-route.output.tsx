import { ImageResponse } from 'next/og';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => {
  const ctx = requireTenantContext();
  const tenant = await db.tenants.get(ctx.tenantId);
  return new ImageResponse(
    (
      <div style={{ display: 'flex', fontSize: 64 }}>
        {tenant.name} · {ctx.userName}
      </div>
    ),
    { width: 1200, height: 630 },
  );
});
