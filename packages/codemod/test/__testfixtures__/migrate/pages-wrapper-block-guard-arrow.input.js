import { getServerSession } from 'next-auth';
import { withTenantApiRoute } from '@/lib/api-wrapper';
import { authOptions } from '@/lib/auth';

const handler = async (req, res) => {
  const session = await getServerSession(req, res, authOptions);
  if (!session) {
    res.status(401).json({ error: 'Sign in first' });
    return;
  }
  res.json({ user: session.user.id });
};

export default handler;
