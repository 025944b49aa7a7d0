import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async () => Response.json(requireTenantContext()));
