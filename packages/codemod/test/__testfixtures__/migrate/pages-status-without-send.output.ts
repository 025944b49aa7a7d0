import type { NextApiRequest, NextApiResponse } from 'next';
import { db } from '@/lib/db';
import { withTenantApiRoute } from '@/lib/api-wrapper';
import { getTenantContext } from '@/lib/tenant-utils';

export default withTenantApiRoute(async function handler(req: NextApiRequest, res: NextApiResponse) {
  const ctx = getTenantContext();
  if (!ctx) {
    res.status(401);
    return;
  }
  res.status(200).json(await db.notes.list(ctx.tenantId));
}, { requireAuth: false });
