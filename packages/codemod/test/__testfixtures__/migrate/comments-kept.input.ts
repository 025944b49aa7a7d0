import { getServerSession } from 'next-auth';
import { NextRequest, NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

/**
 * Lists the members of the caller's workspace, owners first.
 * @see docs/api/team.md
 */
export async function GET(/* unused */ _req: NextRequest) {
  // Everything below is scoped to the caller's tenant.
  const session = await getServerSession(authOptions); // the caller
  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  /* Owners are listed first. */
  const members = await db.members.list(session.user.tenantId /* tenant scope */);
  return NextResponse.json(members); // 200
} // GET
