import { getCurrentUser } from '@/lib/auth';

export default async function handler(_req: unknown, res: { json(body: unknown): void }) {
  res.json(await getCurrentUser());
}
