import { A } from '../../../lib/ca';

export async function POST() {
  return Response.json(await A(1));
}
