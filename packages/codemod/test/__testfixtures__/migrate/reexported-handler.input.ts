// The v1 URL serves the same invoices as the current one.
export { GET, HEAD } from '../../invoices/route';

export const dynamic = 'force-dynamic';
