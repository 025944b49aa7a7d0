import { withTenantApiRoute } from '@/lib/api-wrapper';
import { getTenantContext } from '@/lib/tenant-utils';

const handler = withTenantApiRoute(async (req, res) => {
  const ctx = getTenantContext();
  if (!ctx) {
    res.status(401).json({ error: 'Sign in first' });
    return;
  }
  res.json({ user: ctx.userId });
}, { requireAuth: false });

export default handler;
