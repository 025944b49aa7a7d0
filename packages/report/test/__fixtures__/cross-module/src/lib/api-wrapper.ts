import { getServerSession } from 'next-auth';
import { authOptions } from './auth';

type Handler = (req: Request, ctx?: unknown) => Promise<Response>;

// The audited entry point reads the session itself: that is not a handler reading it.
export function withTenantContext(handler: Handler): Handler {
  return async (req, ctx) => {
    const session = await getServerSession(authOptions);
    if (!session) return new Response('Unauthorized', { status: 401 });
    return handler(req, ctx);
  };
}
