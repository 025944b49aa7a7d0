import { getServerSession } from 'next-auth'
import { NextRequest, NextResponse } from 'next/server'
import { authOptions } from '@/lib/auth'
import { db } from '@/lib/db'

export async function GET(req: NextRequest) {
  const session = await getServerSession(authOptions)
  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 })
  const limit = Number(req.nextUrl.searchParams.get('limit') ?? 50)
  return NextResponse.json(await db.auditLogs.list(session.user.tenantId, { limit }))
}

export const DELETE = async () => {
  const session = await getServerSession(authOptions)
  if (!session || session.user.role !== 'owner') return NextResponse.json({ error: 'Forbidden' }, { status: 403 })
  await db.auditLogs.purge(session.user.tenantId)
  return new NextResponse(null, { status: 204 })
}
