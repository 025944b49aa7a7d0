import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export const runtime = 'nodejs';
export const revalidate = 0;

/** Used by the invoices page as well; it is not a route handler. */
export async function loadInvoices() {
  const session = await getServerSession(authOptions);
  if (!session?.user) return [];
  return db.invoices.list(session.user.tenantId);
}
