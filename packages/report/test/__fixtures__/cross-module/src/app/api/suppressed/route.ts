import { getCurrentUser } from '@/lib/auth';

export async function GET() {
  // eslint-disable-next-line tenant-isolation/require-tenant-context -- migrated with the profile pages
  const user = await getCurrentUser();
  return Response.json(user);
}
