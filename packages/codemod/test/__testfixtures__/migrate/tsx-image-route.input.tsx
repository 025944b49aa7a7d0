import { getServerSession } from 'next-auth';
import { ImageResponse } from 'next/og';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export async function GET() {
  const session = await getServerSession(authOptions);
  if (!session?.user) return new Response('Unauthorized', { status: 401 });
  const tenant = await db.tenants.get(session.user.tenantId);
  return new ImageResponse(
    (
      <div style={{ display: 'flex', fontSize: 64 }}>
        {tenant.name} · {session.user.name ?? ''}
      </div>
    ),
    { width: 1200, height: 630 },
  );
}
