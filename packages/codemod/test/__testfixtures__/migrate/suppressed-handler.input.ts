import { getServerSession } from 'next-auth';
import { NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { impersonationTargets } from '@/lib/support';

export async function GET() {
  // eslint-disable-next-line tenant-isolation/require-tenant-context -- support staff act across tenants
  const session = await getServerSession(authOptions);
  if (session?.user?.role !== 'support') return NextResponse.json({ error: 'Forbidden' }, { status: 403 });
  return NextResponse.json(await impersonationTargets(session.user.id));
}
