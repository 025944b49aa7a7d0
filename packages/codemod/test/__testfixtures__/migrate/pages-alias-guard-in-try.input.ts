import type { NextApiRequest, NextApiResponse } from 'next';
import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

type CustomUser = { id: string; tenantId: string };

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  try {
    const session = await getServerSession(req, res, authOptions);
    const user = session?.user as CustomUser;
    if (!user?.id) return res.status(401).json({ error: 'Unauthorized' });
    return res.status(200).json(await db.documents.list(user.tenantId));
  } catch (error) {
    return res.status(500).json({ error: 'Internal error' });
  }
}
