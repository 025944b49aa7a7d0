import { getServerSession } from 'next-auth';
import { NextRequest, NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

// Anyone holding the link may read the shared report; only members of the workspace may change it.
export async function GET(_req: NextRequest, { params }: { params: Promise<{ reportId: string }> }) {
  const session = await getServerSession(authOptions);
  const { reportId } = await params;
  const report = await db.reports.shared(reportId);
  return NextResponse.json({ ...report, canEdit: session?.user?.tenantId === report.tenantId });
}

export const PUT = withTenantContext(async (req: NextRequest, { params }: { params: Promise<{ reportId: string }> }) => {
  const ctx = requireTenantContext();
  const { reportId } = await params;
  return NextResponse.json(await db.reports.update(ctx.tenantId, reportId, await req.json()));
});
