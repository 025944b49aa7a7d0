import { withTenantApiRoute } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

const handler = withTenantApiRoute(async (req, res) => {
  const ctx = requireTenantContext();
  res.json({ user: ctx.userId });
});

export default handler;
