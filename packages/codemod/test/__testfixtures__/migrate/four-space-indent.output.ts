import { NextRequest, NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { withTenantContext } from '@/lib/api-wrapper';
import { requireTenantContext } from '@/lib/tenant-utils';

export const POST = withTenantContext(async (req: NextRequest) => {
    const ctx = requireTenantContext();
    const { name } = await req.json();
    if (typeof name !== 'string' || name.trim() === '') {
        return NextResponse.json({ error: 'name is required' }, { status: 400 });
    }
    const template = await db.templates.insert(ctx.tenantId, { name: name.trim(), createdBy: ctx.userId });
    return NextResponse.json(template, { status: 201 });
});
