import type { NextApiRequest, NextApiResponse } from 'next';
import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const session = await getServerSession(req, res, authOptions);
  if (!session) return req.query.view === 'public' ? res.status(200).json({ plans: ['free'] }) : res.status(401).json({ error: 'Unauthorized' });
  return res.status(200).json(await db.plans.forTenant(session.user.tenantId));
}
