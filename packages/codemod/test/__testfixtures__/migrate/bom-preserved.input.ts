// Tenant settings: business name, invoice prefix, payment terms.
import { getServerSession } from 'next-auth';
import { NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export async function GET() {
  const session = await getServerSession(authOptions);
  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  // Prefixes may contain non-ASCII characters, e.g. « FAC-№ ».
  return NextResponse.json(await db.settings.get(session.user.tenantId, session.user.tenantId));
}
