import type { NextApiRequest, NextApiResponse } from 'next';
import { db } from '@/lib/db';
import { withTenantApiRoute } from '@/lib/api-wrapper';
import { getTenantContext } from '@/lib/tenant-utils';

export default withTenantApiRoute(async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'GET') {
    res.setHeader('Allow', 'GET');
    return res.status(405).json({ error: 'Method not allowed' });
  }
  const ctx = getTenantContext();
  if (!ctx) {
    res.status(401).json({ error: 'Unauthorized' });
    return;
  }
  res.status(200).json(await db.projects.list(ctx.tenantId));
}, { requireAuth: false });
