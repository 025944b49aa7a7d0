import type { NextApiRequest, NextApiResponse } from 'next';
import { getServerSession } from 'next-auth';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const session = await getServerSession(req, res);
  if (!session) return res.status(401).end();
  res.json({ tenant: session.user.tenantId });
}

export const retried = (req: NextApiRequest, res: NextApiResponse) => handler(req, res);
