import type { NextApiRequest, NextApiResponse } from 'next';
import { db } from '@/lib/db';
import { withTenantApiRoute } from '@/lib/api-wrapper';
import { getTenantContext } from '@/lib/tenant-utils';

export default withTenantApiRoute(async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.query.view === 'public') res.status(200).json({ status: 'ok' });
  const ctx = getTenantContext();
  if (!ctx) return res.status(401).json({ error: 'Unauthorized' });
  return res.status(200).json(await db.status.forTenant(ctx.tenantId));
}, { requireAuth: false });
