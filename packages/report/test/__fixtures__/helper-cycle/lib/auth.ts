import { getServerSession } from 'next-auth';

export async function getCurrentUser() {
  return (await getServerSession())?.user;
}
