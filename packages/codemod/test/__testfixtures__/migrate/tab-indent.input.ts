import { getServerSession } from 'next-auth';
import { NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export async function GET() {
	const session = await getServerSession(authOptions);
	if (!session?.user) {
		return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
	}
	const invitations = await db.invitations.list(session.user.tenantId);
	return NextResponse.json(invitations.filter((i) => !i.acceptedAt));
}
