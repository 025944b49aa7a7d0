import { getServerSession } from 'next-auth';
import { withTenantContext } from './api-wrapper';
import { authOptions } from './auth';

export const guardedLoad = withTenantContext(async () => {
  const session = await getServerSession(authOptions);
  return Response.json(session);
});
