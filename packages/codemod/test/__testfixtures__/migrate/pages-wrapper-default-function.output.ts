import type { NextApiRequest, NextApiResponse } from 'next';
import { db } from '@/lib/db';
import { withTenantApiRoute } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const config = { api: { bodyParser: false } };

/** Lists the invoices of the caller's tenant. */
export default withTenantApiRoute(async function handler(req: NextApiRequest, res: NextApiResponse) {
  const ctx = requireTenantContext();
  res.json(await db.invoices.list(ctx.tenantId, req.query.page));
});
