import { withTenantApi } from '@/lib/pages-wrapper';

export default withTenantApi(async (_req: unknown, res: { json(body: unknown): void }) => {
  res.json({ ok: true });
});
