import { getServerSession } from 'next-auth';
import { NextRequest, NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export async function GET(_req: NextRequest, ctx: { params: Promise<{ invoiceId: string }> }) {
  const session = await getServerSession(authOptions);
  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  const { invoiceId } = await ctx.params;
  const invoice = await db.invoices.get(session.user.tenantId, invoiceId);
  return invoice ? NextResponse.json(invoice) : NextResponse.json({ error: 'Not found' }, { status: 404 });
}
