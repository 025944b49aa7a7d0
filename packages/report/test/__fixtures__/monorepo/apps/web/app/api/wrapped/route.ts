import { withTenantContext } from '../../../lib/api-wrapper';

export const GET = withTenantContext(async () => Response.json({ ok: true }));
