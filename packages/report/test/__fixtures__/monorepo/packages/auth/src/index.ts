import { getServerSession } from 'next-auth';

export async function currentMember() {
  return (await getServerSession())?.user ?? null;
}
