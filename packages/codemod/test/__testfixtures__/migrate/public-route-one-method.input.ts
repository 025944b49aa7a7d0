import { getServerSession } from 'next-auth';
import { NextRequest, NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

// Anyone holding the link may read the shared report; only members of the workspace may change it.
export async function GET(_req: NextRequest, { params }: { params: Promise<{ reportId: string }> }) {
  const session = await getServerSession(authOptions);
  const { reportId } = await params;
  const report = await db.reports.shared(reportId);
  return NextResponse.json({ ...report, canEdit: session?.user?.tenantId === report.tenantId });
}

export async function PUT(req: NextRequest, { params }: { params: Promise<{ reportId: string }> }) {
  const session = await getServerSession(authOptions);
  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  const { reportId } = await params;
  return NextResponse.json(await db.reports.update(session.user.tenantId, reportId, await req.json()));
}
