import { getServerSession } from 'next-auth';

export const authOptions = { providers: [] };

async function readSession() {
  return getServerSession(authOptions);
}

export async function getCurrentUser() {
  const session = await readSession();
  return session?.user ?? null;
}

export function formatName(user: { name?: string | null }): string {
  return user.name ?? 'anonymous';
}

/** Helpers grouped in an object, and in a class: whoever uses them reads the session. */
export const sessionService = {
  async tenantOf() {
    const session = await getServerSession(authOptions);
    return (session?.user as { tenantId?: string } | undefined)?.tenantId;
  },
};

export class SessionReader {
  static async current() {
    return getServerSession(authOptions);
  }
}
