import { getServerSession } from 'next-auth';
import { NextRequest, NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export async function POST(req: NextRequest) {
    const session = await getServerSession(authOptions);
    if (!session?.user) {
        return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
    }
    const { name } = await req.json();
    if (typeof name !== 'string' || name.trim() === '') {
        return NextResponse.json({ error: 'name is required' }, { status: 400 });
    }
    const template = await db.templates.insert(session.user.tenantId, { name: name.trim(), createdBy: session.user.id });
    return NextResponse.json(template, { status: 201 });
}
