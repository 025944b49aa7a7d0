import { getServerSession } from 'next-auth/next';

export const readSession = () => getServerSession();
