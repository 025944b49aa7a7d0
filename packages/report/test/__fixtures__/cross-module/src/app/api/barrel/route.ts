import { getCurrentUser, scopedQuery } from '@/lib';
import { withTenantContext } from '@/lib/api-wrapper';

export async function GET() {
  return Response.json(await scopedQuery());
}

export const PUT = withTenantContext(async () => Response.json(await getCurrentUser()));
