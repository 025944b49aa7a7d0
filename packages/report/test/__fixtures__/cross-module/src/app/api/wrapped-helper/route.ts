import { guardedLoad } from '@/lib/guarded';

export async function GET(req: Request) {
  return guardedLoad(req);
}
