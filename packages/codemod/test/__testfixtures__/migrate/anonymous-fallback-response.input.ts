import { getServerSession } from 'next-auth';
import { NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export async function GET() {
  const session = await getServerSession(authOptions);
  if (!session?.user) {
    // Signed-out visitors get the public price list.
    return NextResponse.json({ plans: await db.plans.listPublic() });
  }
  return NextResponse.json({ plans: await db.plans.listForTenant(session.user.tenantId) });
}
