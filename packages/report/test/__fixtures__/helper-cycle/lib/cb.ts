import { getCurrentUser } from './auth';
import { A } from './ca';

export function B(n: number): unknown {
  return n ? A(n - 1) : getCurrentUser();
}
