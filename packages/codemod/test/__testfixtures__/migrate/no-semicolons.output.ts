import { NextRequest, NextResponse } from 'next/server'
import { db } from '@/lib/db'
import { withTenantContext } from '@/lib/api-wrapper'
import { requireTenantContext, getTenantContext } from '@/lib/tenant-utils'

export const GET = withTenantContext(async (req: NextRequest) => {
  const ctx = requireTenantContext()
  const limit = Number(req.nextUrl.searchParams.get('limit') ?? 50)
  return NextResponse.json(await db.auditLogs.list(ctx.tenantId, { limit }))
})

export const DELETE = withTenantContext(async () => {
  const ctx = getTenantContext()
  if (!ctx || ctx.role !== 'owner') return NextResponse.json({ error: 'Forbidden' }, { status: 403 })
  await db.auditLogs.purge(ctx.tenantId)
  return new NextResponse(null, { status: 204 })
}, { requireAuth: false })
