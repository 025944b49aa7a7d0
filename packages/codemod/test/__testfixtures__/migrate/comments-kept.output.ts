import { NextRequest, NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

/**
 * Lists the members of the caller's workspace, owners first.
 * @see docs/api/team.md
 */
export const GET = withTenantContext(async (/* unused */ _req: NextRequest) => {
  // Everything below is scoped to the caller's tenant.
  const ctx = requireTenantContext(); // the caller
  /* Owners are listed first. */
  const members = await db.members.list(ctx.tenantId /* tenant scope */);
  return NextResponse.json(members); // 200
}); // GET
