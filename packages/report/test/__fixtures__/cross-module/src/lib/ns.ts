import { getServerSession } from 'next-auth/next';
import { authOptions } from './auth';

export function requireUser() {
  return getServerSession(authOptions);
}
