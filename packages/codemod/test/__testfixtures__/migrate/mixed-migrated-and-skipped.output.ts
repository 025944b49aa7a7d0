import { getServerSession } from 'next-auth';
import { NextRequest, NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';
import { sendInvoiceEmail } from '@/lib/email';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const GET = withTenantContext(async (_req: NextRequest, { params }: { params: Promise<{ invoiceId: string }> }) => {
  const ctx = requireTenantContext();
  const { invoiceId } = await params;
  return NextResponse.json(await db.invoices.get(ctx.tenantId, invoiceId));
});

export async function POST(_req: NextRequest, { params }: { params: Promise<{ invoiceId: string }> }) {
  const session = await getServerSession(authOptions);
  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  const { invoiceId } = await params;
  const invoice = await db.invoices.get(session.user.tenantId, invoiceId);
  await sendInvoiceEmail(invoice, session);
  return NextResponse.json({ sent: true });
}
