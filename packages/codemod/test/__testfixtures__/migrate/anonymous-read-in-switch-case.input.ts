import { getServerSession } from 'next-auth';
import { NextRequest, NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export async function GET(req: NextRequest) {
  switch (req.nextUrl.searchParams.get('format')) {
    case 'csv': {
      const session = await getServerSession(authOptions);
      if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
      return new NextResponse(await db.exports.csv(session.user.tenantId), { headers: { 'content-type': 'text/csv' } });
    }
    default:
      return NextResponse.json({ formats: ['csv'] });
  }
}
