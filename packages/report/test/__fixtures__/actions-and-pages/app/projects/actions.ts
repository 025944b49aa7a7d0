'use server';

import { getCurrentUser } from '@/lib/auth';
import { withTenantContext } from '@/lib/api-wrapper';

export async function archiveProject(id: string) {
  const user = await getCurrentUser();
  return { id, by: user };
}

export const renameProject = withTenantContext(async (id: string, name: string) => ({ id, name }));
