import { NextRequest, NextResponse } from 'next/server'
import { db } from '@/lib/db'
import { withTenantContext } from '@/lib/api-wrapper'
import { requireTenantContext } from '@/lib/tenant-utils'

export const GET = withTenantContext(async (req: NextRequest, { params }: { params: Promise<{ id: string }> }) => {
  const ctx = requireTenantContext()
  const tenantId = ctx.tenantId
  const role = ctx.role ?? 'member'
  const { id } = await params
  const policy = await db.policies.find(tenantId, id)
  if (!policy) return NextResponse.json({ error: 'Not found' }, { status: 404 })
  return NextResponse.json({ policy, viewer: { id: ctx.userId, role } })
})

export const DELETE = withTenantContext(async (req: NextRequest) => {
  const ctx = requireTenantContext()
  if (ctx.role !== 'admin') return NextResponse.json({ error: 'Forbidden' }, { status: 403 })
  await db.policies.clear(ctx.tenantId)
  return new NextResponse(null, { status: 204 })
})
