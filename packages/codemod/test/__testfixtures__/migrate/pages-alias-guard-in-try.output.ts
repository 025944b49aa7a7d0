import type { NextApiRequest, NextApiResponse } from 'next';
import { db } from '@/lib/db';
import { withTenantApiRoute } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

type CustomUser = { id: string; tenantId: string };

export default withTenantApiRoute(async function handler(req: NextApiRequest, res: NextApiResponse) {
  try {
    const ctx = requireTenantContext();
    return res.status(200).json(await db.documents.list(ctx.tenantId));
  } catch (error) {
    return res.status(500).json({ error: 'Internal error' });
  }
});
