import { getServerSession } from 'next-auth';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';
import { authOptions } from '../auth';

export async function GET() {
  const session = await getServerSession(authOptions);
  return Response.json({ user: session?.user });
}

export const POST = withTenantContext(async () => Response.json(requireTenantContext()));
