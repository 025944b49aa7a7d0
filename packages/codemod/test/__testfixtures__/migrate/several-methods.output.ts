import { NextRequest, NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext, getTenantContext } from '@/lib/tenant-utils';

type RouteContext = { params: Promise<{ projectId: string }> };

export const GET = withTenantContext(async (_req: NextRequest, { params }: RouteContext) => {
  const ctx = requireTenantContext();
  const { projectId } = await params;
  const project = await db.projects.get(ctx.tenantId, projectId);
  if (!project) return NextResponse.json({ error: 'Not found' }, { status: 404 });
  return NextResponse.json(project);
});

export const PATCH = withTenantContext(async (req: NextRequest, { params }: RouteContext) => {
  const ctx = requireTenantContext();
  const { projectId } = await params;
  const changes = await req.json();
  const project = await db.projects.update(ctx.tenantId, projectId, { ...changes, updatedBy: ctx.userId });
  return NextResponse.json(project);
});

export const DELETE = withTenantContext(async (_req: NextRequest, { params }: RouteContext) => {
  const ctx = getTenantContext();
  if (!ctx || ctx.role !== 'admin') {
    return NextResponse.json({ error: 'Forbidden' }, { status: 403 });
  }
  const { projectId } = await params;
  await db.projects.remove(ctx.tenantId, projectId);
  return new NextResponse(null, { status: 204 });
}, { requireAuth: false });
