import { getServerSession } from 'next-auth';
import { NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

/** Throws when the request has no tenant header; predates the shared accessor. */
function requireTenantContext(headers: Headers): string {
  const tenant = headers.get('x-tenant');
  if (!tenant) throw new Error('missing x-tenant header');
  return tenant;
}

export async function GET(req: Request) {
  const session = await getServerSession(authOptions);
  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  const slug = requireTenantContext(req.headers);
  return NextResponse.json(await db.projects.list(session.user.tenantId, { slug }));
}
