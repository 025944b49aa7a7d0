import { getServerSession } from 'next-auth';
import { NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { permissionsFor } from '@/lib/permissions';

export async function GET() {
  const session = await getServerSession(authOptions);
  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  const permissions = await permissionsFor(session.user.tenantId, session.user.role);
  return NextResponse.json({ ...session.user, permissions });
}
